using System.Diagnostics;
using Dashboard.Benchmarks.Hosting;
using Dashboard.Benchmarks.Scenarios;
using Dashboard.Tests.Support;

namespace Dashboard.Benchmarks;

// Not top-level statements: the dashboard's own Program (hosted here) is in the global namespace.
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // A child process: one server under test.
        if (args is ["serve", var server, ..])
        {
            return await Serve.RunAsync(server, args[2..]);
        }

        if (args is ["--help" or "-h"])
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        LoopbackPorts.StartAt(options.FirstPort);
        var work = Directory.CreateTempSubdirectory("dashboard-bench-").FullName;
        Console.WriteLine($"Working files and server logs in {work}");
        var report = new Report(options, args);
        Console.WriteLine($"Load average at start: {report.LoadAtStart} (other work on this machine shows in every figure)");
        var clock = Stopwatch.StartNew();
        if (options.Live)
        {
            foreach (var kind in options.Apps)
            {
                await Machine.WaitForQuietAsync(options, kind);
                report.Live.Add(await LiveBenchmark.RunAsync(kind, options, work));
            }
            if (options.Postgres)
            {
                await RunPostgresAsync(options, report, work);
            }
        }
        if (options.BigPlans)
        {
            foreach (var size in options.DataSizes)
            {
                await Machine.WaitForQuietAsync(options, "big");
                report.BigPlans.Add(await BigPlanBenchmark.RunAsync(size, options, work));
            }
        }
        report.Duration = clock.Elapsed;
        report.Write(options.Output);
        Console.WriteLine($"Done in {clock.Elapsed:m\\:ss}; results in {options.Output}");
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        return 0;
    }

    /// <summary>The dashboard on PostgreSQL with several instances; without a PostgreSQL server, left out and said why.</summary>
    private static async Task RunPostgresAsync(BenchOptions options, Report report, string work)
    {
        var label = $"postgres x{options.Instances}";
        await Machine.WaitForQuietAsync(options, label);
        Console.WriteLine($"[{label}] starting PostgreSQL");
        if (options.PostgresConnection is { } given)
        {
            Environment.SetEnvironmentVariable(PostgresServer.ConnectionVariable, given);
        }
        else if (options.FirstPort > 0)
        {
            // --ports: the throwaway cluster takes the next port of the range, as the instances do.
            var port = LoopbackPorts.Next();
            Environment.SetEnvironmentVariable(PostgresServer.PortsVariable, $"{port}-{port}");
        }
        // The tests' own server (Dashboard.TestSupport): one PostgreSQL starter for tests and benchmark.
        if (PostgresServer.Shared is not { } server)
        {
            Console.WriteLine($"[{label}] left out: {PostgresServer.WhyNot}");
            report.PostgresLeftOut = PostgresServer.WhyNot;
            return;
        }
        report.Postgres = await LiveBenchmark.RunPostgresAsync(options, work, server);
    }
}
