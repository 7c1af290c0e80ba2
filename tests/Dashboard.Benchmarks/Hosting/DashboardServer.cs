using System.Net;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>
/// The real dashboard (its own Program, so sign-in or pipeline changes come along) on a Kestrel port,
/// with the benchmark's /bench endpoints, a SQL command counter and a circuit counter added.
/// <paramref name="provider"/> is the app's <c>Database:Provider</c> (Sqlite or Postgres).
/// </summary>
public sealed class DashboardServer(string provider, string connectionString, bool seedDemo, int port) : WebApplicationFactory<Program>
{
    public static DashboardServer Sqlite(string databaseFile, bool seedDemo, int port) =>
        new("Sqlite", $"Data Source={databaseFile}", seedDemo, port);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoPaths.Root);
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Dashboard", connectionString);
        builder.UseSetting("Dashboard:SeedDemoData", seedDemo ? "true" : "false");
        // The letter's plan alone, as the baselines were measured on.
        builder.UseSetting("Dashboard:SeedRunningDemoPlan", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Viewers read without signing in (the public-dashboard setting), and the harness speaks plain
        // HTTP on loopback: what is measured is rendering and pushing, not sign-in or TLS.
        builder.UseSetting("Security:AllowAnonymousRead", "true");
        builder.ConfigureServices(services =>
        {
            var queries = new QueryCounter();
            services.AddSingleton(queries);
            services.AddSingleton<IInterceptor>(queries); // AddDashboardDatabase adds every IInterceptor
            services.AddSingleton<CircuitCounter>();
            services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
            services.AddSingleton<IBenchTarget, DashboardTarget>();
            services.AddSingleton<IStartupFilter, BenchEndpoints>();
            services.Configure<CircuitOptions>(BenchApi.DropClosedCircuits);
            services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        });
    }

    public void Start()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    private sealed class BenchEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench", b => b.Run(BenchApi.HandleAsync));
            next(app);
        };
    }
}

/// <summary>A manager's status save on the first spearpoint of the current plan, through the service layer.</summary>
public sealed class DashboardTarget(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DashboardQueries queries,
    StatusEditor editor,
    LiveUpdates live) : IBenchTarget
{
    private static readonly Actor Manager = new("Benchmark", new HashSet<string> { DashboardRoles.Manager }, "benchmark");
    private (int Id, int PlanId, int Version)? _target;

    public async ValueTask<int> SubscribersAsync() => live.SubscriberCount((await TargetAsync()).Id);

    public long LiveReads => live.Reads;

    public async Task<SaveAck> SaveAsync(string text, CancellationToken ct)
    {
        // The version comes from the previous save's answer, so a save costs only its own queries.
        var target = await TargetAsync();
        var ack = BenchApi.Started();
        var result = await editor.SaveStatusAsync(Manager,
            new StatusCommand(target.PlanId, target.Id, target.Version, Status.OnTrack, text), ct);
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The manager in Chromium saved in between (a clicked round): the version is read again, once.
            _target = null;
            target = await TargetAsync();
            result = await editor.SaveStatusAsync(Manager,
                new StatusCommand(target.PlanId, target.Id, target.Version, Status.OnTrack, text), ct);
        }
        _target = target with { Version = result.Version ?? target.Version };
        return ack with
        {
            Saved = result.Succeeded,
            Message = result.Succeeded ? null : result.Message,
            SaveMs = System.Diagnostics.Stopwatch.GetElapsedTime(ack.StartTimestamp).TotalMilliseconds,
        };
    }

    private async ValueTask<(int Id, int PlanId, int Version)> TargetAsync()
    {
        if (_target is { } known)
        {
            return known;
        }
        var plan = await queries.GetCurrentPlanAsync() ?? throw new InvalidOperationException("No plan");
        await using var db = await dbFactory.CreateDbContextAsync();
        var s = await db.Spearpoints.AsNoTracking()
            .Where(s => s.PlanId == plan.Id)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.PlanId, s.Version })
            .FirstAsync();
        _target = (s.Id, s.PlanId, s.Version);
        return _target.Value;
    }
}
