using System.Diagnostics;
using Dashboard.Benchmarks.Client;
using Dashboard.Benchmarks.Hosting;

namespace Dashboard.Benchmarks.Scenarios;

public sealed record PageResult(
    string Page,
    string Path,
    IReadOnlyList<double> PrerenderMs,
    IReadOnlyList<double> InteractiveMs,
    IReadOnlyList<int> PrerenderQueries,
    IReadOnlyList<int> InteractiveQueries,
    int HtmlBytes,
    double RenderBytes);

public sealed record BigPlanResult(DataSize Size, GeneratedData Data, IReadOnlyList<PageResult> Pages, double LoadAverage);

/// <summary>
/// Server time and SQL queries of the overview and a spearpoint page on generated data: the prerender
/// (a plain GET) and the interactive render (a circuit on that page, until its root components are done).
/// </summary>
public static class BigPlanBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<BigPlanResult> RunAsync(DataSize size, BenchOptions o, string work)
    {
        var load = Machine.LoadAverage1();
        var file = Path.Combine(work, $"big-{size.Plans}-{size.Milestones}-{size.Updates}.db");
        Console.WriteLine($"[big] generating {size}");
        var data = await BigPlanGenerator.GenerateAsync(file, size);
        Console.WriteLine($"[big] {data.Rows:N0} rows in {data.Seconds:F1} s; starting the dashboard");
        await using var server = await ServerProcess.StartAsync("dashboard", work, "--db", file, "--seed", "false");
        using var http = new HttpClient { Timeout = Timeout };

        var pages = new List<PageResult>();
        foreach (var (name, path) in new[] { ("overview", "/"), ("spearpoint", $"/speerpunten/{data.SpearpointId}") })
        {
            var uri = new Uri(server.BaseUri, path);
            for (var i = 0; i < 3; i++)
            {
                await http.GetStringAsync(uri);
                await using var warm = await HeadlessCircuit.OpenAsync(http, uri, Timeout);
            }

            var prerender = new List<double>();
            var interactive = new List<double>();
            var prerenderQueries = new List<int>();
            var interactiveQueries = new List<int>();
            var html = 0;
            double renderBytes = 0;
            for (var i = 0; i < o.PageSamples; i++)
            {
                await server.ResetQueriesAsync();
                var started = Stopwatch.GetTimestamp();
                html = (await http.GetStringAsync(uri)).Length;
                prerender.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                var q = (await server.StatsAsync(gc: false)).Queries;
                prerenderQueries.Add(q);

                await server.ResetQueriesAsync();
                await using (var circuit = await HeadlessCircuit.OpenAsync(http, uri, Timeout))
                {
                    interactive.Add(circuit.InteractiveMs);
                    renderBytes = circuit.RenderBytes;
                }
                // The circuit's own GET prerendered the page once more.
                interactiveQueries.Add((await server.StatsAsync(gc: false)).Queries - q);
            }
            var result = new PageResult(name, path, prerender, interactive, prerenderQueries, interactiveQueries, html, renderBytes);
            pages.Add(result);
            Console.WriteLine($"[big] {size.Plans} plans, {name}: prerender p50 {prerender.P50():F1} p95 {prerender.P95():F1} ms, " +
                $"interactive p50 {interactive.P50():F1} p95 {interactive.P95():F1} ms, queries {prerenderQueries.Max()} + {interactiveQueries.Max()}");
        }
        return new BigPlanResult(size, data, pages, load);
    }
}
