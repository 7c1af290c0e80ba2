using System.Net;
using System.Net.Sockets;
using Dashboard.ClusterTests.Support;

namespace Dashboard.ClusterTests;

/// <summary>
/// The repository's nginx configuration in front of two instances: new visitors are spread, the route cookie keeps a
/// visitor on its instance, and the instances believe the forwarded scheme and client from nginx, and from nobody else.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class NginxTests(Cluster cluster)
{
    private HttpClient Client(string? route = null) => cluster.CreateHttpClient(route);

    private static string? RouteSet(HttpResponseMessage response) => Cluster.RouteSet(response);

    [SkippableFact]
    public async Task NewVisitors_AreSpreadOverBothInstances_AndTheRouteCookieKeepsEachOnItsOwn()
    {
        cluster.SkipIfMissing();
        using var newcomer = Client();
        var routes = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            routes.Add(RouteSet(await newcomer.GetAsync("/health")));
        }
        Assert.Equal(["app1", "app2"], routes.Distinct().Order());

        foreach (var instance in cluster.Instances)
        {
            using var pinned = Client(instance.Name);
            for (var i = 0; i < 4; i++)
            {
                var response = await pinned.GetAsync("/health");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(instance.Name, RouteSet(response));
            }
        }
        // A cookie naming no instance counts as none.
        using var stranger = Client("app9");
        Assert.Contains(RouteSet(await stranger.GetAsync("/health")), new[] { "app1", "app2" });
    }

    [SkippableFact]
    public async Task BehindNginx_TheAppSeesHttps_SendsHsts_AndRedirectsToHttps()
    {
        cluster.SkipIfMissing();
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "dashboard.example.nl";
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://dashboard.example.nl/Account/Login?ReturnUrl=%2F", response.Headers.Location?.ToString());
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        // The app sends no Server header; nginx names itself without its version (server_tokens off).
        Assert.Equal("nginx", response.Headers.GetValues("Server").Single());
        var signIn = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Account/Login") { Headers = { Host = "dashboard.example.nl" } });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.All(signIn.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // Plain HTTP on nginx only points at HTTPS.
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var redirect = await plain.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{cluster.Nginx.HttpPort}/speerpunten/1")
        {
            Headers = { Host = "dashboard.example.nl" },
        });
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https://dashboard.example.nl/speerpunten/1", redirect.Headers.Location?.ToString());
    }

    [SkippableFact]
    public async Task TheForwardedScheme_IsBelievedFromTheConfiguredProxyOnly()
    {
        cluster.SkipIfMissing();
        // Security:ForwardedProxies names 127.0.0.1 (where nginx connects from); another address on this machine is not it.
        Assert.Equal((true, "https"), await DirectAsync(IPAddress.Parse("127.0.0.1")));
        Assert.Equal((false, "http"), await DirectAsync(IPAddress.Parse("127.0.0.2")));
    }

    /// <summary>A request straight to an instance from <paramref name="from"/> that claims HTTPS: HSTS, and the scheme of its redirect.</summary>
    private async Task<(bool Hsts, string Scheme)> DirectAsync(IPAddress from)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, cluster.App2.Url + "/")
        {
            Headers = { Host = "dashboard.example.nl" },
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (response.Headers.Contains("Strict-Transport-Security"), response.Headers.Location!.Scheme);
    }
}
