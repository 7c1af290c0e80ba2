using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Dashboard.Benchmarks.Hosting;
using Dashboard.Benchmarks.Scenarios;
using Dashboard.Progress;

namespace Dashboard.Benchmarks;

/// <summary>
/// Writes the run into RESULTS.md between the generated markers; what stands outside them (the
/// hand-written before-and-after notes) is kept.
/// </summary>
public sealed class Report(BenchOptions options, string[] args)
{
    private const string Start = "<!-- generated:start (written by the benchmark; edit outside these markers) -->";
    private const string End = "<!-- generated:end -->";

    public List<LiveResult> Live { get; } = [];
    public List<BigPlanResult> BigPlans { get; } = [];

    /// <summary>The dashboard on PostgreSQL with several instances, or why that part was left out.</summary>
    public LiveResult? Postgres { get; set; }
    public string? PostgresLeftOut { get; set; }
    public TimeSpan Duration { get; set; }

    /// <summary>The machine's load average when the run started: other work on these two cores shows in every figure.</summary>
    public string LoadAtStart { get; } = LoadAverage();

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public void Write(string path)
    {
        var generated = Generate();
        var old = File.Exists(path) ? File.ReadAllText(path) : "";
        var s = old.IndexOf(Start, StringComparison.Ordinal);
        var e = old.IndexOf(End, StringComparison.Ordinal);
        var text = s >= 0 && e > s
            ? old[..s] + generated + old[(e + End.Length)..]
            : generated + "\n" + old;
        File.WriteAllText(path, text);
    }

    private string Generate()
    {
        var b = new StringBuilder();
        b.AppendLine(Start);
        b.AppendLine("## Latest run");
        b.AppendLine();
        b.AppendLine($"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, took {Duration:m\\:ss}");
        b.AppendLine($"- machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB():F1} GiB memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC");
        b.AppendLine($"- load average (1, 5, 15 min) at start: {LoadAtStart}; at the end: {LoadAverage()}");
        b.AppendLine($"- command: `dotnet run -c Release --project tests/Dashboard.Benchmarks{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}`");
        b.AppendLine($"- commit: {Git("rev-parse --short HEAD")}{(Git("status --porcelain -- src tests").Length > 0 ? " (with uncommitted changes)" : "")}");
        b.AppendLine($"- settings: circuits {string.Join(", ", options.Circuits)}; {options.Rounds} rounds after {options.Warmup} warm-up rounds; {options.Browsers} Chromium pages for {options.BrowserRounds} rounds; {options.PageSamples} page samples; " +
            (!options.Postgres ? "no PostgreSQL part" : $"then {Instances(options.Instances)} on PostgreSQL{(PostgresLeftOut is null ? "" : " (left out: see below)")}"));
        b.AppendLine();
        Targets(b);
        LiveTables(b);
        InstanceTables(b);
        BigPlanTables(b);
        b.AppendLine(End);
        return b.ToString();
    }

