using System.Diagnostics;
using Dashboard.Benchmarks.Client;
using Dashboard.Benchmarks.Hosting;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Npgsql;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>One server instance's part of a circuit count: its viewers, its memory, its reads and its CPU.</summary>
public sealed record InstanceResult(
    int Circuits,
    int HeldByServer,
    double HeapPerCircuitKiB,
    double RssPerCircuitKiB,
    IReadOnlyList<double> AllReceivedMs,
    int Missed,
    double ReadsPerSave,
    double QueriesPerSave,
    double CpuMsPerSave,
    double JitMsPerSave,
    double AllocatedPerSaveKiB);

/// <summary>A circuit count over all instances; with one instance, its figures are that instance's.</summary>
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
    double JitMsPerSave,
    IReadOnlyList<InstanceResult> Instances,
    double DatabaseCpuMsPerSave = double.NaN,
    ClickedSaves? Clicked = null);

/// <summary>
/// Saves clicked in Chromium (<see cref="ClickingManager"/>), each counted: from the click event in the manager's page
/// until the last headless viewer had the render batch with the new text (rounds where a viewer missed it are in
/// <paramref name="Missed"/>, not in <paramref name="AllMs"/>), and until the manager's own card showed it.
/// </summary>
public sealed record ClickedSaves(IReadOnlyList<double> AllMs, IReadOnlyList<double> OwnScreenMs, int Missed);

/// <summary>
/// What warm-up costs a clicked save: the first after the server started (with <paramref name="Viewers"/> headless viewers),
/// and one after <paramref name="QuietSeconds"/> without saves; or why there were no clicked saves.
/// </summary>
public sealed record ClickWarmUp(double FirstMs, double AfterQuietMs, int QuietSeconds, int Viewers, string? Note = null);

/// <param name="BaseHeapMiB">Heap before the circuits, per instance (the mean of the instances).</param>
/// <param name="Database">What the instances shared, for the report (null: their own SQLite file).</param>
public sealed record LiveResult(
    string Kind,
    double BaseHeapMiB,
    double BaseRssMiB,
    int Browsers,
    string? BrowserNote,
    IReadOnlyList<LiveSizeResult> Sizes,
    IReadOnlyList<KeyValuePair<string, int>> JsCalls,
    double LoadAverage,
    int InstanceCount = 1,
    string? Database = null,
    ClickWarmUp? Clicks = null);

