using Dashboard.Common;
using Dashboard.Data.Backups;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Reports;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>
/// Brings the database up to date before the server takes requests: refuses a database made by a
/// newer version, backs the database up before applying migrations (SQLite), migrates, turns on WAL
/// (SQLite), and seeds the demo plans with their rapportages when asked for. Runs in the host's "starting" phase, ahead of Kestrel.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<DashboardOptions> options,
    DashboardClock clock,
    BackupService backups,
    IJobLock jobs,
    DemoReports demoReports,
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
        await UpgradeAsync(ct);
        await SeedAsync(ct);
    }

    /// <summary>
    /// A first start on PostgreSQL makes its database, and says so at information level: asked first whether it exists, so
    /// that no failed connection is logged as an error on a normal start. Instances creating it together: one makes it, the
    /// others find it.
    /// </summary>
    private async Task CreatePostgresDatabaseAsync(DashboardDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }
        var name = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database;
        log.LogInformation("Creating the PostgreSQL database {Database}: it does not exist yet", name);
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
            log.LogInformation("The PostgreSQL database {Database} was made by another instance at the same time", name);
        }
    }

    /// <summary>Everything but seeding: what the command-line verbs need before they touch the data.</summary>
    public async Task UpgradeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
        {
            await CreatePostgresDatabaseAsync(db, ct);
        }
        var state = await MigrationState.ReadAsync(db, ct);
        if (state.Unknown.Count > 0)
        {
            // Migrating down or running on would risk the newer version's data: stop, and say why.
            log.LogCritical(
                "The database {Database} was made by a newer version of the dashboard: it has migrations this version does not know ({UnknownMigrations}). " +
                "Not starting, so that nothing is lost. Run the newer version, or restore a backup made by this version.",
                backups.DatabasePath ?? "(in memory)", state.Unknown);
            throw new DatabaseTooNewException(backups.DatabasePath, state.Unknown);
        }

        if (!db.Database.IsSqlite())
        {
            // PostgreSQL: one instance migrates while the others wait, under an advisory lock held for the whole upgrade
            // (EF Core's own lock there lasts one migration's transaction, so two instances starting together could both
            // apply a second pending migration). Backing up before an upgrade is the operator's pg_dump (docs/servers.md).
            if (state.Pending.Count > 0)
            {
                await using var held = await PostgresJobLock.HoldAsync(db.Database.GetConnectionString()!, "migrate", ct);
                await using var locked = await dbFactory.CreateDbContextAsync(ct);
                var pending = (await MigrationState.ReadAsync(locked, ct)).Pending;
                if (pending.Count > 0)
                {
                    log.LogInformation("Applying migrations {Migrations}", pending);
                    await locked.Database.MigrateAsync(ct);
                }
            }
            return;
        }

        if (state.Pending.Count > 0)
        {
            await db.Database.OpenConnectionAsync(ct);
            var hasData = await SqliteFile.HasTablesAsync((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection(), ct);
            await db.Database.CloseConnectionAsync();
            if (hasData && backups.DatabasePath is not null)
            {
                var copy = await backups.BackupToFolderAsync("before-upgrade", state.Pending[^1], ct);
                log.LogInformation("Backed up {Database} to {BackupFile} before applying migrations {Migrations}",
                    backups.DatabasePath, copy.Path, state.Pending);
            }
            log.LogInformation("Applying migrations {Migrations}", state.Pending);
            await db.Database.MigrateAsync(ct);
        }

        // WAL lets readers go on while one writer commits; the mode is stored in the file.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            log.LogInformation("SQLite journal mode {Mode}", await command.ExecuteScalarAsync(ct));
        }
    }

    /// <summary>
    /// The demo plan into an empty database, then its rapportages through the ReportEditor (which needs the plan stored);
    /// with several instances starting at once, by one of them.
    /// </summary>
    private Task SeedAsync(CancellationToken ct) => options.Value.SeedDemoData ? jobs.TryRunAsync("seed", SeedOnceAsync, ct) : Task.CompletedTask;

    private async Task SeedOnceAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (options.Value.SeedDemoData && !await db.Plans.AnyAsync(ct))
        {
            var plan = DemoPlan.Build();
            db.Plans.Add(plan);
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
            await Questions.DemoQuestions.AddAsync(db, plan, ct);
            await db.SaveChangesAsync(ct);
            await demoReports.SeedAsync(plan.Id, ct);
            if (options.Value.SeedRunningDemoPlan)
            {
                await SeedRunningPlanAsync(db, ct);
            }
            log.LogInformation(options.Value.SeedRunningDemoPlan ? "Seeded the two demo plans into an empty database" : "Seeded the demo plan into an empty database");
        }
    }

    /// <summary>The plan that runs today (dated from today), its questions and its rapportages, as the letter's plan above.</summary>
    private async Task SeedRunningPlanAsync(DashboardDbContext db, CancellationToken ct)
    {
        var today = clock.Today;
        var plan = RunningDemoPlan.Build(today);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        await Questions.DemoQuestions.AddRunningAsync(db, plan, today, ct);
        await db.SaveChangesAsync(ct);
        await demoReports.SeedRunningAsync(plan.Id, today, ct);
    }
}

/// <summary>Which of the app's migrations the database lacks, and which it has that the app does not know.</summary>
public sealed record MigrationState(IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    public bool IsCurrent => Pending.Count == 0 && Unknown.Count == 0;

    public static async Task<MigrationState> ReadAsync(DashboardDbContext db, CancellationToken ct = default)
    {
        var known = db.Database.GetMigrations().ToList();
        // Asked whether the history table exists first: reading a new database's history would log a failed command as an error.
        var applied = await db.GetService<IHistoryRepository>().ExistsAsync(ct)
            ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList()
            : [];
        return new MigrationState(known.Except(applied).ToList(), applied.Except(known).ToList());
    }
}

/// <summary>The database has migrations this version of the app does not know: it was made by a newer version.</summary>
public sealed class DatabaseTooNewException(string? database, IReadOnlyList<string> unknownMigrations) : Exception(
    $"The database {database ?? "(in memory)"} was made by a newer version of the dashboard: it has migrations this version does not know " +
    $"({string.Join(", ", unknownMigrations)}). Not starting, so that nothing is lost. Run the newer version, or restore a backup made by this version.")
{
    public IReadOnlyList<string> UnknownMigrations { get; } = unknownMigrations;
}