    private void Targets(StringBuilder b)
    {
        var dash = Live.FirstOrDefault(l => l.Kind == "dashboard");
        var big = BigPlans.OrderBy(p => p.Size.Updates).LastOrDefault();
        b.AppendLine("### Targets (\"Live and fast\")");
        b.AppendLine();
        b.AppendLine("| target | measured | met |");
        b.AppendLine("|---|---|---|");
        if (dash is not null)
        {
            var bare = Live.FirstOrDefault(l => l.Kind == "baseline");
            foreach (var (n, limit) in new[] { (500, 100.0), (1000, 150.0) })
            {
                if (dash.Sizes.FirstOrDefault(s => s.Circuits == n) is not { } r)
                {
                    Row(b, $"a clicked save reaches all {n:N0} viewers: p95 <= {limit:F0} ms, every round counted", $"not measured: no {n:N0} in --circuits", false);
                }
                else if (r.Clicked is not { } c)
                {
                    Row(b, $"a clicked save reaches all {n:N0} viewers: p95 <= {limit:F0} ms, every round counted", $"not measured: {dash.Clicks?.Note ?? "--click-rounds 0"}", false);
                }
                else
                {
                    var p95 = c.AllMs.P95();
                    var pushed = bare?.Sizes.FirstOrDefault(x => x.Circuits == n)?.AllReceivedMs.P95();
                    Row(b, $"a clicked save reaches all {n:N0} viewers: p95 <= {limit:F0} ms, every round counted",
                        $"{F(p95)} ms over {c.AllMs.Count + (c.Missed > 0 ? 1 : 0)} rounds{(c.Missed > 0 ? $", {c.Missed} viewers missed" : "")} (server-side save p95 {F(r.AllReceivedMs.P95())} ms; bare page's push p95 {F(pushed ?? double.NaN)} ms)",
                        p95 <= limit && c.Missed == 0);
                }
            }
            foreach (var n in new[] { 250, 500, 1000 })
            {
                var r = dash.Sizes.FirstOrDefault(s => s.Circuits == n);
                var bs = bare?.Sizes.FirstOrDefault(x => x.Circuits == n);
                Row(b, $"RSS per overview circuit at {n:N0} <= 2x the bare page",
                    r is null || bs is null ? $"not measured: {(r is null ? $"no {n:N0} in --circuits" : "no baseline in --apps")}"
                        : $"{r.RssPerCircuitKiB:F0} KiB vs {bs.RssPerCircuitKiB:F0} KiB ({Ratio(r.RssPerCircuitKiB, bs.RssPerCircuitKiB)})",
                    r is not null && bs is not null && r.RssPerCircuitKiB <= 2 * bs.RssPerCircuitKiB);
            }
            var worst = dash.Sizes.MaxBy(s => s.HeapPerCircuitKiB);
            if (worst is not null)
            {
                Row(b, "managed heap per overview circuit <= 300 KiB", $"{worst.HeapPerCircuitKiB:F0} KiB (worst of {string.Join("/", dash.Sizes.Select(s => s.Circuits))})", worst.HeapPerCircuitKiB <= 300);
            }
            var most = dash.Sizes.MaxBy(s => s.Circuits);
            Row(b, "5,000 overview circuits held by one server, none dropped, a save reaching all at p95 <= 1 s",
                most is null || most.Circuits < 5000 ? "not measured: no 5,000 in --circuits"
                    : $"held {most.HeldByServer:N0} of {most.Circuits:N0}, {most.Errors} errors, p95 {F(most.AllReceivedMs.P95())} ms, {most.Missed} missed, RSS {most.RssPerCircuitKiB * most.Circuits / 1024:F0} MiB for the circuits",
                most is not null && most.Circuits >= 5000 && most.HeldByServer >= 5000 && most.Missed == 0 && most.AllReceivedMs.P95() <= 1000);
            Row(b, "the overview and a spearpoint page on a phone: Lighthouse mobile performance >= 90", "not measured: this benchmark does not run Lighthouse", false);
            var reads = dash.Sizes.Select(s => s.ReadsPerSave).DefaultIfEmpty().Max();
            Row(b, "one save, one database read for all viewers", $"{F(reads)} reads per save", reads <= 1.0001);
        }
        if (Postgres is { } pg)
        {
            var setup = $"{Instances(pg.InstanceCount)} on PostgreSQL";
            foreach (var (n, limit) in new[] { (500, 100.0), (1000, 250.0) })
            {
                if (pg.Sizes.FirstOrDefault(s => s.Circuits == n) is { } r)
                {
                    var p95 = r.AllReceivedMs.P95();
                    Row(b, $"{setup}: a save on one reaches all {n:N0} viewers on all: p95 <= {limit:F0} ms", $"{F(p95)} ms{(r.Missed > 0 ? $", {r.Missed} missed" : "")}", p95 <= limit && r.Missed == 0);
                }
            }
            var perInstance = pg.Sizes.SelectMany(s => s.Instances).Select(i => i.ReadsPerSave).ToList();
            Row(b, $"{setup}: one database read per save per instance, for all its viewers",
                $"{F(perInstance.DefaultIfEmpty().Min())}-{F(perInstance.DefaultIfEmpty().Max())} reads per save per instance",
                perInstance.Count > 0 && perInstance.All(x => Math.Abs(x - 1) < 0.0001));
        }
        if (BigPlans.Count > 0)
        {
            foreach (var page in BigPlans[0].Pages.Select(p => p.Page))
            {
                var counts = BigPlans.Select(p => p.Pages.Single(x => x.Page == page))
                    .Select(p => $"{p.PrerenderQueries.Max()}+{p.InteractiveQueries.Max()}").ToList();
                var constant = BigPlans.SelectMany(p => p.Pages.Where(x => x.Page == page))
                    .All(p => p.PrerenderQueries.Distinct().Count() == 1 && p.InteractiveQueries.Distinct().Count() == 1)
                    && counts.Distinct().Count() == 1;
                Row(b, $"{page}: queries do not grow with the data", $"prerender+interactive {string.Join(" vs ", counts)}", constant);
            }
        }
        if (big?.Pages.FirstOrDefault(p => p.Page == "overview") is { } overview)
        {
            var worst = Math.Max(overview.PrerenderMs.P95(), overview.InteractiveMs.P95());
            Row(b, $"overview within 150 ms server time ({big.Size.Plans} plans, {big.Size.Milestones:N0} milestones, {big.Size.Updates:N0} updates)",
                $"p95 prerender {F(overview.PrerenderMs.P95())} ms, interactive {F(overview.InteractiveMs.P95())} ms", worst <= 150);
        }
        b.AppendLine();
    }

