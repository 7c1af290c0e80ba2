using System.Net;
using System.Text.Json;
using Dashboard.ApiTests.Support;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using static Dashboard.ApiTests.Support.ApiServer;

namespace Dashboard.ApiTests;

/// <summary>The API against the real app on a Kestrel port: the document, the keys, the scopes, the refusals, the writes.</summary>
[Trait("Category", "Api")]
public class ApiTests(ApiServer app) : IClassFixture<ApiServer>
{
    private const string Measurement = """{"date":"2023-03-31","value":41.5,"note":"Uit het meldingensysteem"}""";

    /// <summary>One request per endpoint, with a key that holds every scope: each must succeed.</summary>
    private static IEnumerable<(string Method, string Template, Func<DemoIds, string> Url, string? Body)> Endpoints() =>
    [
        ("GET", "/api/v1/plans", _ => "/api/v1/plans?peildatum=2023-03-01", null),
        ("GET", "/api/v1/plans/{planId}", d => $"/api/v1/plans/{d.Plan}?peildatum=2023-03-01", null),
        ("GET", "/api/v1/plans/{planId}/spearpoints/{id}", d => $"/api/v1/plans/{d.Plan}/spearpoints/{d.Spearpoint}", null),
        ("GET", "/api/v1/plans/{planId}/questions", d => $"/api/v1/plans/{d.Plan}/questions?peildatum=2023-03-31", null),
        ("GET", "/api/v1/plans/{planId}/spearpoints/{id}/questions", d => $"/api/v1/plans/{d.Plan}/spearpoints/{d.Spearpoint}/questions", null),
        ("GET", "/api/v1/plans/{planId}/indicators/{id}", d => $"/api/v1/plans/{d.Plan}/indicators/{d.Indicator}?peildatum=2023-06-30", null),
        ("GET", "/api/v1/plans/{planId}/briefings", d => $"/api/v1/plans/{d.Plan}/briefings", null),
        ("GET", "/api/v1/plans/{planId}/briefings/{id}", d => $"/api/v1/plans/{d.Plan}/briefings/{d.Briefing}", null),
        ("GET", "/api/v1/plans/{planId}/reports", d => $"/api/v1/plans/{d.Plan}/reports", null),
        ("GET", "/api/v1/plans/{planId}/reports/{id}", d => $"/api/v1/plans/{d.Plan}/reports/{d.Report}", null),
        ("GET", "/api/v1/plans/{planId}/reports/{id}/pdf", d => $"/api/v1/plans/{d.Plan}/reports/{d.Report}/pdf", null),
        ("POST", "/api/v1/plans/{planId}/indicators/{id}/measurements", d => $"/api/v1/plans/{d.Plan}/indicators/{d.Indicator}/measurements", Measurement),
        ("POST", "/api/v1/plans/{planId}/spearpoints/{id}/status", d => $"/api/v1/plans/{d.Plan}/spearpoints/{d.Spearpoint}/status",
            """{"status":"onTrack","explanation":"Geleverd door de koppeling."}"""),
        ("POST", "/api/v1/plans/{planId}/milestones/{id}/complete", d => $"/api/v1/plans/{d.Plan}/milestones/{d.Milestone}/complete",
            """{"completedOn":"2023-06-30"}"""),
    ];

    private static readonly Dictionary<string, string?> ScopeOf = new()
    {
        ["GET"] = ApiScopes.Read,
        ["/api/v1/plans/{planId}/indicators/{id}/measurements"] = ApiScopes.Measurements,
        ["/api/v1/plans/{planId}/spearpoints/{id}/status"] = ApiScopes.Status,
        ["/api/v1/plans/{planId}/milestones/{id}/complete"] = ApiScopes.Status,
    };

    /// <summary>Every read answers JSON, except the PDF of a rapportage.</summary>
    private static string MediaType(string template) => template.EndsWith("/pdf", StringComparison.Ordinal) ? "application/pdf" : "application/json";

    private static string Scope(string method, string template) => method == "GET" ? ApiScopes.Read : ScopeOf[template]!;

