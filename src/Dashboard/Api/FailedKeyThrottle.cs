using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Dashboard.Api;

/// <summary>
/// Wrong, expired or revoked keys per client address and minute (<see cref="ApiOptions.FailedKeysPerMinute"/>): past the
/// limit the answer is 429 with Retry-After instead of 401, so guessing keys slows down as the sign-in page's lockout does.
/// A valid key is always let through, from any address. The address is the client's as the forwarded headers give it
/// behind nginx (<c>Security:ForwardedProxies</c>), so one guesser does not hold up everyone behind the same proxy.
/// Per instance, in memory: behind two instances a guesser gets at most twice the limit.
/// </summary>
public sealed class FailedKeyThrottle(IOptionsMonitor<ApiOptions> options, TimeProvider time, ILogger<FailedKeyThrottle> log)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Counter> _counters = new();

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Failures;
        public bool Logged;
    }

    /// <summary>Counts a failed key from <paramref name="address"/>; the seconds to wait when it is past the limit, else null.</summary>
    public int? Failed(IPAddress? address)
    {
        var now = time.GetUtcNow();
        var client = address?.ToString() ?? "unknown";
        if (_counters.Count > 10_000)
        {
            foreach (var (key, old) in _counters.Where(c => now - c.Value.Start >= Window))
            {
                _counters.TryRemove(key, out _);
            }
        }
        var counter = _counters.GetOrAdd(client, _ => new Counter(now));
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                (counter.Start, counter.Failures, counter.Logged) = (now, 0, false);
            }
            counter.Failures++;
            var limit = Math.Max(1, options.CurrentValue.FailedKeysPerMinute);
            if (counter.Failures <= limit)
            {
                return null;
            }
            var until = counter.Start + Window;
            if (!counter.Logged)
            {
                counter.Logged = true;
                log.LogWarning("More than {Limit} wrong or expired API keys a minute from {Address}: answered 429 until {Until:HH:mm:ss} UTC",
                    limit, client, until.UtcDateTime);
            }
            return Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));
        }
    }

    /// <summary>The Retry-After value of a throttled request, as the challenge writes it.</summary>
    public static string RetryAfter(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
