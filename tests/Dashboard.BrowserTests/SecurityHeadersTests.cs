using System.Net;
using Dashboard.BrowserTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dashboard.BrowserTests;

/// <summary>
/// The security headers (a CSP without unsafe-eval, nosniff, a referrer policy, HSTS, no Server header) on every response,
/// and no endpoint without its own authorization rule.
/// </summary>
[Trait("Category", "Browser")]
public class SecurityHeadersTests(AppServer app) : IClassFixture<AppServer>
{
    public static TheoryData<string> Urls()
    {
        var data = new TheoryData<string>();
        foreach (var route in AppRoutes.Templates)
        {
            data.Add(route);
        }
        foreach (var extra in new[] { "/app.css", "/_framework/blazor.web.js", "/favicon.png", "/bestaat-niet", "/taal/en-GB?terug=/", "/Account/Logout" })
        {
            data.Add(extra);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string route)
    {
        using var http = app.CreateHttpClient();
        var url = route.Contains('{') ? await AppRoutes.UrlAsync(app, route) : route;

        using var response = await http.GetAsync(url);

        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var csp = headers["Content-Security-Policy"];
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
        Assert.Equal("strict-origin-when-cross-origin", headers["Referrer-Policy"]);
        Assert.StartsWith("max-age=", headers["Strict-Transport-Security"]);
        Assert.False(headers.ContainsKey("Server"), "the Server header gives away the stack");
    }

    [Fact]
    public async Task AnonymousVisitors_AreSentToSignIn_FromEveryPageThatNeedsIt()
    {
        using var http = app.CreateHttpClient();

        foreach (var route in new[] { "/", await AppRoutes.UrlAsync(app, "/speerpunten/{Id:int}"), "/beheer", "/Account/Manage" })
        {
            using var response = await http.GetAsync(route);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath);
        }
        using var statement = await http.GetAsync("/toegankelijkheid");
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
    }

    [Fact]
    public void EveryEndpoint_StatesItsOwnAuthorizationRule()
    {
        var endpoints = app.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var unstated = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            // Blazor's own endpoints: the circuit hub (a circuit renders only what AuthorizeRouteView allows
            // its user), its redirect helper, and the static files' fallback.
            .Where(e => !FrameworkEndpoints.Any(prefix => e.RoutePattern.RawText!.TrimStart('/').StartsWith(prefix, StringComparison.Ordinal)))
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(unstated.Count == 0, "Endpoints without [Authorize] or [AllowAnonymous]:\n" + string.Join("\n", unstated));
    }

    private static readonly string[] FrameworkEndpoints = ["_blazor", "_framework/", "{**path:file}"];

    [Fact]
    public async Task ErrorsOutsideDevelopment_ShowNoDetails()
    {
        using var http = app.CreateHttpClient();

        using var response = await http.GetAsync("/Error");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("Er ging iets mis", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
    }
}