    [Fact]
    public async Task EveryEndpointOfTheDocument_IsExercised_AndEveryExercisedOneIsInTheDocument()
    {
        using var http = app.Client(null);
        await using var stream = await http.GetStreamAsync("/openapi/v1.json");
        var read = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        var document = read.Document!;
        var documented = document.Paths
            .SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();

        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read, ApiScopes.Measurements, ApiScopes.Status));
        var exercised = new HashSet<string>();
        var answers = new Dictionary<string, JsonElement>();
        foreach (var (method, template, url, body) in Endpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url(ids)) { Content = body is null ? null : Json(body) };
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{method} {template}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.StartsWith(MediaType(template), response.Content.Headers.ContentType!.ToString());
            exercised.Add($"{method} {template}");
            if (method == "GET" && MediaType(template) == "application/json")
            {
                answers[template] = await ReadAsync(response);
            }
        }

        Assert.Equal(documented.Order(), exercised.Order());
        // Every operation is described, and the writes come with an example.
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{method} {path} has no summary");
                Assert.False(string.IsNullOrWhiteSpace(operation.Description), $"{method} {path} has no description");
                if (method == HttpMethod.Post)
                {
                    Assert.NotNull(operation.RequestBody!.Content!["application/json"].Example);
                }
                else
                {
                    // Each read says what it answers, and its peildatum is a date.
                    Assert.True(operation.Responses!["200"].Content?.ContainsKey(MediaType(path)) == true, $"{method} {path} does not document its 200 answer");
                    if (MediaType(path) == "application/json")
                    {
                        var ok = operation.Responses["200"].Content!["application/json"];
                        Assert.NotNull(ok.Schema);
                        // A named schema in components, and an example with exactly the fields the live answer has.
                        Assert.IsType<OpenApiSchemaReference>(ok.Schema);
                        Assert.NotNull(ok.Example);
                        Assert.Equal(answers[path].EnumerateObject().Select(p => p.Name).Order(),
                            ok.Example!.AsObject().Select(p => p.Key).Order());
                    }
                    Assert.Equal("date", operation.Parameters!.Single(p => p.Name == "peildatum").Schema!.Format);
                }
            }
        }
        Assert.Contains("bearer", document.Components!.SecuritySchemes!.Keys);
    }

    [Fact]
    public async Task EachScope_OpensExactlyItsOwnEndpoints()
    {
        var ids = await app.IdsAsync();
        foreach (var scope in ApiScopes.All)
        {
            using var client = app.Client(await app.SecretAsync(scope));
            foreach (var (method, template, url, body) in Endpoints())
            {
                var before = await app.SnapshotAsync();
                using var request = new HttpRequestMessage(new HttpMethod(method), url(ids)) { Content = body is null ? null : Json(body) };
                using var response = await client.SendAsync(request);
                if (Scope(method, template) == scope)
                {
                    // A milestone done once is done: a second completion with the same date may be refused as conflicting or unchanged.
                    Assert.True(response.IsSuccessStatusCode || template.EndsWith("complete", StringComparison.Ordinal),
                        $"{scope} on {method} {template}: {(int)response.StatusCode}");
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                    var problem = await ReadAsync(response);
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
                    Assert.Contains(Scope(method, template), problem.GetProperty("detail").GetString());
                    Assert.Equal(before, await app.SnapshotAsync());
                }
            }
        }
    }

    public static TheoryData<string, string> BadKeys() => new()
    {
        { "none", "" },
        { "not bearer", "Basic dXNlcjpwYXNz" },
        { "malformed", "Bearer abc" },
        { "unknown", "Bearer vd_" + new string('A', 43) },
        { "expired", "expired" },
        { "revoked", "revoked" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task WithoutAValidKey_EveryEndpointAnswers401_WithBearerChallenge(string kind, string header)
    {
        if (kind is "expired" or "revoked")
        {
            var (id, secret, _) = await app.TokenAsync(ApiScopes.All.ToArray());
            await using var db = app.Db();
            if (kind == "expired")
            {
                await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
            }
            else
            {
                Assert.True((await app.Get<Api.ApiTokens>().RevokeAsync(Admin, id)).Succeeded);
            }
            header = "Bearer " + secret;
        }
        var ids = await app.IdsAsync();
        using var http = app.Client(null);
        foreach (var (method, template, url, body) in Endpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url(ids)) { Content = body is null ? null : Json(body) };
            if (header.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", header);
            }
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(401, (await ReadAsync(response)).GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task ASignInCookie_DoesNotCountOnTheApi()
    {
        using var http = app.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans");
        request.Headers.Add("Cookie", "Dashboard.Auth=forged");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string, string, int, string> BadInput() => new()
    {
        // endpoint, content type, body, status, the field (or header) the message names
        { "measurements", "application/json", """{"value":3}""", 422, "date" },
        { "measurements", "application/json", """{"date":"31-03-2023","value":3}""", 422, "date" },
        { "measurements", "application/json", """{"date":"2023-03-31","value":"12,5"}""", 422, "value" },
        { "measurements", "application/json", """{"date":"2023-03-31"}""", 422, "value" },
        { "measurements", "application/json", """{"date":"2023-03-31","value":1e12}""", 422, "value" },
        { "measurements", "application/json", """{"date":"2031-03-31","value":3}""", 422, "date" },
        { "measurements", "application/json", """{"date":"2023-03-31","value":3,"note":"a\u0007b"}""", 422, "note" },
        { "measurements", "application/json", "{\"date\":\"2023-03-31\",\"value\":3,\"note\":\"" + new string('x', 1001) + "\"}", 422, "note" },
        { "measurements", "application/json", """{"date":"2023-03-31","value":3,"note":42}""", 422, "note" },
        { "measurements", "application/json", "[1,2]", 400, "" },
        { "measurements", "application/json", "{not json", 400, "" },
        { "measurements", "application/json", "", 400, "" },
        { "measurements", "text/plain", Measurement, 415, "" },
        { "measurements", "application/json", "{\"note\":\"" + new string('x', 70_000) + "\"}", 413, "" },
        { "status", "application/json", """{"status":"purple","explanation":"x"}""", 422, "status" },
        { "status", "application/json", """{"explanation":"x"}""", 422, "status" },
        { "status", "application/json", """{"status":"onTrack"}""", 422, "explanation" },
        { "status", "application/json", """{"status":"delayed","explanation":"Later klaar."}""", 422, "cause" },
        { "complete", "application/json", """{"completedOn":"2099-01-01"}""", 422, "completedOn" },
        { "complete", "application/json", """{}""", 422, "completedOn" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_GivesAProblemDocumentInDutch_NamingTheField_AndChangesNoRow(string endpoint, string contentType, string body, int status,
        string field)
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.All.ToArray()));
        var url = endpoint switch
        {
            "measurements" => $"/api/v1/plans/{ids.Plan}/indicators/{ids.Indicator}/measurements",
            "status" => $"/api/v1/plans/{ids.Plan}/spearpoints/{ids.Spearpoint}/status",
            _ => $"/api/v1/plans/{ids.Plan}/milestones/{ids.Milestone}/complete",
        };
        var before = await app.SnapshotAsync();

        using var response = await client.PostAsync(url, new StringContent(body, System.Text.Encoding.UTF8, contentType));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await ReadAsync(response);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field.Length > 0)
        {
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
            // Dutch, and naming the field by its Dutch label.
            var label = field switch
            {
                "date" => "Datum", "value" => "Waarde", "note" => "Notitie", "status" => "Status", "explanation" => "Toelichting",
                "cause" => "Oorzaak", _ => "Datum gereed",
            };
            Assert.Contains(label, message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task ABadPeildatum_OrAnIdOfAnotherPlan_IsRefusedCleanly()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.All.ToArray()));

        using var bad = await client.GetAsync($"/api/v1/plans/{ids.Plan}?peildatum=31-03-2023");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("peildatum", (await ReadAsync(bad)).GetProperty("errors").GetProperty("peildatum")[0].GetString());

        var other = ids.Plan + 1000;
        var before = await app.SnapshotAsync();
        foreach (var (method, url, body) in new (string, string, string?)[]
        {
            ("GET", $"/api/v1/plans/{other}", null),
            ("GET", $"/api/v1/plans/{other}/spearpoints/{ids.Spearpoint}", null),
            ("GET", $"/api/v1/plans/{other}/indicators/{ids.Indicator}", null),
            ("GET", $"/api/v1/plans/{other}/briefings/{ids.Briefing}", null),
            ("POST", $"/api/v1/plans/{other}/indicators/{ids.Indicator}/measurements", Measurement),
            ("POST", $"/api/v1/plans/{other}/spearpoints/{ids.Spearpoint}/status", """{"status":"onTrack","explanation":"x"}"""),
            ("POST", $"/api/v1/plans/{other}/milestones/{ids.Milestone}/complete", """{"completedOn":"2023-06-30"}"""),
            ("GET", "/api/v1/bestaat-niet", null),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body is null ? null : Json(body) };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        Assert.Equal(before, await app.SnapshotAsync());
    }

    [Fact]
    public async Task TheSameIdempotencyKeyTwice_StoresOneMeasurement_AndAnotherRequestWithItIsRefused()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Measurements));
        var url = $"/api/v1/plans/{ids.Plan}/indicators/{ids.Indicator}/measurements";
        var key = Guid.NewGuid().ToString();
        await using var db = app.Db();
        var count = await db.Measurements.CountAsync();

        HttpResponseMessage Post(string body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request).GetAwaiter().GetResult();
        }

        using var first = Post(Measurement);
        using var second = Post(Measurement);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(count + 1, await db.Measurements.CountAsync());

        using var other = Post("""{"date":"2023-03-31","value":99}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Contains("Idempotency-Key", (await ReadAsync(other)).GetProperty("detail").GetString());
        Assert.Equal(count + 1, await db.Measurements.CountAsync());
    }

    [Fact]
    public async Task TheSameIdempotencyKeyAtTheSameMoment_StoresOnce_AndEveryDeliveryGetsTheFirstAnswer()
    {
        await using var db = app.Db();
        // The demo plan's first indicator counted in units (not IdsAsync: the other tests here may have completed every open milestone).
        var plan = await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var indicator = await db.Indicators.Where(i => i.Spearpoint!.PlanId == plan && i.EndedAt == null && !i.Unit.StartsWith("%"))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Measurements));
        var url = $"/api/v1/plans/{plan}/indicators/{indicator}/measurements";
        var key = Guid.NewGuid().ToString();
        var note = "Tegelijk " + key[..8];
        var body = $$"""{"date":"2023-03-31","value":7,"note":"{{note}}"}""";

        // Eight deliveries at once: whichever commits its save with the key first, the others' transactions store nothing.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(1, await db.Measurements.CountAsync(m => m.Note == note));
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == key);
        Assert.Equal((201, answers[0].Body), (record.StatusCode, record.Body));
    }

    [Fact]
    public async Task IfMatch_WithAnOldVersion_Is412_WithTheCurrentVersion_AndTheRightOneSaves()
    {
        var ids = await app.IdsAsync();
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read, ApiScopes.Status));
        var url = $"/api/v1/plans/{ids.Plan}/spearpoints/{ids.Spearpoint}";
        using var get = await client.GetAsync(url);
        var etag = get.Headers.ETag!.Tag;
        var version = int.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        var before = await app.SnapshotAsync();

        using var stale = new HttpRequestMessage(HttpMethod.Post, url + "/status") { Content = Json("""{"status":"onTrack","explanation":"Volgens plan."}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{version + 7}\"");
        using var conflict = await client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        Assert.Equal(etag, conflict.Headers.ETag!.Tag);
        Assert.Equal(version, (await ReadAsync(conflict)).GetProperty("currentVersion").GetInt32());
        Assert.Equal(before, await app.SnapshotAsync());

        using var fresh = new HttpRequestMessage(HttpMethod.Post, url + "/status") { Content = Json("""{"status":"onTrack","explanation":"Volgens plan."}""") };
        fresh.Headers.TryAddWithoutValidation("If-Match", etag);
        using var saved = await client.SendAsync(fresh);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal($"\"{version + 1}\"", saved.Headers.ETag!.Tag);

        using var milestone = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/plans/{ids.Plan}/milestones/{ids.Milestone}/complete")
        {
            Content = Json("""{"completedOn":"2023-06-30"}"""),
        };
        milestone.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
        using var milestoneConflict = await client.SendAsync(milestone);
        Assert.Equal(HttpStatusCode.PreconditionFailed, milestoneConflict.StatusCode);
    }

    [Fact]
    public async Task AWriteThroughTheApi_IsAudited_AsTheKey_WithOriginApi_NeverAsThePersonWhoMadeIt()
    {
        var ids = await app.IdsAsync();
        var (_, secret, name) = await app.TokenAsync(ApiScopes.Measurements);
        using var client = app.Client(secret);

        using var response = await client.PostAsync($"/api/v1/plans/{ids.Plan}/indicators/{ids.Indicator}/measurements", Json(Measurement));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = app.Db();
        var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == "AddMeasurement");
        Assert.Equal("api", entry.Origin);
        Assert.Equal($"API-sleutel ‘{name}’", entry.Actor);
        var measurement = await db.Measurements.OrderByDescending(m => m.Id).FirstAsync();
        Assert.Equal($"API-sleutel ‘{name}’", measurement.Author);
        var made = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == "CreateApiToken");
        Assert.Contains("Test beheerder", made.Actor);
        Assert.DoesNotContain(secret, made.NewValues);
    }

    [Fact]
    public async Task Reads_FollowThePeildatum_AsThePagesDo()
    {
        var ids = await app.IdsAsync();
        // The live history: the demo plan's council (and a key without the live scope) reads its released rapportages.
        using var client = app.Client(await app.SecretAsync(ApiScopes.Read, ApiScopes.Live));

        var early = await ReadAsync(await client.GetAsync($"/api/v1/plans/{ids.Plan}/indicators/{ids.Indicator}?peildatum=2022-01-31"));
        var late = await ReadAsync(await client.GetAsync($"/api/v1/plans/{ids.Plan}/indicators/{ids.Indicator}?peildatum=2023-12-31"));

        Assert.Equal("2022-01-31", early.GetProperty("peildatum").GetString());
        Assert.True(early.GetProperty("measurements").GetArrayLength() < late.GetProperty("measurements").GetArrayLength());
        Assert.All(early.GetProperty("measurements").EnumerateArray(), m => Assert.True(string.CompareOrdinal(m.GetProperty("date").GetString(), "2022-01-31") <= 0));
        // Numbers are JSON numbers, dates ISO.
        var value = late.GetProperty("measurements")[0].GetProperty("value");
        Assert.Equal(JsonValueKind.Number, value.ValueKind);
        Assert.DoesNotContain(",", value.GetRawText());
    }
}
