using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Dashboard.Api;
using Dashboard.ApiTests.Support;
using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Dashboard.ApiTests;

/// <summary>
/// Issue 29: no request answers 500. Every query parameter, route value, form field, API body and API header of every
/// endpoint and page the running app has gets a set of hostile values, signed out, as each role and with an API key;
/// any 5xx, any redirect away from the app and any exception the app logs fails the test.
/// </summary>
[Trait("Category", "Api")]
public class HostileInputTests(HostileInputTests.Server app, ITestOutputHelper output) : IClassFixture<HostileInputTests.Server>
{
    public sealed class Server : ApiServer
    {
        public LogCapture Log { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Api:RequestsPerMinute"] = "1000000",
            ["Security:SignInAttemptsPerMinute"] = "1000000",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(Log));
        }
    }

    private static readonly (string Name, string Value)[] Hostile =
    [
        ("empty", ""),
        ("NUL", "/x\0y"),
        ("CR/LF", "/x\r\nSet-Cookie: a=b"),
        ("quotes", "'\"`;--"),
        ("script", "<script>alert(1)</script>"),
        ("path", "../../etc/passwd"),
        ("long", new string('x', 10_000)),
        ("too large", "99999999999999999999"),
        ("negative", "-1"),
        ("no such date", "2023-02-30"),
        ("non-ASCII", "/¿Ωé中😀"),
        ("percent", "%zz%"),
        ("shell", ";env;"),
    ];

    /// <summary>Bodies that are not what the endpoint accepts, besides each property with each hostile value.</summary>
    private static readonly (string Name, HttpContent Content)[] BadBodies =
    [
        ("no body", new ByteArrayContent([])),
        ("malformed", Json("{not json")),
        ("array", Json("[1,2]")),
        ("null", Json("null")),
        ("string", Json("\"x\"")),
        ("deep", Json(new string('[', 10_000) + new string(']', 10_000))),
        ("huge", Json("{\"note\":\"" + new string('x', 2_000_000) + "\"}")),
        ("not UTF-8", new ByteArrayContent([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } }),
        ("text", new StringContent("{}", Encoding.UTF8, "text/plain")),
        ("form", new FormUrlEncodedContent([KeyValuePair.Create("a", "b")])),
    ];

    private static readonly string[] WrongJsonValues = ["1e400", "true", "{}", "[]", "-99999999999999999999", "\"2023-02-30\""];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private sealed record Failure(string Problem, string Method, string Target, string Input, string Value, string Visitor, string Detail);

    private readonly ConcurrentQueue<Failure> _failures = new();
    private int _requests;

    [Fact]
    public async Task EveryInputOfEveryEndpointAndPage_WithHostileValues_AsEveryone_NeverAnswers500_NorLogsAnException()
    {
        var clock = Stopwatch.StartNew();
        var pages = AppSurface.Pages();
        var endpoints = AppSurface.Endpoints(app.Services);
        // The pages found from the router are the pages the app serves.
        Assert.Equal(pages.Select(p => p.Route.RawText!).ToHashSet(StringComparer.OrdinalIgnoreCase).Order(),
            AppSurface.PageEndpointTemplates(app.Services).Order(StringComparer.OrdinalIgnoreCase));
        var targets = pages.Concat(endpoints).ToList();
        var samples = await SamplesAsync();

        var visitors = new List<Visitor> { Visitor.SignedOut(app), Visitor.WithApiKey(app, await app.SecretAsync(ApiScopes.All.ToArray())) };
        foreach (var role in DashboardRoles.All)
        {
            visitors.Add(await Visitor.SignedInAsync(app, role));
        }
        try
        {
            await Task.WhenAll(visitors.Select(v => Task.Run(() => SweepAsync(v, targets, samples))));
        }
        finally
        {
            visitors.ForEach(v => v.Dispose());
        }

        output.WriteLine($"{targets.Count} addresses ({pages.Count} pages, {endpoints.Count} endpoints), " +
            $"{targets.Sum(t => t.Route.Parameters.Count + t.Query.Count + t.Headers.Count)} inputs, {Hostile.Length} hostile values, " +
            $"{visitors.Count} visitors: {_requests} requests, {visitors.Sum(v => v.SignIns)} sign-ins, {clock.Elapsed.TotalSeconds:0} s");
        foreach (var target in targets)
        {
            output.WriteLine($"  {target.Name}  route: {string.Join(", ", target.Route.Parameters.Select(p => p.Name))}  " +
                $"query: {string.Join(", ", target.Query)}  headers: {string.Join(", ", target.Headers)}  body: {target.Body?.Name}");
        }
        // One line per address and input, with the values and visitors it failed for; one per distinct log message.
        var failures = _failures.GroupBy(f => $"{f.Problem} for {f.Method} {f.Target} ({f.Input})")
            .Select(g => $"{g.Key}: values {string.Join(", ", g.Select(f => f.Value).Distinct())}; " +
                $"as {string.Join(", ", g.Select(f => f.Visitor).Distinct())}; e.g. {g.First().Detail}")
            .Concat(app.Log.Failures.Distinct())
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(100)));
    }

    public static TheoryData<string, string> ReportedAddresses() => new()
    {
        // issue 29 as found from outside, and a return address that is fine
        { "/taal/en-GB?terug=%2Fetc%2Fpasswd%00", "/" },
        { "/taal/en-GB?terug=%2FAccount%2FManage%0Aenv%3B", "/" },
        { "/taal/en-GB?terug=%2FAccount%2FManage%C2%BF%27%22%28", "/" },
        { "/taal/en-GB?terug=%2F%2Fevil.example%2F", "/" },
        { "/taal/en-GB?terug=%2Fplannen%3Fpeildatum%3D2023-03-01", "/plannen?peildatum=2023-03-01" },
        { "/Account/Login?ReturnUrl=%2FAccount%2FManage%C2%BF%27%22%28", "" },
        { "/presentatie?bijpraatsessie=%3Benv%3B", "404" },
        { "/presentatie?bijpraatsessie=2023-02-30", "404" },
        { "/presentatie?bijpraatsessie=99999999999999999999", "404" },
        { "/presentatie?bijpraatsessie=%27", "404" },
        { "/presentatie?bijpraatsessie=999999", "404" },
        { "/plannen/999999/presentatie", "404" },
        { "/presentatie?dia=%3Cscript%3E", "200" },
    };

    [Theory]
    [MemberData(nameof(ReportedAddresses))]
    public async Task TheReportedAddresses_GoBackHome_OrAreNotFound_ForASignedInManager(string url, string expected)
    {
        using var manager = await Visitor.SignedInAsync(app, DashboardRoles.Manager);

        using var response = url.StartsWith("/Account/Login", StringComparison.Ordinal)
            ? await manager.SignInAsync(Uri.UnescapeDataString(url[(url.IndexOf('=') + 1)..]))
            : await manager.Http.GetAsync(url);

        switch (expected)
        {
            case "404":
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.Contains("Pagina niet gevonden", await response.Content.ReadAsStringAsync());
                break;
            case "200":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                break;
            default:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                var location = response.Headers.Location!;
                Assert.True(IsOwn(location), location.ToString());
                Assert.Equal(expected.Length > 0 ? expected : "/", new Uri(new Uri(app.BaseUrl), location).PathAndQuery);
                break;
        }
    }

    [Fact]
    public async Task ANotificationsFormWithAValueItCannotHold_SavesNothing_AndNamesTheFieldInDutch()
    {
        var (id, email) = await app.CreateUserAsync(DashboardRoles.CouncilMember);
        using var member = await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember, email);
        using var page = await member.Http.GetAsync("/Account/Manage");
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync(), "/Account/Manage")
            .Single(f => f.Fields.Any(x => x.Key == "_handler" && x.Value == "notifications"));

        foreach (var (field, value, label) in new[]
                 {
                     ("Notifications.Reminders", "<script>", "Herinneringen"),
                     ("Notifications.Language", "xx-XX", "Taal"),
                 })
        {
            var fields = form.Fields.Where(f => f.Key != field).Append(KeyValuePair.Create(field, value))
                .Select(f => f.Key == "Notifications.Digests" ? KeyValuePair.Create(f.Key, "false") : f);
            using var response = await member.Http.PostAsync(form.Action, new FormUrlEncodedContent(fields));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Niet opgeslagen", html);
            Assert.Contains(label, html[html.IndexOf("Niet opgeslagen", StringComparison.Ordinal)..], StringComparison.OrdinalIgnoreCase);
            await using var db = app.Db();
            var user = await db.Users.SingleAsync(u => u.Id == id);
            Assert.True(user.ReceiveReminders && user.ReceiveDigests);
        }
    }

    [Fact]
    public async Task ABadExportKind_IsA400_WithADutchMessageNamingIt()
    {
        using var admin = await Visitor.SignedInAsync(app, DashboardRoles.Admin);
        var ids = await app.IdsAsync();

        using var response = await admin.Http.GetAsync($"/beheer/export/{ids.Plan}?kind=%3Cscript%3E");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("De parameter kind moet plan, milestones, measurements zijn.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APeildatumInTheAddressThatIsNoDate_ShowsTodayAndSaysSo()
    {
        using var member = await Visitor.SignedInAsync(app, DashboardRoles.CouncilMember);

        var html = WebUtility.HtmlDecode(await member.Http.GetStringAsync("/?peildatum=2023-02-30"));

        Assert.Contains("De peildatum in het adres is geen datum", html);
        Assert.DoesNotContain("De peildatum in het adres", WebUtility.HtmlDecode(await member.Http.GetStringAsync("/?peildatum=2023-02-28")));
    }

    /// <summary>What one request tries: on which address, which input, with which value.</summary>
    private sealed record Probe(string Method, string Url, string Target, string Input = "-", string Value = "-");

    private async Task SweepAsync(Visitor visitor, IReadOnlyList<Target> targets, Func<Target, RoutePatternParameterPart, string> sample)
    {
        // The return address is used only once the sign-in succeeds: each hostile one with the role's real password.
        foreach (var (name, value) in Hostile.Where(_ => visitor.SignsIn))
        {
            await CheckAsync(visitor, new Probe("POST", "/Account/Login", "/Account/Login (signing in)", "?ReturnUrl", name), () => visitor.SignInAsync(value));
        }
        foreach (var target in targets)
        {
            string Valid(RoutePatternParameterPart p) => Uri.EscapeDataString(sample(target, p));
            var path = target.Path(Valid);
            var raw = target.Route.RawText ?? path;
            var body = target.ExampleBody is { } example ? JsonSerializer.Serialize(example, example.GetType(), ApiProblems.Json) : null;

            if (target.Route.Parameters.Count + target.Query.Count + target.Headers.Count == 0 && target.Body is null)
            {
                await SendAsync(visitor, new Probe(target.Method, path, raw), body);
            }
            foreach (var parameter in target.Route.Parameters)
            {
                foreach (var (name, value) in Hostile)
                {
                    var url = target.Path(p => p == parameter ? Uri.EscapeDataString(value) : Valid(p));
                    await SendAsync(visitor, new Probe(target.Method, url, raw, $"{{{parameter.Name}}}", name), body);
                }
            }
            foreach (var query in target.Query)
            {
                foreach (var (name, value) in Hostile)
                {
                    await SendAsync(visitor, new Probe(target.Method, $"{path}?{query}={Uri.EscapeDataString(value)}", raw, $"?{query}", name), body);
                }
            }
            foreach (var header in target.Headers)
            {
                // A header cannot carry a control character or a non-ASCII one: the client refuses to send it.
                foreach (var (name, value) in Hostile.Where(h => !h.Value.Any(char.IsControl) && h.Value.All(c => c < 128)))
                {
                    await SendAsync(visitor, new Probe(target.Method, path, raw, $"header {header}", name), body, (header, value));
                }
            }
            if (target.Body is { } type)
            {
                await SweepBodyAsync(visitor, target, path, raw, type);
            }
            if (target.Method == "GET" && !raw.StartsWith(ApiEndpoints.Prefix, StringComparison.Ordinal))
            {
                await SweepFormsAsync(visitor, path, raw);
            }
        }
    }

    private async Task SweepBodyAsync(Visitor visitor, Target target, string path, string raw, Type type)
    {
        foreach (var (name, content) in BadBodies)
        {
            await SendAsync(visitor, new Probe(target.Method, path, raw, "body", name), content: await CopyAsync(content));
        }
        var example = target.ExampleBody is { } e
            ? JsonSerializer.SerializeToNode(e, e.GetType(), ApiProblems.Json)!.AsObject()
            : new System.Text.Json.Nodes.JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Select(p => ApiProblems.CamelCase(p.Name)))
        {
            var values = Hostile.Select(h => (h.Name, Json: JsonSerializer.Serialize(h.Value))).Concat(WrongJsonValues.Select(v => (Name: v, Json: v)));
            foreach (var (name, json) in values)
            {
                var body = example.DeepClone().AsObject();
                body[property] = System.Text.Json.Nodes.JsonNode.Parse(json);
                await SendAsync(visitor, new Probe(target.Method, path, raw, $"body {property}", name), body.ToJsonString());
            }
        }
    }

    /// <summary>Each form the page shows this visitor, posted with each field (its antiforgery token and form name too) set to each hostile value.</summary>
    private async Task SweepFormsAsync(Visitor visitor, string path, string raw)
    {
        using var page = await visitor.Http.GetAsync(path);
        if (page.StatusCode != HttpStatusCode.OK || page.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return;
        }
        // A form of the layout is on every page: once is enough.
        foreach (var form in HtmlForm.Parse(await page.Content.ReadAsStringAsync(), path)
                     .Where(f => visitor.FormsSeen.Add(f.Action + " " + string.Join(",", f.Fields.Select(x => x.Key)))))
        {
            foreach (var field in form.Fields.Select(f => f.Key).Distinct())
            {
                foreach (var (name, value) in Hostile)
                {
                    var fields = form.Fields.Select(f => f.Key == field ? KeyValuePair.Create(f.Key, value) : f).ToList();
                    await SendAsync(visitor, new Probe("POST", form.Action, $"{form.Action} (form on {raw})", $"field {field}", name),
                        content: new FormUrlEncodedContent(fields));
                }
            }
        }
    }

    private async Task SendAsync(Visitor visitor, Probe probe, string? json = null, (string Name, string Value)? header = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url)
        {
            Content = content ?? (json is null || probe.Method == "GET" ? null : Json(json)),
        };
        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }
        await CheckAsync(visitor, probe, () => visitor.Http.SendAsync(request));
        await visitor.StaySignedInAsync();
    }

    private async Task CheckAsync(Visitor visitor, Probe probe, Func<Task<HttpResponseMessage>> send)
    {
        Interlocked.Increment(ref _requests);
        void Fail(string problem, string detail) =>
            _failures.Enqueue(new Failure(problem, probe.Method, probe.Target, probe.Input, probe.Value, visitor.Name, detail));
        try
        {
            using var response = await send();
            var status = (int)response.StatusCode;
            // 503 is the PDF without Chromium: a known state, not a failure.
            if (status >= 500 && status != 503)
            {
                Fail(status.ToString(System.Globalization.CultureInfo.InvariantCulture), probe.Url.Length > 150 ? probe.Url[..150] + "…" : probe.Url);
            }
            if (status is >= 300 and < 400 && response.Headers.Location is { } location && !IsOwn(location))
            {
                Fail("redirect away", location.ToString());
            }
            // Kestrel itself refuses a NUL in the path or an address too long, before the app: no body, no problem document.
            var byServer = response.Content.Headers.ContentType is null && status is 400 or 414 or 431;
            if (status >= 400 && !byServer && probe.Url.StartsWith(ApiEndpoints.Prefix, StringComparison.Ordinal)
                && response.Content.Headers.ContentType?.MediaType != ApiProblems.ContentType)
            {
                Fail("no problem document", $"{status} {response.Content.Headers.ContentType}");
            }
        }
        catch (HttpRequestException e)
        {
            Fail("no answer", e.Message);
        }
    }

    private bool IsOwn(Uri location) => location.IsAbsoluteUri
        ? location.GetLeftPart(UriPartial.Authority) == new Uri(app.BaseUrl).GetLeftPart(UriPartial.Authority)
        : location.OriginalString.StartsWith('/') && !location.OriginalString.StartsWith("//", StringComparison.Ordinal)
            && !location.OriginalString.StartsWith("/\\", StringComparison.Ordinal);

    private static async Task<HttpContent> CopyAsync(HttpContent content)
    {
        var copy = new ByteArrayContent(await content.ReadAsByteArrayAsync());
        foreach (var header in content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return copy;
    }

    /// <summary>A value that opens the address on the demo data, for the route values that are not the one under test; by the word before it.</summary>
    private async Task<Func<Target, RoutePatternParameterPart, string>> SamplesAsync()
    {
        var ids = await app.IdsAsync();
        // The demo data has no rapportage yet: the browser tests' sample makes a concept once.
        var report = (await AppRoutes.UrlAsync(app, "/rapportages/{Id:int}")).Split('/')[^1];
        var byWord = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["plannen"] = $"{ids.Plan}", ["plans"] = $"{ids.Plan}", ["export"] = $"{ids.Plan}",
            ["speerpunten"] = $"{ids.Spearpoint}", ["spearpoints"] = $"{ids.Spearpoint}",
            ["bijpraatsessies"] = $"{ids.Briefing}", ["briefings"] = $"{ids.Briefing}",
            ["rapportages"] = report,
            ["indicators"] = $"{ids.Indicator}", ["milestones"] = $"{ids.Milestone}",
            ["rapportages"] = $"{ids.Report}", ["reports"] = $"{ids.Report}",
            ["taal"] = "en-GB", ["openapi"] = "v1", ["reference"] = "v1",
        };
        return (target, parameter) =>
        {
            var segments = target.Route.PathSegments.ToList();
            var at = segments.FindIndex(s => s.Parts.Contains(parameter));
            var word = at > 0 && segments[at - 1].Parts is [RoutePatternLiteralPart literal] ? literal.Content : "";
            return byWord.TryGetValue(word, out var value) ? value
                : parameter.IsOptional || parameter.IsCatchAll ? ""
                : throw new InvalidOperationException($"{target.Name}: no sample for {{{parameter.Name}}} after '{word}'; add one to {nameof(SamplesAsync)}.");
        };
    }
}
