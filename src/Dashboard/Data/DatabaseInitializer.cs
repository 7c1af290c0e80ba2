using Dashboard.Domain;
using Dashboard.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>
/// Brings the database up to date before the server takes requests: migrations, WAL, and the
/// demo plan when asked for. Runs in the host's "starting" phase, ahead of Kestrel.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<DashboardOptions> options,
    DashboardClock clock,
    ILogger<DatabaseInitializer> log) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);

        // WAL lets readers go on while one writer commits; the mode is stored in the file.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            log.LogInformation("SQLite journal mode {Mode}", await command.ExecuteScalarAsync(ct));
        }

        if (options.Value.SeedDemoData && !await db.Plans.AnyAsync(ct))
        {
            db.Plans.Add(DemoPlan.Build());
            db.AuditEntries.Add(new AuditEntry
            {
                AtUtc = clock.UtcNow,
                Actor = "Systeem",
                Action = "SeedDemoData",
                ObjectType = nameof(Plan),
                Result = AuditResult.Success,
                Origin = "start-up",
                Message = "Demogegevens geladen",
            });
            await db.SaveChangesAsync(ct);
            log.LogInformation("Seeded the demo plan into an empty database");
        }
    }
}
