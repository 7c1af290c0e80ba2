using System.Diagnostics;
using Dashboard.Benchmarks.Client;
using Dashboard.Benchmarks.Hosting;

namespace Dashboard.Benchmarks.Scenarios;

public sealed record LiveSizeResult(
    int Circuits,
    int Opened,
    int HeldByServer,
    int Errors,
    string? FirstError,
    double OpenSeconds,
    double HeapPerCircuitKiB,
    double RssPerCircuitKiB,
    IReadOnlyList<double> AllReceivedMs,
    IReadOnlyList<double> ViewerMs,
    int Missed,
    double ReadsPerSave,
    double QueriesPerSave,
    double BatchesPerViewerPerSave,
    double BytesPerViewerPerSave,
    double AllocatedPerSaveKiB,
    IReadOnlyList<double> BrowserMs,
    int BrowserMissed,
    IReadOnlyList<double> AllReceivedWithBrowsersMs,
    IReadOnlyList<double> SaveMs,
    double ServerCpuMsPerSave,
    double JitMsPerSave);

public sealed record LiveResult(
    string Kind,
    double BaseHeapMiB,
    double BaseRssMiB,
    int Browsers,
    string? BrowserNote,
    IReadOnlyList<LiveSizeResult> Sizes,
    IReadOnlyList<KeyValuePair<string, int>> JsCalls,
    double LoadAverage);