    private void LiveTables(StringBuilder b)
    {
        if (Live.Count == 0)
        {
            return;
        }
        var baseline = Live.FirstOrDefault(l => l.Kind == "baseline");
        b.AppendLine("### Circuits held (headless clients on `/`)");
        b.AppendLine();
        b.AppendLine("Heap and RSS of the server process after full collections, less what it had before the circuits, per circuit.");
        b.AppendLine();
        b.AppendLine("| server | circuits | open | held by server | errors | opening took | heap per circuit | RSS per circuit | heap vs baseline |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Live)
        {
            foreach (var s in l.Sizes)
            {
                var bs = baseline?.Sizes.FirstOrDefault(x => x.Circuits == s.Circuits);
                b.AppendLine($"| {l.Kind} | {s.Circuits:N0} | {s.Opened:N0} | {s.HeldByServer:N0} | {s.Errors}{(s.FirstError is null ? "" : $" ({Md(s.FirstError)})")} | {s.OpenSeconds:F1} s | {s.HeapPerCircuitKiB:F0} KiB | {s.RssPerCircuitKiB:F0} KiB | {Ratio(s.HeapPerCircuitKiB, bs?.HeapPerCircuitKiB)} |");
            }
        }
        b.AppendLine();
        b.AppendLine($"Before the circuits: {string.Join("; ", Live.Select(l => $"{l.Kind} heap {l.BaseHeapMiB:F1} MiB, RSS {l.BaseRssMiB:F0} MiB"))}. " +
            $"Load average when each server's part started: {string.Join(", ", Live.Select(l => $"{l.Kind} {l.LoadAverage:F1}"))}.");
        b.AppendLine();

        b.AppendLine("### Propagation: a save until every circuit has the render batch with the new text");
        b.AppendLine();
        b.AppendLine($"Per round, the time from the start of the save on the server until the last circuit received the batch; {options.Rounds} rounds. " +
            "The dashboard's save is a manager's `StatusEditor.SaveStatusAsync` (validation, version check, audit line, commit, one read, push); the baseline's is the push alone.");
        b.AppendLine();
        b.AppendLine("| server | viewers | p50 | p95 | p99 | max | p95 vs baseline | one viewer p50 | missed | save call p50 (push inline) | server CPU per save (of which JIT) | CPU vs baseline | reads per save | SQL per save | batches per viewer per save | bytes per viewer per save | allocated per save |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Live)
        {
            foreach (var s in l.Sizes)
            {
                var bs = baseline?.Sizes.FirstOrDefault(x => x.Circuits == s.Circuits);
                var a = s.AllReceivedMs;
                b.AppendLine($"| {l.Kind} | {s.Circuits:N0} | {F(a.P50())} ms | {F(a.P95())} ms | {F(a.P99())} ms | {F(a.Max())} ms | {Ratio(a.P95(), bs?.AllReceivedMs.P95())} | {F(s.ViewerMs.P50())} ms | {s.Missed} | {F(s.SaveMs.P50())} ms | {F(s.ServerCpuMsPerSave)} ms ({F(s.JitMsPerSave)}) | {Ratio(s.ServerCpuMsPerSave, bs?.ServerCpuMsPerSave)} | {F(s.ReadsPerSave)} | {F(s.QueriesPerSave)} | {F(s.BatchesPerViewerPerSave)} | {s.BytesPerViewerPerSave:F0} B | {s.AllocatedPerSaveKiB:F0} KiB |");
            }
        }
        b.AppendLine();

        if (Live.FirstOrDefault(l => l.Kind == "dashboard") is { } clickedBy)
        {
            b.AppendLine("### Clicked saves: from the click on Opslaan until every viewer has it (the headline)");
            b.AppendLine();
            b.AppendLine($"A manager in Chromium, signed in, opens Status bijwerken on the first card, chooses Op koers, types the Toelichting and clicks Opslaan, {options.ClickRounds} times per size after the other rounds, every round counted. " +
                "The clock runs from the click event in the manager's page (`performance.timeOrigin + event.timeStamp`) until the last headless viewer has the render batch with the new text; " +
                "own screen: until the manager's own card shows it. Beside it the server-side figure of the same size (from the start of the save on the server) and the bare page's push.");
            b.AppendLine();
            if (clickedBy.Clicks is { Note: { } note })
            {
                b.AppendLine($"No clicked saves: {Md(note)}.");
            }
            else
            {
                b.AppendLine("| viewers | rounds | p50 | p95 | max | viewers missed | own screen p50 | own screen p95 | server-side save p95 | bare page's push p95 |");
                b.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
                foreach (var s in clickedBy.Sizes.Where(s => s.Clicked is not null))
                {
                    var c = s.Clicked!;
                    var bs = baseline?.Sizes.FirstOrDefault(x => x.Circuits == s.Circuits);
                    b.AppendLine($"| {s.Circuits:N0} | {options.ClickRounds} | {F(c.AllMs.P50())} ms | {F(c.AllMs.P95())} ms | {F(c.AllMs.Max())} ms | {c.Missed} | {F(c.OwnScreenMs.P50())} ms | {F(c.OwnScreenMs.P95())} ms | {F(s.AllReceivedMs.P95())} ms | {F(bs?.AllReceivedMs.P95() ?? double.NaN)} ms |");
                }
                if (clickedBy.Clicks is { } w)
                {
                    b.AppendLine();
                    b.AppendLine($"Warm-up, with {w.Viewers} headless viewers: the first clicked save after the server started reached all of them in {F(w.FirstMs)} ms; " +
                        $"one after {w.QuietSeconds} s without saves in {F(w.AfterQuietMs)} ms.");
                }
            }
            b.AppendLine();
        }

        b.AppendLine("### Real browsers during the propagation run");
        b.AppendLine();
        b.AppendLine($"After the headless rounds, {options.Browsers} Chromium pages join the headless circuits for {options.BrowserRounds} more saves: " +
            "time from the start of the save until the text is in each page's DOM (a MutationObserver), and the headless time until all circuits had it while Chromium ran on the same two cores.");
        b.AppendLine();
        b.AppendLine("| server | pages | with headless viewers | p50 | p95 | max | missed | all headless, Chromium open: p50 | p95 |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var l in Live)
        {
            if (l.BrowserNote is not null)
            {
                b.AppendLine($"| {l.Kind} | 0 | – | {Md(l.BrowserNote)} | | | | | |");
                continue;
            }
            foreach (var s in l.Sizes)
            {
                b.AppendLine($"| {l.Kind} | {l.Browsers} | {s.Circuits:N0} | {F(s.BrowserMs.P50())} ms | {F(s.BrowserMs.P95())} ms | {F(s.BrowserMs.Max())} ms | {s.BrowserMissed} | {F(s.AllReceivedWithBrowsersMs.P50())} ms | {F(s.AllReceivedWithBrowsersMs.P95())} ms |");
            }
        }
        b.AppendLine();
        if (Live.FirstOrDefault(l => l.Kind == "dashboard") is { JsCalls.Count: > 0 } d)
        {
            b.AppendLine($"JS calls the headless clients answered for the dashboard: {string.Join(", ", d.JsCalls.Take(12).Select(kv => $"`{kv.Key}` {kv.Value:N0}"))}.");
            b.AppendLine();
        }
    }

    private void InstanceTables(StringBuilder b)
    {
        if (!options.Live || !options.Postgres)
        {
            return;
        }
        b.AppendLine($"### Several instances: {Instances(options.Instances)} on PostgreSQL beside one on SQLite");
        b.AppendLine();
        if (Postgres is not { } pg)
        {
            b.AppendLine($"Left out: {Md(PostgresLeftOut ?? "not run")}.");
            b.AppendLine();
            return;
        }
        var sqlite = Live.FirstOrDefault(l => l.Kind == "dashboard");
        b.AppendLine($"The dashboard as {pg.InstanceCount} process{(pg.InstanceCount == 1 ? "" : "es")} of its own (each its own service provider, `LiveUpdates` and listening connection) on one database, " +
            $"{Md(pg.Database ?? "")}; the headless viewers split evenly over them, each connected straight to its instance's port. " +
            "Every save is made on instance 1 (the same `StatusEditor.SaveStatusAsync`); its `pg_notify` reaches every instance's listener, instance 1's too, " +
            "and the time counts from the start of the save until the last viewer on every instance has the render batch with the new text. " +
            "Beside it, the single SQLite instance of the tables above, at the same number of viewers.");
        b.AppendLine();
        b.AppendLine("Memory per circuit: each instance's heap and RSS after full collections in that process, less what it had before the circuits, divided by the circuits on that instance; " +
            "figures per instance separated by \" / \". Reads per save: each instance's `LiveUpdates.Reads`. SQL per save: commands EF ran in each instance (the save's are on instance 1). " +
            "Server CPU: all instances' processes together; the PostgreSQL server's CPU (its processes' times in /proc, during the same rounds) beside it. " +
            "The instances, the PostgreSQL server and the headless clients share these two cores.");
        b.AppendLine();
        b.AppendLine("| setup | viewers | per instance | all on all instances: p50 | p95 | p99 | max | saving instance's viewers p95 | other instances' viewers p95 | missed | save call p50 | reads per save, per instance | SQL per save, per instance | heap per circuit, per instance | RSS per circuit, per instance | server CPU per save, all instances (of which JIT) | PostgreSQL CPU per save |");
        b.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in options.Circuits)
        {
            if (sqlite?.Sizes.FirstOrDefault(s => s.Circuits == size) is { } one)
            {
                InstanceRow(b, "SQLite, 1 instance", one, "in the process");
            }
            if (pg.Sizes.FirstOrDefault(s => s.Circuits == size) is { } many)
            {
                InstanceRow(b, $"PostgreSQL, {Instances(pg.InstanceCount)}", many,
                    double.IsFinite(many.DatabaseCpuMsPerSave) ? $"{F(many.DatabaseCpuMsPerSave)} ms" : "not measured (not a process here)");
            }
        }
        b.AppendLine();
        b.AppendLine("Before the circuits, per instance: " +
            (sqlite is null ? "" : $"SQLite heap {F(sqlite.BaseHeapMiB)} MiB, RSS {F(sqlite.BaseRssMiB)} MiB; ") +
            $"PostgreSQL heap {F(pg.BaseHeapMiB)} MiB, RSS {F(pg.BaseRssMiB)} MiB (mean of the instances). " +
            $"Load average when the part started: {(sqlite is null ? "" : $"SQLite {F(sqlite.LoadAverage)}, ")}PostgreSQL {F(pg.LoadAverage)}.");
        b.AppendLine();
    }

    private static string Instances(int n) => n == 1 ? "1 instance" : $"{n} instances";

    private static void InstanceRow(StringBuilder b, string setup, LiveSizeResult s, string databaseCpu)
    {
        static string Each(IEnumerable<string> values) => string.Join(" / ", values);
        var first = s.Instances[0];
        var others = s.Instances.Skip(1).SelectMany(i => i.AllReceivedMs).ToList();
        var a = s.AllReceivedMs;
        b.AppendLine($"| {setup} | {s.Circuits:N0} | {Each(s.Instances.Select(i => i.Circuits.ToString("N0", C)))} | {F(a.P50())} ms | {F(a.P95())} ms | {F(a.P99())} ms | {F(a.Max())} ms | " +
            $"{F(first.AllReceivedMs.P95())} ms | {(s.Instances.Count > 1 ? $"{F(others.P95())} ms" : "–")} | {s.Missed} | {F(s.SaveMs.P50())} ms | " +
            $"{Each(s.Instances.Select(i => F(i.ReadsPerSave)))} | {Each(s.Instances.Select(i => F(i.QueriesPerSave)))} | " +
            $"{Each(s.Instances.Select(i => $"{i.HeapPerCircuitKiB:F0} KiB"))} | {Each(s.Instances.Select(i => $"{i.RssPerCircuitKiB:F0} KiB"))} | {F(s.ServerCpuMsPerSave)} ms ({F(s.JitMsPerSave)}) | {databaseCpu} |");
    }

    private void BigPlanTables(StringBuilder b)
    {
        if (BigPlans.Count == 0)
        {
            return;
        }
        b.AppendLine("### Big plans: server time and SQL per page");
        b.AppendLine();
        b.AppendLine($"Each page {options.PageSamples} times: prerender = a plain GET (loopback); interactive = a circuit on the page, from UpdateRootComponents until the server reports its root components rendered. " +
            "Queries counted by an EF Core command interceptor in the server.");
        b.AppendLine();
        b.AppendLine("| data | rows | page | history on the page | prerender p50 | prerender p95 | interactive p50 | interactive p95 | queries prerender + interactive | HTML |");
        b.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in BigPlans)
        {
            foreach (var page in p.Pages)
            {
                var history = page.Page == "spearpoint" ? $"{p.Data.SpearpointUpdates:N0} updates, {p.Data.SpearpointMeasurements:N0} measurements" : "–";
                b.AppendLine($"| {p.Size.Plans}/{p.Size.Milestones:N0}/{p.Size.Updates:N0} | {p.Data.Rows:N0} | {page.Page} | {history} | {F(page.PrerenderMs.P50())} ms | {F(page.PrerenderMs.P95())} ms | {F(page.InteractiveMs.P50())} ms | {F(page.InteractiveMs.P95())} ms | {page.PrerenderQueries.Max()} + {page.InteractiveQueries.Max()} | {page.HtmlBytes / 1024.0:F0} KiB |");
            }
        }
        b.AppendLine();
        b.AppendLine("data = plans/milestones/status updates (as many measurements, and an audit line per update); 8 spearpoints per plan; the overview shows the current plan. " +
            $"Load average when each size started: {string.Join(", ", BigPlans.Select(p => p.LoadAverage.ToString("F1", C)))}.");
        b.AppendLine();
    }

    private static void Row(StringBuilder b, string target, string measured, bool met) =>
        b.AppendLine($"| {target} | {measured} | {(met ? "yes" : "**no**")} |");

    private static string F(double v) => double.IsFinite(v) ? v.ToString(v >= 100 ? "F0" : "F1", C) : "–";

    private static string Ratio(double v, double? baseline) =>
        baseline is { } x && x > 0 && double.IsFinite(v) ? (v / x).ToString("F1", C) + "×" : "–";

    private static string Md(string s) => s.Replace("|", "/").Replace("\n", " ");

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static double MemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], C) / 1048576.0;
        }
        catch (Exception)
        {
            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0;
        }
    }

    private static string Git(string arguments)
    {
        try
        {
            var psi = new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, WorkingDirectory = RepoPaths.Root };
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return output;
        }
        catch (Exception)
        {
            return "?";
        }
    }
}
