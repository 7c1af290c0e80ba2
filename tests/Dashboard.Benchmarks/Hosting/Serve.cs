using Microsoft.EntityFrameworkCore;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>The child process: serves the dashboard or the baseline until told to stop.</summary>
public static class Serve
{
    public static async Task<int> RunAsync(string kind, string[] args)
    {
        string Arg(string name, string fallback = "") =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var port = int.Parse(Arg("--port"), System.Globalization.CultureInfo.InvariantCulture);
        ExitWithParent(int.Parse(Arg("--parent", "0"), System.Globalization.CultureInfo.InvariantCulture));
        switch (kind)
        {
            case "dashboard":
                var seed = Arg("--seed", "true") == "true";
                await using (var server = Arg("--provider", "sqlite") == "postgres"
                    ? new DashboardServer("Postgres", Arg("--connection"), seed, port)
                    : DashboardServer.Sqlite(Arg("--db"), seed, port))
                {
                    server.Start();
                    if (seed)
                    {
                        await ShowLiveAsync(server.Services);
                        await BenchManager.CreateAsync(server.Services);
                    }
                    var lifetime = server.Services.GetRequiredService<IHostApplicationLifetime>();
                    await WaitAsync(lifetime.ApplicationStopping);
                }
                return 0;
            case "baseline":
                await BaselineServer.Build(port).RunAsync();
                return 0;
            default:
                Console.Error.WriteLine($"Unknown server {kind}");
                return 2;
        }
    }

    /// <summary>
    /// The viewers are anonymous public readers, who see what the plan's Raad ziet allows: the demo plan shows the
    /// council its released rapportage, which does not change with a save. The benchmark measures the live overview,
    /// so its plans show the council the live state (Raad ziet: live), as a municipality's public dashboard may.
    /// </summary>
    private static async Task ShowLiveAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<Dashboard.Data.DashboardDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Plans.ExecuteUpdateAsync(s => s.SetProperty(p => p.CouncilSees, Dashboard.Domain.CouncilView.Live));
    }

    /// <summary>A server whose benchmark died must not linger.</summary>
    private static void ExitWithParent(int parent)
    {
        if (parent == 0)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            while (true)
            {
                await Task.Delay(1000);
                try
                {
                    using var p = System.Diagnostics.Process.GetProcessById(parent);
                    if (p.HasExited)
                    {
                        Environment.Exit(3);
                    }
                }
                catch (ArgumentException)
                {
                    Environment.Exit(3);
                }
            }
        });
    }

    private static Task WaitAsync(CancellationToken stopping)
    {
        var done = new TaskCompletionSource();
        stopping.Register(() => done.TrySetResult());
        return done.Task;
    }
}
