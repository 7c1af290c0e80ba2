using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;

namespace Dashboard.BrowserTests;

/// <summary>
/// What a page loads before it can show anything comes compressed and cacheable (MapStaticAssets). The build
/// the tests run on compresses with gzip and marks everything no-cache with an ETag; `dotnet publish` adds
/// Brotli and a year's immutable cache for fingerprinted paths (checked by hand: README, "Publishing").
/// </summary>
[Trait("Category", "Browser")]
public partial class StaticAssetTests(AppServer app) : IClassFixture<AppServer>
{
    [Fact]
    public async Task EveryStylesheetScriptAndIcon_OfAPage_IsCompressed_AndCacheable()
    {
        using var http = app.CreateHttpClient();
        var html = await http.GetStringAsync("/Account/Login");
        var assets = Asset().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.True(assets.Count >= 6, $"only {assets.Count} assets found: {string.Join(", ", assets)}");

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset.TrimStart('/'));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var response = await http.SendAsync(request);

            Assert.True(response.IsSuccessStatusCode, $"{asset}: {(int)response.StatusCode}");
            var cache = response.Headers.CacheControl;
            var immutable = cache is { MaxAge.TotalDays: >= 365 } && cache.Extensions.Any(e => e.Name == "immutable");
            var revalidated = cache is { NoCache: true } && response.Headers.ETag is not null;
            Assert.True(immutable || revalidated, $"{asset}: Cache-Control {cache}, ETag {response.Headers.ETag}");
            if (!asset.EndsWith(".png", StringComparison.Ordinal)) // a PNG is compressed already
            {
                Assert.True(response.Content.Headers.ContentEncoding.Any(e => e is "br" or "gzip"), $"{asset} is sent uncompressed");
            }
        }
    }

    [GeneratedRegex("""<(?:link[^>]+href|script[^>]+src)="(?<url>[^"]+\.(?:css|js|png))"[^>]*>""")]
    private static partial Regex Asset();
}
