using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;

namespace Dashboard.ApiTests.Support;

/// <summary>A form of a page as the browser would post it: where to, and its fields with the values the page gave them.</summary>
public sealed record HtmlForm(string Action, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    private static readonly Regex FormTag = new("""<form\b(?<attrs>[^>]*)>(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase);
    private static readonly Regex Field = new("""<(?<tag>input|select|textarea)\b(?<attrs>[^>]*)>""", RegexOptions.IgnoreCase);
    private static readonly Regex Option = new("""<option\b[^>]*\bvalue="(?<value>[^"]*)"[^>]*>""", RegexOptions.IgnoreCase);

    /// <summary>The forms that post to the server (not the ones a circuit handles), with their fields.</summary>
    public static IReadOnlyList<HtmlForm> Parse(string html, string pageUrl) => FormTag.Matches(html)
        .Where(f => string.Equals(Attribute(f.Groups["attrs"].Value, "method"), "post", StringComparison.OrdinalIgnoreCase))
        .Select(f =>
        {
            var body = f.Groups["body"].Value;
            var fields = Field.Matches(body)
                .Select(m => (tag: m.Groups["tag"].Value.ToLowerInvariant(), attrs: m.Groups["attrs"].Value, at: m.Index + m.Length))
                .Where(x => Attribute(x.attrs, "name") is { Length: > 0 } && Attribute(x.attrs, "type") is not ("submit" or "button"))
                .Select(x => KeyValuePair.Create(Attribute(x.attrs, "name")!, x.tag == "select"
                    ? Option.Match(body, x.at).Groups["value"].Value
                    : Attribute(x.attrs, "value") ?? ""))
                .ToList();
            var action = Attribute(f.Groups["attrs"].Value, "action");
            return new HtmlForm(string.IsNullOrEmpty(action) ? pageUrl : action.StartsWith('/') ? action : "/" + action, fields);
        })
        .ToList();

    private static string? Attribute(string attrs, string name) =>
        Regex.Match(attrs, $"""(?:^|\s){name}="(?<v>[^"]*)"|(?:^|\s){name}(?=\s|$)""", RegexOptions.IgnoreCase) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups["v"].Value)
            : null;
}

/// <summary>Someone sending requests to the app: signed out, signed in with a role's account through the real sign-in form, or with an API key.</summary>
public sealed class Visitor : IDisposable
{
    public const string AuthCookie = "Dashboard.Auth";

    private readonly AppServer _app;
    private readonly CookieContainer _cookies = new();
    private readonly string? _email;

    private Visitor(AppServer app, string name, string? email, string? apiKey)
    {
        _app = app;
        Name = name;
        _email = email;
        Http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            CookieContainer = _cookies,
        }) { BaseAddress = new Uri(app.BaseUrl) };
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public string Name { get; }
    public HttpClient Http { get; }
    public int SignIns { get; private set; }
    public HashSet<string> FormsSeen { get; } = [];

    public static Visitor SignedOut(AppServer app) => new(app, "afgemeld", null, null);

    public static Visitor WithApiKey(AppServer app, string secret) => new(app, "API-sleutel", null, secret);

    public bool SignsIn => _email is not null;

    /// <summary>Signed in with the role's account, or with <paramref name="email"/>'s (an account made with that role).</summary>
    public static async Task<Visitor> SignedInAsync(AppServer app, string role, string? email = null)
    {
        var visitor = new Visitor(app, role, email ?? AppServer.Email(role), null);
        await visitor.SignInAsync();
        return visitor;
    }

    /// <summary>Signs in again when a request (a sign-out) took the cookie away, so that the rest is still sent as this role.</summary>
    public async Task StaySignedInAsync()
    {
        if (_email is not null && _cookies.GetCookies(Http.BaseAddress!).All(c => c.Name != AuthCookie || c.Expired))
        {
            await SignInAsync();
        }
    }

    private async Task SignInAsync()
    {
        using var response = await SignInAsync("/");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && _cookies.GetCookies(Http.BaseAddress!)[AuthCookie] is not null,
            $"Signing in as {_email}: {(int)response.StatusCode}");
    }

    /// <summary>Signs in through the real sign-in form, which sends the browser on to <paramref name="returnUrl"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string returnUrl)
    {
        var page = "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var get = await Http.GetAsync(page);
        if (get.StatusCode != HttpStatusCode.OK)
        {
            return get;
        }
        var form = HtmlForm.Parse(await get.Content.ReadAsStringAsync(), page).Single();
        get.Dispose();
        var fields = form.Fields.Where(f => !f.Key.StartsWith("Input.", StringComparison.Ordinal))
            .Append(KeyValuePair.Create("Input.Email", _email!))
            .Append(KeyValuePair.Create("Input.Password", AppServer.Password));
        SignIns++;
        return await Http.PostAsync(form.Action, new FormUrlEncodedContent(fields));
    }

    public void Dispose() => Http.Dispose();
}