/// <summary>
/// Circuits held and update propagation: opens headless circuits on "/" up to each size, spread over the
/// server instances, measures each instance's heap and RSS per circuit, then times saves (on the first
/// instance) until every circuit on every instance (and every real browser page) has the new text.
/// </summary>
public static class LiveBenchmark
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);
    private const int WarmCircuits = 16;
    private const int WarmSaves = 40;

    /// <summary>One instance of <paramref name="kind"/>: the baseline, or the dashboard on its own SQLite file.</summary>
    public static async Task<LiveResult> RunAsync(string kind, BenchOptions o, string work)
    {
        var load = Machine.LoadAverage1();
        Console.WriteLine($"[{kind}] starting the server");
        string[] extra = kind == "dashboard" ? ["--db", Path.Combine(work, "live.db"), "--seed", "true"] : [];
        await using var server = await ServerProcess.StartAsync(kind, work, extra);
        return await MeasureAsync(kind, kind, [server], o, load, database: null, databaseCpuMs: null);
    }

    /// <summary>
    /// <see cref="BenchOptions.Instances"/> dashboard processes on one PostgreSQL database, each with its own
    /// LiveUpdates and its own listening connection; the viewers split evenly over them, the saves on the first.
    /// </summary>
    public static async Task<LiveResult> RunPostgresAsync(BenchOptions o, string work, PostgresServer postgres)
    {
        var label = $"postgres x{o.Instances}";
        var load = Machine.LoadAverage1();
        var database = await postgres.CreateDatabaseAsync();
        var connection = postgres.ConnectionString(database);
        var description = await DescribeAsync(postgres, connection);
        Console.WriteLine($"[{label}] {description}");
        var servers = new List<ServerProcess>();
        try
        {
            // One after the other: the first migrates and seeds the demo plan, the others find it done.
            for (var i = 0; i < o.Instances; i++)
            {
                Console.WriteLine($"[{label}] starting instance {i + 1}");
                servers.Add(await ServerProcess.StartAsync("dashboard", work,
                    "--provider", "postgres", "--connection", connection, "--seed", i == 0 ? "true" : "false"));
            }
            var databaseCpu = await DatabaseCpu.OfAsync(connection);
            return await MeasureAsync("dashboard", label, servers, o, load, description, databaseCpu);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
            await postgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>What was measured against, for RESULTS.md: the version and the settings that weigh on a save.</summary>
    private static async Task<string> DescribeAsync(PostgresServer server, string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var where = server.BinDirectory is null ? $"the server of {PostgresServer.ConnectionVariable} or --postgres" : "the tests' throwaway cluster";
        return $"PostgreSQL {server.Version}, {where} (fsync {reader.GetString(0)}, synchronous_commit {reader.GetString(1)}, shared_buffers {reader.GetString(2)})";
    }

    private static async Task<LiveResult> MeasureAsync(string kind, string label, IReadOnlyList<ServerProcess> servers, BenchOptions o, double load, string? database, Func<double>? databaseCpuMs)
    {
        var n = servers.Count;
        var saver = servers[0];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { Timeout = OpenTimeout };
        var pages = servers.Select(s => new Uri(s.BaseUri, "/")).ToArray();
        HeadlessCircuit.JsCallsByIdentifier.Clear();

        // Warm up the servers (tiered JIT, pools) on a few circuits and saves, so the first size is not
        // measured while the runtime is still compiling the render path.
        var warm = await Task.WhenAll(pages.Select(page =>
            Task.WhenAll(Enumerable.Range(0, WarmCircuits).Select(_ => HeadlessCircuit.OpenAsync(http, page, OpenTimeout)))));
        await EachAsync(servers, (s, i) => WaitForSubscribersAsync(s, WarmCircuits));
        var (manager, clicks) = await ClickWarmUpAsync(kind, label, saver, warm, o);
        for (var i = 0; i < WarmSaves; i++)
        {
            await RoundAsync(saver, warm, null, $"warm-up {label} {i}");
        }
        await Task.WhenAll(warm.SelectMany(w => w).Select(c => c.DisposeAsync().AsTask()));
        await EachAsync(servers, (s, i) => WaitForCircuitsAsync(s, manager is not null && i == 0 ? 1 : 0));
        await EachAsync(servers, (s, _) => WaitForJitAsync(s));

        var browserNote = n > 1 ? "headless viewers only with several instances"
            : o.Browsers > 0 && !File.Exists(BrowserViewers.ExecutablePath) ? $"no Chromium at {BrowserViewers.ExecutablePath}" : null;
        var browserSelector = kind == "dashboard" ? ".app-root[data-interactive='true']" : ".news[data-interactive='true']";
        await Task.Delay(1000);
        var before = await StatsAsync(servers, gc: true);

        var circuits = Enumerable.Range(0, n).Select(_ => new List<HeadlessCircuit>()).ToArray();
        var results = new List<LiveSizeResult>();
        var errors = 0;
        string? firstError = null;
        try
        {
            foreach (var size in o.Circuits)
            {
                Console.WriteLine($"[{label}] opening circuits up to {size}{(n > 1 ? $", {size / n} per instance" : "")}");
                var opening = Stopwatch.StartNew();
                var jsCallsBefore = HeadlessCircuit.JsCallsByIdentifier.Values.Sum();
                var openedBefore = circuits.Sum(c => c.Count);
                using var gate = new SemaphoreSlim(o.OpenParallelism);
                // Interleaved, so that the instances fill up together.
                var wanted = Enumerable.Range(0, n).Select(i => size / n + (i < size % n ? 1 : 0) - circuits[i].Count).ToArray();
                var order = Enumerable.Range(0, wanted.Max()).SelectMany(k => Enumerable.Range(0, n).Where(i => k < wanted[i])).ToList();
                var opened = await Task.WhenAll(order.Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        return (Instance: i, Circuit: await HeadlessCircuit.OpenAsync(http, pages[i], OpenTimeout));
                    }
                    catch (Exception ex)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, ex.Message, null);
                        return (Instance: i, Circuit: (HeadlessCircuit?)null);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
                foreach (var (i, c) in opened)
                {
                    if (c is not null)
                    {
                        circuits[i].Add(c);
                    }
                }
                var openSeconds = opening.Elapsed.TotalSeconds;
                var total = circuits.Sum(c => c.Count);
                await EachAsync(servers, (s, i) => WaitForSubscribersAsync(s, circuits[i].Count));
                await EachAsync(servers, (s, _) => WaitForJitAsync(s));
                var after = await StatsAsync(servers, gc: true);
                var live = circuits.Sum(list => list.Count(c => c.Error is null));
                var jsCallsAtOpening = (HeadlessCircuit.JsCallsByIdentifier.Values.Sum() - jsCallsBefore) / (double)Math.Max(1, total - openedBefore);
                Console.WriteLine($"[{label}] {size}: components per circuit {after.Average(s => s.ComponentsPerCircuit):F1}, JS calls per circuit at opening {jsCallsAtOpening:F1}");
                if (o.HoldSeconds > 0)
                {
                    Console.WriteLine($"[{label}] holding {total} circuits for {o.HoldSeconds} s: server process(es) {string.Join(", ", servers.Select(s => s.ProcessId))}");
                    await Task.Delay(TimeSpan.FromSeconds(o.HoldSeconds));
                }

                // Headless viewers only: Chromium on these two cores would be measured too.
                var allReceived = new List<double>();
                var instanceReceived = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
                var instanceMissed = new int[n];
                var viewers = new List<double>();
                var saveMs = new List<double>();
                var missed = 0;
                var batchesBefore = 0L;
                var bytesBefore = 0L;
                var statsBefore = after;
                var databaseCpuBefore = double.NaN;
                for (var round = 0; round < o.Warmup + o.Rounds; round++)
                {
                    if (round == o.Warmup)
                    {
                        batchesBefore = circuits.Sum(list => list.Sum(c => (long)c.RenderBatches));
                        bytesBefore = circuits.Sum(list => list.Sum(c => c.RenderBytes));
                        statsBefore = await StatsAsync(servers, gc: false);
                        databaseCpuBefore = databaseCpuMs?.Invoke() ?? double.NaN;
                        await EachAsync(servers, (s, _) => s.ResetQueriesAsync());
                    }
                    var r = await RoundAsync(saver, circuits, null, $"Nieuw {label} {size} {round} {Guid.NewGuid():N}");
                    if (round >= o.Warmup)
                    {
                        if (r.Missed == 0)
                        {
                            allReceived.Add(r.AllMs);
                        }
                        for (var i = 0; i < n; i++)
                        {
                            if (r.InstanceMissed[i] == 0)
                            {
                                instanceReceived[i].Add(r.InstanceMs[i]);
                            }
                            instanceMissed[i] += r.InstanceMissed[i];
                        }
                        viewers.AddRange(r.ViewerMs);
                        saveMs.Add(r.SaveMs);
                        missed += r.Missed;
                    }
                    await Task.Delay(200);
                }
                var statsAfter = await StatsAsync(servers, gc: false);
                var saves = (double)o.Rounds;
                var databaseCpu = ((databaseCpuMs?.Invoke() ?? double.NaN) - databaseCpuBefore) / saves;
                var batches = (circuits.Sum(list => list.Sum(c => (long)c.RenderBatches)) - batchesBefore) / saves / total;
                var bytes = (circuits.Sum(list => list.Sum(c => c.RenderBytes)) - bytesBefore) / saves / total;

                // Then a few real browsers join (one instance only), for rounds of their own.
                var browserMs = new List<double>();
                var withBrowsers = new List<double>();
                var browserMissed = 0;
                if (o.Browsers > 0 && browserNote is null)
                {
                    await using var browsers = await BrowserViewers.OpenAsync(pages[0], o.Browsers, browserSelector);
                    await WaitForSubscribersAsync(saver, circuits[0].Count + browsers.Count);
                    for (var round = 0; round < o.Warmup + o.BrowserRounds; round++)
                    {
                        var r = await RoundAsync(saver, circuits, browsers, $"Nieuw {label} {size} browser {round} {Guid.NewGuid():N}");
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

                // Then the manager clicks: every round counted, the first ones too.
                ClickedSaves? clicked = null;
                if (manager is not null)
                {
                    var clickedMs = new List<double>();
                    var ownMs = new List<double>();
                    var clickMissed = 0;
                    for (var round = 0; round < o.ClickRounds; round++)
                    {
                        var r = await ClickRoundAsync(manager, circuits, $"Geklikt {label} {size} {round} {Guid.NewGuid():N}");
                        if (r.Missed == 0)
                        {
                            clickedMs.Add(r.AllMs);
                        }
                        clickMissed += r.Missed;
                        if (double.IsFinite(r.OwnMs))
                        {
                            ownMs.Add(r.OwnMs);
                        }
                        await Task.Delay(200);
                    }
                    clicked = new ClickedSaves(clickedMs, ownMs, clickMissed);
                }

                var instances = Enumerable.Range(0, n).Select(i => new InstanceResult(
                    circuits[i].Count,
                    after[i].Circuits - before[i].Circuits,
                    (after[i].HeapBytes - before[i].HeapBytes) / 1024.0 / circuits[i].Count,
                    (after[i].RssBytes - before[i].RssBytes) / 1024.0 / circuits[i].Count,
                    instanceReceived[i],
                    instanceMissed[i],
                    (statsAfter[i].LiveReads - statsBefore[i].LiveReads) / saves,
                    statsAfter[i].Queries / saves,
                    (statsAfter[i].CpuMs - statsBefore[i].CpuMs) / saves,
                    (statsAfter[i].JitMs - statsBefore[i].JitMs) / saves,
                    (statsAfter[i].AllocatedBytes - statsBefore[i].AllocatedBytes) / 1024.0 / saves)).ToList();
                var result = new LiveSizeResult(
                    size, live, instances.Sum(x => x.HeldByServer), errors, firstError, openSeconds,
                    instances.Sum(x => x.HeapPerCircuitKiB * x.Circuits) / total,
                    instances.Sum(x => x.RssPerCircuitKiB * x.Circuits) / total,
                    allReceived, viewers, missed,
                    instances.Sum(x => x.ReadsPerSave),
                    instances.Sum(x => x.QueriesPerSave),
                    batches,
                    bytes,
                    instances.Sum(x => x.AllocatedPerSaveKiB),
                    browserMs, browserMissed, withBrowsers, saveMs,
                    instances.Sum(x => x.CpuMsPerSave),
                    instances.Sum(x => x.JitMsPerSave),
                    instances,
                    databaseCpu,
                    clicked);
                results.Add(result);
                var gcs = $"{statsAfter.Sum(s => s.Gen0) - statsBefore.Sum(s => s.Gen0)}/{statsAfter.Sum(s => s.Gen1) - statsBefore.Sum(s => s.Gen1)}/{statsAfter.Sum(s => s.Gen2) - statsBefore.Sum(s => s.Gen2)}";
                Console.WriteLine($"[{label}] {size}: held {result.HeldByServer}, errors {errors}, " +
                    $"heap {result.HeapPerCircuitKiB:F0} KiB/circuit, RSS {result.RssPerCircuitKiB:F0} KiB/circuit, " +
                    $"all received p50 {allReceived.P50():F1} p95 {allReceived.P95():F1} max {allReceived.Max():F1} ms, missed {missed}, save p50 {((IReadOnlyList<double>)saveMs).P50():F1} ms, server CPU {result.ServerCpuMsPerSave:F1} ms/save, JIT {result.JitMsPerSave:F1} ms/save, " +
                    (double.IsFinite(databaseCpu) ? $"PostgreSQL CPU {databaseCpu:F1} ms/save, " : "") +
                    $"GCs during the rounds {gcs}" +
                    (browserMs.Count == 0 ? "" : $", browsers p95 {((IReadOnlyList<double>)browserMs).P95():F1} ms, all with browsers open p95 {((IReadOnlyList<double>)withBrowsers).P95():F1} ms") +
                    (clicked is null ? "" : $", clicked: all received p50 {clicked.AllMs.P50():F1} p95 {clicked.AllMs.P95():F1} max {clicked.AllMs.Max():F1} ms, missed {clicked.Missed}, own screen p50 {clicked.OwnScreenMs.P50():F1} ms"));
                if (n > 1)
                {
                    foreach (var (x, i) in instances.Select((x, i) => (x, i)))
                    {
                        Console.WriteLine($"[{label}]   instance {i + 1}{(i == 0 ? " (saves)" : "")}: {x.Circuits} circuits, heap {x.HeapPerCircuitKiB:F0} KiB/circuit, RSS {x.RssPerCircuitKiB:F0} KiB/circuit, " +
                            $"all its viewers p50 {x.AllReceivedMs.P50():F1} p95 {x.AllReceivedMs.P95():F1} ms, missed {x.Missed}, reads {x.ReadsPerSave:F2}/save, SQL {x.QueriesPerSave:F1}/save, CPU {x.CpuMsPerSave:F1} ms/save");
                    }
                }
            }
        }
        finally
        {
            await Task.WhenAll(circuits.SelectMany(list => list).Select(c => c.DisposeAsync().AsTask()));
            if (manager is not null)
            {
                await manager.DisposeAsync();
            }
        }

        return new LiveResult(kind, before.Average(s => s.HeapBytes) / 1048576.0, before.Average(s => s.RssBytes) / 1048576.0,
            browserNote is null ? o.Browsers : 0, browserNote, results,
            [.. HeadlessCircuit.JsCallsByIdentifier.OrderByDescending(kv => kv.Value)], load, n, database, clicks);
    }

    /// <param name="InstanceMs">Per instance, until the last of its circuits had the batch (NaN: none had it).</param>
    private sealed record Round(double AllMs, List<double> ViewerMs, int Missed, double[] BrowserMs, double SaveMs, double[] InstanceMs, int[] InstanceMissed);

    /// <summary>One save on <paramref name="saver"/>; waits until every circuit on every instance had the new text in a render batch.</summary>
    private static async Task<Round> RoundAsync(ServerProcess saver, IReadOnlyList<IReadOnlyList<HeadlessCircuit>> circuits, BrowserViewers? browsers, string text)
    {
        var seen = circuits.Select(list => list.Where(c => c.Error is null).Select(c => c.Expect(text)).ToArray()).ToArray();
        if (browsers is not null)
        {
            await browsers.ArmAsync(text);
        }
        var ack = await saver.SaveAsync(text);
        try
        {
            await Task.WhenAll(seen.SelectMany(s => s)).WaitAsync(RoundTimeout);
        }
        catch (TimeoutException)
        {
            // counted below
        }
        var perInstance = seen.Select(s => s.Where(t => t.IsCompletedSuccessfully)
            .Select(t => Stopwatch.GetElapsedTime(ack.StartTimestamp, t.Result).TotalMilliseconds)
            .ToList()).ToArray();
        var ms = perInstance.SelectMany(x => x).ToList();
        var browserMs = browsers is null ? [] : await browsers.CollectAsync(ack.StartUnixMs, RoundTimeout);
        return new Round(ms.Count == 0 ? double.NaN : ms.Max(), ms, seen.Sum(s => s.Length) - ms.Count, browserMs, ack.SaveMs,
            [.. perInstance.Select(x => x.Count == 0 ? double.NaN : x.Max())],
            [.. seen.Select((s, i) => s.Length - perInstance[i].Count)]);
    }

    /// <summary>
    /// The dashboard's manager in Chromium, signed in, and the warm-up a clicked save costs: the first save after the
    /// server started, then one after a quiet while. None for the baseline (it has no dialog), or without Chromium.
    /// </summary>
    private static async Task<(ClickingManager?, ClickWarmUp?)> ClickWarmUpAsync(string kind, string label, ServerProcess saver,
        IReadOnlyList<IReadOnlyList<HeadlessCircuit>> warm, BenchOptions o)
    {
        if (kind != "dashboard" || o.ClickRounds == 0)
        {
            return (null, null);
        }
        var viewers = warm.Sum(w => w.Count);
        if (!File.Exists(BrowserViewers.ExecutablePath))
        {
            return (null, new ClickWarmUp(double.NaN, double.NaN, o.QuietSeconds, viewers, $"no Chromium at {BrowserViewers.ExecutablePath}"));
        }
        Console.WriteLine($"[{label}] a manager signs in in Chromium");
        var manager = await ClickingManager.OpenAsync(saver.BaseUri);
        var first = await ClickRoundAsync(manager, warm, $"Eerste klik {label} {Guid.NewGuid():N}");
        Console.WriteLine($"[{label}] first clicked save after start: all {viewers} viewers {first.AllMs:F1} ms, own screen {first.OwnMs:F1} ms; quiet for {o.QuietSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(o.QuietSeconds));
        var quiet = await ClickRoundAsync(manager, warm, $"Na stilte {label} {Guid.NewGuid():N}");
        Console.WriteLine($"[{label}] clicked save after {o.QuietSeconds} s without saves: {quiet.AllMs:F1} ms");
        return (manager, new ClickWarmUp(first.AllMs, quiet.AllMs, o.QuietSeconds, viewers));
    }

    /// <summary>One save clicked by the manager; waits until every headless circuit had the new text in a render batch.</summary>
    private static async Task<(double AllMs, int Missed, double OwnMs)> ClickRoundAsync(ClickingManager manager,
        IReadOnlyList<IReadOnlyList<HeadlessCircuit>> circuits, string text)
    {
        var seen = circuits.SelectMany(list => list.Where(c => c.Error is null).Select(c => c.Expect(text))).ToArray();
        var (clickUnixMs, ownMs) = await manager.SaveAsync(text, RoundTimeout);
        try
        {
            await Task.WhenAll(seen).WaitAsync(RoundTimeout);
        }
        catch (TimeoutException)
        {
            // counted below
        }
        var received = seen.Where(t => t.IsCompletedSuccessfully).Select(t => UnixMs(t.Result)).ToList();
        return (received.Count == 0 ? double.NaN : received.Max() - clickUnixMs, seen.Length - received.Count, ownMs);
    }

    /// <summary>The monotonic clock's reading at one wall-clock instant, to set a circuit's receipt beside a browser's click.</summary>
    private static readonly (long Timestamp, double UnixMs) Anchor = (Stopwatch.GetTimestamp(), (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds);

    private static double UnixMs(long timestamp) => Anchor.UnixMs + Stopwatch.GetElapsedTime(Anchor.Timestamp, timestamp).TotalMilliseconds;

    private static Task<ServerStats[]> StatsAsync(IReadOnlyList<ServerProcess> servers, bool gc) =>
        Task.WhenAll(servers.Select(s => s.StatsAsync(gc)));

    private static Task EachAsync(IReadOnlyList<ServerProcess> servers, Func<ServerProcess, int, Task> action) =>
        Task.WhenAll(servers.Select(action));

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
