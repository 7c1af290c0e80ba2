using System.Collections.Concurrent;
using System.Net;
using Dashboard.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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

/// <summary>
/// Guessing keys slows down: past Api:FailedKeysPerMinute wrong keys from one client address (as nginx forwards it) the
/// answer is 429 with Retry-After, logged once; a valid key from that address, and a wrong one from another, are not held up.
/// </summary>
[Trait("Category", "Api")]
public class FailedKeyTests(FailedKeyTests.Server app) : IClassFixture<FailedKeyTests.Server>
{
    public sealed class Server : ApiServer
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Api:FailedKeysPerMinute"] = "3" };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(new Warnings(Warnings)));
        }
    }

    private sealed class Warnings(ConcurrentQueue<string> into) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName == typeof(FailedKeyThrottle).FullName ? this : NullLogger.Instance;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            into.Enqueue(formatter(state, exception));
        public void Dispose()
        {
        }
    }

    /// <summary>A request from <paramref name="address"/> as nginx passes it on (the test's loopback is a trusted proxy).</summary>
    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string address, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/plans");
        request.Headers.Add("X-Forwarded-For", address);
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task WrongKeysFromOneAddress_Are429PastTheLimit_LoggedOnce_WhileValidKeysAndOtherAddressesPass()
    {
        const string guesser = "203.0.113.7";
        using var http = app.Client(null);
        var valid = await app.SecretAsync(ApiScopes.Read);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await GetAsync(http, guesser, $"vd_{i}{new string('A', 42)}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        for (var i = 0; i < 5; i++)
        {
            using var throttled = await GetAsync(http, guesser, $"vd_{i}{new string('B', 42)}");
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType!.MediaType);
            Assert.Contains("onjuiste of verlopen API-sleutels", (await ReadAsync(throttled)).GetProperty("detail").GetString());
        }

        // The valid key from the same address is never slowed down; a wrong key from elsewhere is still just wrong.
        for (var i = 0; i < 5; i++)
        {
            using var ok = await GetAsync(http, guesser, valid);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using var elsewhere = await GetAsync(http, "198.51.100.23", "vd_" + new string('C', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);

        var logged = app.Warnings.Where(w => w.Contains(guesser, StringComparison.Ordinal)).ToList();
        Assert.Single(logged);
        Assert.DoesNotContain(app.Warnings, w => w.Contains("198.51.100.23", StringComparison.Ordinal));
    }
}
