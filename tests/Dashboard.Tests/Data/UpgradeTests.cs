using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Backups;
using Dashboard.Services;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

/// <summary>
/// Start-up upgrades: a database of the first release with data comes through every later migration
/// without losing a row; a backup is made before migrations are applied; a database made by a newer
/// version is refused and left alone. Written against migration ids, not names, so it keeps holding
/// as migrations are added.
/// </summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dashboard-upgrade-");

    private string Db => Path.Combine(_dir.FullName, "dashboard.db");

    private Dictionary<string, string?> Settings => new() { ["Dashboard:Backup:Folder"] = Path.Combine(_dir.FullName, "backups") };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private static DatabaseInitializer Initializer(TestApp app, IDbContextFactory<DashboardDbContext>? dbFactory = null)
    {
        var factory = dbFactory ?? app.Get<IDbContextFactory<DashboardDbContext>>();
        return new DatabaseInitializer(factory,
            Options.Create(new DashboardOptions { SeedDemoData = false }),
            app.Get<DashboardClock>(),
            new BackupService(factory, app.Get<IOptions<BackupOptions>>(), app.Get<DashboardClock>(), app.Get<AuditTrail>(),
                app.Get<Microsoft.Extensions.Localization.IStringLocalizer<Dashboard.Resources.SharedResource>>(),
                NullLogger<BackupService>.Instance),
            NullLogger<DatabaseInitializer>.Instance);
    }

    [Fact]
    public async Task FirstReleaseDatabaseWithData_UpgradesToTheLatest_LosingNothing()
    {
        await using var app = await TestApp.OnFileAsync(Db, migrate: false, settings: Settings);
        string first;
        int known;
        await using (var db = app.CreateDb())
        {
            var migrations = db.Database.GetMigrations().ToList();
            (first, known) = (migrations[0], migrations.Count);
            await db.GetService<IMigrator>().MigrateAsync(first);
            await db.Database.OpenConnectionAsync();
            await using var fill = db.Database.GetDbConnection().CreateCommand();
            fill.CommandText = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "FirstReleaseData.sql"));
            await fill.ExecuteNonQueryAsync();
        }
        var before = await RowsAsync(Db);
        Assert.True(before["StatusUpdates"].Rows.Count > 30, "the first release's database holds the demo plan");

        await Initializer(app).InitializeAsync();

        // Every row of every table of the first release is still there, column by column.
        var after = await RowsAsync(Db, before);
        foreach (var (table, rows) in before)
        {
            Assert.Equal(rows.Rows, after[table].Rows);
        }
        await using (var db = app.CreateDb())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        var overview = await app.Get<DashboardQueries>().GetOverviewAsync(null, null);
        Assert.Equal(["SP1", "SP2", "SP3", "SP4"], overview!.Development.Select(s => s.Code));

        // With later migrations to apply, the first release's database was copied first, as it was.
        var copies = BackupCopies();
        if (known == 1)
        {
            Assert.Empty(copies);
        }
        else
        {
            var copy = Assert.Single(copies);
            Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(copy));
            Assert.Equal(before.Keys.Order(), (await RowsAsync(copy)).Keys.Order());
        }
    }

    [Fact]
    public async Task BeforeApplyingAMigration_TheDatabaseIsBackedUp()
    {
        await using var app = await TestApp.OnFileAsync(Db, migrate: false, settings: Settings);
        await Initializer(app).InitializeAsync();
        await using (var db = app.CreateDb())
        {
            db.Plans.Add(DemoPlan.Build());
            await db.SaveChangesAsync();
        }
        var before = await RowsAsync(Db);
        Assert.Empty(BackupCopies());

        await Initializer(app, new WithExtraMigration(app.ConnectionString)).InitializeAsync();

        var copy = Assert.Single(BackupCopies());
        Assert.EndsWith($"-{NextRelease.Id}.db", copy);
        Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(copy));
        var copied = await RowsAsync(copy);
        Assert.DoesNotContain(NextRelease.Table, copied.Keys);
        foreach (var (table, rows) in before)
        {
            Assert.Equal(rows.Rows, copied[table].Rows);
        }
        var after = await RowsAsync(Db);
        Assert.Contains(NextRelease.Table, after.Keys);
        Assert.Equal(before["Milestones"].Rows, after["Milestones"].Rows);
    }

    [Fact]
    public async Task ANewEmptyDatabase_IsMigratedWithoutABackup()
    {
        await using var app = await TestApp.OnFileAsync(Db, migrate: false, settings: Settings);

        await Initializer(app).InitializeAsync();

        Assert.Empty(BackupCopies());
        await using var db = app.CreateDb();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task ADatabaseOfANewerVersion_IsRefusedWithAClearMessage_AndLeftAlone()
    {
        await using var app = await TestApp.FileAsync(settings: Settings);
        await using (var db = app.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO __EFMigrationsHistory VALUES ('99991231000000_FromANewerVersion', '99.0.0');");
        }
        var before = await DataSnapshot.TakeAsync(app);

        var ex = await Assert.ThrowsAsync<DatabaseTooNewException>(() => Initializer(app).InitializeAsync());

        Assert.Contains("newer version of the dashboard", ex.Message);
        Assert.Contains("99991231000000_FromANewerVersion", ex.Message);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        Assert.Empty(BackupCopies());

        var health = await new DatabaseHealthCheck(app.Get<IDbContextFactory<DashboardDbContext>>()).CheckHealthAsync(HealthContext());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
    }

    [Fact]
    public async Task Health_IsHealthyOnlyWhenReachableAndCurrent()
    {
        await using var app = await TestApp.OnFileAsync(Db, migrate: false, settings: Settings);
        var check = new DatabaseHealthCheck(app.Get<IDbContextFactory<DashboardDbContext>>());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await check.CheckHealthAsync(HealthContext())).Status);

        await Initializer(app).InitializeAsync();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(HealthContext())).Status);

        var unreachable = new DatabaseHealthCheck(new WithExtraMigration($"Data Source={Path.Combine(_dir.FullName, "no", "such", "folder.db")}"));
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, (await unreachable.CheckHealthAsync(HealthContext())).Status);
    }

    private static Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext HealthContext() => new()
    {
        Registration = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration("database",
            _ => throw new NotSupportedException(), null, null),
    };

    private List<string> BackupCopies()
    {
        var folder = Path.Combine(_dir.FullName, "backups");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder, "*.db")] : [];
    }

    private sealed record TableRows(IReadOnlyList<string> Columns, List<string> Rows);

    /// <summary>
    /// Every row of every table as text, by rowid. With <paramref name="columnsOf"/>, only the columns
    /// those tables had then: a later migration may add columns, but must not lose what was there.
    /// </summary>
    private static async Task<Dictionary<string, TableRows>> RowsAsync(string file, Dictionary<string, TableRows>? columnsOf = null)
    {
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(file, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync();
        var result = new Dictionary<string, TableRows>();
        foreach (var table in (await SqliteFile.RowCountsAsync(connection)).Keys.Where(t => !t.StartsWith("__EF", StringComparison.Ordinal)))
        {
            IReadOnlyList<string> columns;
            if (columnsOf?.GetValueOrDefault(table) is { } earlier)
            {
                columns = earlier.Columns;
            }
            else
            {
                var names = new List<string>();
                await using var info = connection.CreateCommand();
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid;";
                await using var reader = await info.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
                columns = names;
            }
            var rows = new List<string>();
            await using (var select = connection.CreateCommand())
            {
                select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" ORDER BY rowid;";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount)
                        .Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
                }
            }
            result[table] = new TableRows(columns, rows);
        }
        return result;
    }
}
