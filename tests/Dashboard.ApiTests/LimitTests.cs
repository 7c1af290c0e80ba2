using System.Net;
using Dashboard.ApiTests.Support;
using Dashboard.Editing;
using static Dashboard.ApiTests.Support.ApiServer;

namespace Dashboard.ApiTests;

/// <summary>Past the per-key limit the answer is 429 with Retry-After; another key is not held up by it.</summary>
[Trait("Category", "Api")]
public class RateLimitTests(RateLimitTests.Server app) : IClassFixture<RateLimitTests.Server>
{
    public sealed class Server : ApiServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Api:RequestsPerMinute"] = "5" };
    }

    [Fact]
    public async Task PastTheLimit_429WithRetryAfter_PerKey()
    {
        using var busy = app.Client(await app.SecretAsync(ApiScopes.Read));
        for (var i = 0; i < 5; i++)
        {
            using var ok = await busy.GetAsync("/api/v1/plans");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var limited = await busy.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);

        using var other = app.Client(await app.SecretAsync(ApiScopes.Read));
        using var free = await other.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }
}

/// <summary>With Security:AllowAnonymousRead the reads are open data; writes still need a key, and a wrong key is still wrong.</summary>
[Trait("Category", "Api")]
public class AnonymousReadTests(AnonymousReadTests.Server app) : IClassFixture<AnonymousReadTests.Server>
{
    public sealed class Server : ApiServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:AllowAnonymousRead"] = "true" };
    }

    [Fact]
    public async Task ReadsNeedNoKey_WritesDo()
    {
        var ids = await app.IdsAsync();
        using var anonymous = app.Client(null);
        using var plans = await anonymous.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.OK, plans.StatusCode);
        using var spearpoint = await anonymous.GetAsync($"/api/v1/plans/{ids.Plan}/spearpoints/{ids.Spearpoint}");
        Assert.Equal(HttpStatusCode.OK, spearpoint.StatusCode);

        using var write = await anonymous.PostAsync($"/api/v1/plans/{ids.Plan}/indicators/{ids.Indicator}/measurements",
            Json("""{"date":"2023-03-31","value":3}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);

        using var wrong = app.Client("vd_" + new string('B', 43));
        using var refused = await wrong.GetAsync("/api/v1/plans");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
