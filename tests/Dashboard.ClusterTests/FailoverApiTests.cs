using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dashboard.ClusterTests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Dashboard.ClusterTests;

/// <summary>
/// Saves that keep coming through the API while an instance is killed: nginx sends what it can to the survivor and
/// never sends a save twice; every acknowledged save is stored once; and a client that repeats any save with its
/// Idempotency-Key ends with that save stored exactly once, answered as the first delivery was (or would have been).
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class FailoverApiTests(Cluster cluster, ITestOutputHelper output)
{
    private sealed record Attempt(int N, int SpearpointId, HttpStatusCode? Status, string? Route, bool AfterKill, string? Body = null,
        bool Replayed = false)
    {
        public bool Acknowledged => Status == HttpStatusCode.Created;
    }

    [SkippableFact]
    public async Task ApiSavesDuringAKill_EveryAcknowledgedOneIsStoredOnce_AndTheSurvivorAnswersTheRest()
    {
        cluster.SkipIfMissing();
        await using var writers = await Writers.StartAsync(cluster, "uitval-a");
        var attempts = await writers.KillDuringSavesAsync(cluster.App2, cluster.App1);
        Report(attempts);

        // An answer is a save, or nginx's 502 for a request cut off by the kill; nothing else (no 409, no 500).
        Assert.DoesNotContain(attempts, a => a.Status is { } s && s != HttpStatusCode.Created && s != HttpStatusCode.BadGateway);
        Assert.All(attempts.Where(a => a.AfterKill && a.Acknowledged), a => Assert.Equal("app1", a.Route));

        var stored = await writers.StoredAsync();
        Assert.All(stored, s => Assert.Equal(1, s.Value));
        Assert.All(attempts.Where(a => a.Acknowledged), a => Assert.Contains(writers.Text(a.N), stored.Keys));
        Assert.All(stored.Keys, text => Assert.Contains(attempts, a => writers.Text(a.N) == text));
    }

    [SkippableFact]
    public async Task ApiSavesCutOffByAKill_RepeatedWithTheirIdempotencyKey_AreStoredExactlyOnce_AndAnsweredAsTheFirstTime()
    {
        cluster.SkipIfMissing();
        await using var writers = await Writers.StartAsync(cluster, "uitval-b");
        var attempts = await writers.KillDuringSavesAsync(cluster.App1, cluster.App2);
        Report(attempts);

        // Stored or not, the client cannot tell: it repeats every save with the same key, now to the survivor. The key's
        // record is committed in the save's own transaction (Api/ApiWrites.cs), so a save cut off anywhere stored both or
        // neither: the repeat replays the stored answer, or saves now for the first time. Never 409, never a second copy.
        var repeats = new List<Attempt>();
        foreach (var attempt in attempts)
        {
            var repeated = await writers.PostAsync(attempt.N, attempt.SpearpointId);
            Assert.True(repeated.Acknowledged, $"Save {attempt.N} repeated with its key: {repeated.Status}, expected {HttpStatusCode.Created}");
            if (attempt.Acknowledged)
            {
                // Acknowledged: the repeat is the same answer, replayed, nothing saved again.
                Assert.True(repeated.Replayed, $"Save {attempt.N} was acknowledged, its repeat was saved again");
                Assert.Equal(attempt.Body, repeated.Body);
            }
            repeats.Add(repeated);
        }
        output.WriteLine($"repeated the {attempts.Count(a => !a.Acknowledged)} unanswered: " +
            $"{repeats.Count(r => r.Replayed && !attempts.Single(a => a.N == r.N).Acknowledged)} had been stored with their answer, " +
            $"{repeats.Count(r => !r.Replayed)} stored now");

        // And a third delivery of each answers as the second did: whatever was stored the first time is what every repeat gets.
        foreach (var repeat in repeats.Where(r => !attempts.Single(a => a.N == r.N).Acknowledged))
        {
            var again = await writers.PostAsync(repeat.N, repeat.SpearpointId);
            Assert.True(again.Replayed, $"Save {repeat.N}: its third delivery was not a replay");
            Assert.Equal(repeat.Body, again.Body);
        }

        var stored = await writers.StoredAsync();
        Assert.All(stored, s => Assert.Equal(1, s.Value));
        Assert.Equal(attempts.Select(a => writers.Text(a.N)).Order(), stored.Keys.Order());
    }

    private void Report(List<Attempt> attempts) => output.WriteLine(
        $"{attempts.Count} saves, {attempts.Count(a => a.AfterKill)} after the kill, unanswered: " +
        string.Join(", ", attempts.Where(a => !a.Acknowledged).Select(a => $"{a.N} ({a.Status?.ToString() ?? "no answer"})")));

    /// <summary>One writer per spearpoint (so that they do not meet each other's versions), with an API key of its own.</summary>
    private sealed class Writers : IAsyncDisposable
    {
        private readonly Cluster _cluster;
        private readonly string _run;
        private readonly HttpClient _http;
        private readonly int _planId;
        private readonly IReadOnlyList<int> _spearpoints;
        private Instance? _victim;
        private int _next;
        private bool _killed;

        private Writers(Cluster cluster, string run, string key, int planId, IReadOnlyList<int> spearpoints)
        {
            _cluster = cluster;
            _run = run;
            _planId = planId;
            _spearpoints = spearpoints;
            // An API client has no route cookie: its requests go round-robin over both instances.
            _http = cluster.CreateHttpClient();
            _http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        public static async Task<Writers> StartAsync(Cluster cluster, string run)
        {
            var (exit, output) = await cluster.RunVerbAsync("create-token", "--name", $"Koppeling {run}", "--scope", "status");
            Assert.True(exit == 0, output);
            var key = output.Split('\n').Single(l => l.StartsWith("vd_", StringComparison.Ordinal)).Trim();
            await using var db = await cluster.DbAsync();
            var planId = await db.Plans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var spearpoints = await db.Spearpoints.Where(s => s.Code == "SP1" || s.Code == "SP4" || s.Code == "IS1" || s.Code == "IS2")
                .Select(s => s.Id).ToListAsync();
            Assert.Equal(4, spearpoints.Count);
            return new Writers(cluster, run, key, planId, spearpoints);
        }

        public string Text(int n) => $"API-opslag {_run} {n}";

        public async Task<Attempt> PostAsync(int n, int spearpointId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/plans/{_planId}/spearpoints/{spearpointId}/status")
            {
                Content = JsonContent.Create(new { status = "onTrack", explanation = Text(n) }),
            };
            request.Headers.Add("Idempotency-Key", $"{_run}-{n}");
            var afterKill = Volatile.Read(ref _killed);
            try
            {
                using var response = await _http.SendAsync(request);
                return new Attempt(n, spearpointId, response.StatusCode, Cluster.RouteSet(response), afterKill,
                    await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"));
            }
            catch (HttpRequestException)
            {
                return new Attempt(n, spearpointId, null, null, afterKill);
            }
        }

        /// <summary>
        /// Saves on four spearpoints at once until both instances have acknowledged ten, then kill -9 of
        /// <paramref name="victim"/>, then saves until the survivor has acknowledged forty more.
        /// </summary>
        public async Task<List<Attempt>> KillDuringSavesAsync(Instance victim, Instance survivor)
        {
            var attempts = new ConcurrentQueue<Attempt>();
            using var stop = new CancellationTokenSource();
            var writers = _spearpoints.Select(spearpointId => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    attempts.Enqueue(await PostAsync(Interlocked.Increment(ref _next), spearpointId));
                }
            })).ToList();
            try
            {
                await WaitUntilAsync(() => attempts.Count(a => a.Acknowledged && a.Route == victim.Name) >= 10
                    && attempts.Count(a => a.Acknowledged && a.Route == survivor.Name) >= 10);
                _victim = victim;
                victim.Kill();
                Volatile.Write(ref _killed, true);
                await WaitUntilAsync(() => attempts.Count(a => a.Acknowledged && a.AfterKill) >= 40);
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(writers);
            }
            return [.. attempts];
        }

        /// <summary>How often each save of this run is in the database.</summary>
        public async Task<Dictionary<string, int>> StoredAsync()
        {
            var prefix = Text(0)[..^1];
            await using var db = await _cluster.DbAsync();
            return await db.StatusUpdates.Where(u => u.Explanation.StartsWith(prefix))
                .GroupBy(u => u.Explanation).ToDictionaryAsync(g => g.Key, g => g.Count());
        }

        private static async Task WaitUntilAsync(Func<bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!condition())
            {
                Assert.True(DateTime.UtcNow < deadline, "The saves did not get far enough within 30 s");
                await Task.Delay(20);
            }
        }

        /// <summary>The killed instance starts again, and nginx routes to it again, for the tests that follow.</summary>
        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (_victim is { IsRunning: false } victim)
            {
                await victim.StartAsync();
                await _cluster.WaitUntilRoutedAsync(victim);
            }
        }
    }
}