/// <summary>
/// Circuits held and update propagation on one server: opens headless circuits on "/" up to each
/// size, measures the server's heap and RSS per circuit, then times saves until every circuit (and
/// every real browser page) has the new text.
/// </summary>
public static class LiveBenchmark
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);
    private const int WarmCircuits = 16;
    private const int WarmSaves = 40;

    public static async Task<LiveResult> RunAsync(string kind, BenchOptions o, string work)
    {
        var load = Machine.LoadAverage1();
        Console.WriteLine($"[{kind}] starting the server");
        string[] extra = kind == "dashboard" ? ["--db", Path.Combine(work, "live.db"), "--seed", "true"] : [];
        await using var server = await ServerProcess.StartAsync(kind, work, extra);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = OpenTimeout };
        var page = new Uri(server.BaseUri, "/");
        HeadlessCircuit.JsCallsByIdentifier.Clear();

        // Warm up the server (tiered JIT, pools) on a few circuits and saves, so the first size is not
        // measured while the runtime is still compiling the render path.
        var warm = await Task.WhenAll(Enumerable.Range(0, WarmCircuits).Select(_ => HeadlessCircuit.OpenAsync(http, page, OpenTimeout)));
        await WaitForSubscribersAsync(server, WarmCircuits);
        for (var i = 0; i < WarmSaves; i++)
        {
            await RoundAsync(server, warm, null, $"warm-up {kind} {i}");
        }
        await Task.WhenAll(warm.Select(c => c.DisposeAsync().AsTask()));
        await WaitForCircuitsAsync(server, 0);
        await WaitForJitAsync(server);

        var browserNote = o.Browsers > 0 && !File.Exists(BrowserViewers.ExecutablePath) ? $"no Chromium at {BrowserViewers.ExecutablePath}" : null;
        var browserSelector = kind == "dashboard" ? ".app-root[data-interactive='true']" : ".news[data-interactive='true']";
        await Task.Delay(1000);
        var before = await server.StatsAsync(gc: true);

        var circuits = new List<HeadlessCircuit>();
        var results = new List<LiveSizeResult>();
        var errors = 0;
        string? firstError = null;
        try
        {
            foreach (var size in o.Circuits)
            {
                Console.WriteLine($"[{kind}] opening circuits up to {size}");
                var opening = Stopwatch.StartNew();
                using var gate = new SemaphoreSlim(o.OpenParallelism);
                var opened = await Task.WhenAll(Enumerable.Range(0, size - circuits.Count).Select(async _ =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        return await HeadlessCircuit.OpenAsync(http, page, OpenTimeout);
                    }
                    catch (Exception ex)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, ex.Message, null);
                        return null;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
                circuits.AddRange(opened.OfType<HeadlessCircuit>());
                var openSeconds = opening.Elapsed.TotalSeconds;
                await WaitForSubscribersAsync(server, circuits.Count);
                await WaitForJitAsync(server);
                var after = await server.StatsAsync(gc: true);
                var live = circuits.Count(c => c.Error is null);
                var held = after.Circuits - before.Circuits;
                if (o.HoldSeconds > 0)
                {
                    Console.WriteLine($"[{kind}] holding {circuits.Count} circuits for {o.HoldSeconds} s: server process {server.ProcessId}");
                    await Task.Delay(TimeSpan.FromSeconds(o.HoldSeconds));
                }

                // Headless viewers only: Chromium on these two cores would be measured too.
                var allReceived = new List<double>();
                var viewers = new List<double>();
                var saveMs = new List<double>();
                var missed = 0;
                var batchesBefore = 0L;
                var bytesBefore = 0L;
                var statsBefore = after;
                for (var round = 0; round < o.Warmup + o.Rounds; round++)
                {
                    if (round == o.Warmup)
                    {
                        batchesBefore = circuits.Sum(c => (long)c.RenderBatches);
                        bytesBefore = circuits.Sum(c => c.RenderBytes);
                        statsBefore = await server.StatsAsync(gc: false);
                        await server.ResetQueriesAsync();
                    }
                    var r = await RoundAsync(server, circuits, null, $"Nieuw {kind} {size} {round} {Guid.NewGuid():N}");
                    if (round >= o.Warmup)
                    {
                        if (r.Missed == 0)
                        {
                            allReceived.Add(r.AllMs);
                        }
                        viewers.AddRange(r.ViewerMs);
                        saveMs.Add(r.SaveMs);
                        missed += r.Missed;
                    }
                    await Task.Delay(200);
                }
                var statsAfter = await server.StatsAsync(gc: false);
                var saves = (double)o.Rounds;
                var batches = (circuits.Sum(c => (long)c.RenderBatches) - batchesBefore) / saves / circuits.Count;
                var bytes = (circuits.Sum(c => c.RenderBytes) - bytesBefore) / saves / circuits.Count;

                // Then a few real browsers join, for rounds of their own.
                var browserMs = new List<double>();
                var withBrowsers = new List<double>();
                var browserMissed = 0;
                if (o.Browsers > 0 && browserNote is null)
                {
                    await using var browsers = await BrowserViewers.OpenAsync(page, o.Browsers, browserSelector);
                    await WaitForSubscribersAsync(server, circuits.Count + browsers.Count);
                    for (var round = 0; round < o.Warmup + o.BrowserRounds; round++)
                    {
                        var r = await RoundAsync(server, circuits, browsers, $"Nieuw {kind} {size} browser {round} {Guid.NewGuid():N}");
                        if (round >= o.Warmup)
                        {
                            browserMs.AddRange(r.BrowserMs.Where(double.IsFinite));
                            browserMissed += r.BrowserMs.Count(x => !double.IsFinite(x));
                            if (r.Missed == 0)
                            {
                                withBrowsers.Add(r.AllMs);
                            }
                        }
                        await Task.Delay(200);
                    }
                }
                var result = new LiveSizeResult(
                    size, live, held, errors, firstError, openSeconds,
                    (after.HeapBytes - before.HeapBytes) / 1024.0 / circuits.Count,
                    (after.RssBytes - before.RssBytes) / 1024.0 / circuits.Count,
                    allReceived, viewers, missed,
                    (statsAfter.LiveReads - statsBefore.LiveReads) / saves,
                    statsAfter.Queries / saves,
                    batches,
                    bytes,
                    (statsAfter.AllocatedBytes - statsBefore.AllocatedBytes) / 1024.0 / saves,
                    browserMs, browserMissed, withBrowsers, saveMs,
                    (statsAfter.CpuMs - statsBefore.CpuMs) / saves,
                    (statsAfter.JitMs - statsBefore.JitMs) / saves);
                results.Add(result);
                Console.WriteLine($"[{kind}] {size}: held {result.HeldByServer}, errors {errors}, " +
                    $"heap {result.HeapPerCircuitKiB:F0} KiB/circuit, RSS {result.RssPerCircuitKiB:F0} KiB/circuit, " +
                    $"all received p50 {allReceived.P50():F1} p95 {allReceived.P95():F1} max {allReceived.Max():F1} ms, missed {missed}, save p50 {((IReadOnlyList<double>)saveMs).P50():F1} ms, server CPU {(statsAfter.CpuMs - statsBefore.CpuMs) / saves:F1} ms/save, JIT {(statsAfter.JitMs - statsBefore.JitMs) / saves:F1} ms/save, " +
                    $"GCs during the rounds {statsAfter.Gen0 - statsBefore.Gen0}/{statsAfter.Gen1 - statsBefore.Gen1}/{statsAfter.Gen2 - statsBefore.Gen2}" +
                    (browserMs.Count == 0 ? "" : $", browsers p95 {((IReadOnlyList<double>)browserMs).P95():F1} ms, all with browsers open p95 {((IReadOnlyList<double>)withBrowsers).P95():F1} ms"));
            }
        }
        finally
        {
            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
        }

        return new LiveResult(kind, before.HeapBytes / 1048576.0, before.RssBytes / 1048576.0, browserNote is null ? o.Browsers : 0, browserNote, results,
            [.. HeadlessCircuit.JsCallsByIdentifier.OrderByDescending(kv => kv.Value)], load);
    }

    private sealed record Round(double AllMs, List<double> ViewerMs, int Missed, double[] BrowserMs, double SaveMs);

    /// <summary>One save; waits until every circuit's render batches carried the new text.</summary>
    private static async Task<Round> RoundAsync(ServerProcess server, IReadOnlyList<HeadlessCircuit> circuits, BrowserViewers? browsers, string text)
    {
        var seen = circuits.Where(c => c.Error is null).Select(c => c.Expect(text)).ToArray();
        if (browsers is not null)
        {
            await browsers.ArmAsync(text);
        }
        var ack = await server.SaveAsync(text);
        try
        {
            await Task.WhenAll(seen).WaitAsync(RoundTimeout);
        }
        catch (TimeoutException)
        {
            // counted below
        }
        var ms = seen.Where(t => t.IsCompletedSuccessfully)
            .Select(t => Stopwatch.GetElapsedTime(ack.StartTimestamp, t.Result).TotalMilliseconds)
            .ToList();
        var browserMs = browsers is null ? [] : await browsers.CollectAsync(ack.StartUnixMs, RoundTimeout);
        return new Round(ms.Count == 0 ? double.NaN : ms.Max(), ms, seen.Length - ms.Count, browserMs, ack.SaveMs);
    }

    /// <summary>
    /// Until the runtime's tiered JIT has (nearly) stopped recompiling: its background compilations
    /// take seconds of CPU in a fresh server and would be measured as render time.
    /// </summary>
    private static async Task WaitForJitAsync(ServerProcess server)
    {
        var waited = Stopwatch.StartNew();
        var last = (await server.StatsAsync(gc: false)).JitMs;
        while (waited.Elapsed < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(2000);
            var now = (await server.StatsAsync(gc: false)).JitMs;
            if (now - last < 20)
            {
                return;
            }
            last = now;
        }
    }

    private static async Task WaitForCircuitsAsync(ServerProcess server, int expected)
    {
        var waited = Stopwatch.StartNew();
        while ((await server.StatsAsync(gc: false)).Circuits > expected && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }
    }

    private static async Task WaitForSubscribersAsync(ServerProcess server, int expected)
    {
        var waited = Stopwatch.StartNew();
        while ((await server.StatsAsync(gc: false)).Subscribers < expected && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }
    }
}
