using System.Globalization;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Data.Backups;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Servers;
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
[Trait("Category", Database.Category)]
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
            app.Get<Dashboard.Servers.IJobLock>(),
            app.Get<Dashboard.Reports.DemoReports>(),
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
        await PlansInTheUiFilledTheNewColumnsAsync(app);

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

    /// <summary>
    /// What 20261201213952_PlansInTheUi adds to a database that had none of it: every spearpoint existed from its
    /// plan's start as it is (one revision, two hours before midnight UTC of the start date: before the Dutch
    /// midnight in summer and winter), every indicator is quarterly and there from the start, nothing is ended or
    /// archived; the overview on a date in the plan still shows the spearpoints with their titles; and the new
    /// history is append-only in the database itself.
    /// </summary>
    private static async Task PlansInTheUiFilledTheNewColumnsAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        Assert.Contains("20261201213952_PlansInTheUi", await db.Database.GetAppliedMigrationsAsync());
        var plans = await db.Plans.AsNoTracking()
            .Include(p => p.Spearpoints).ThenInclude(s => s.Revisions)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Indicators)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Milestones)
            .AsSplitQuery().ToListAsync();
        var plan = Assert.Single(plans);
        var start = plan.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-2);
        Assert.True(start < DashboardClock.StartOfDayUtc(plan.StartDate));
        Assert.Equal((start, (DateTime?)null, (int?)null, ""), (plan.CreatedAt, plan.ArchivedAt, plan.PreviousPlanId, plan.Description));
        Assert.Equal(6, plan.Spearpoints.Count);
        foreach (var s in plan.Spearpoints)
        {
            var revision = Assert.Single(s.Revisions);
            Assert.Equal((s.Code, s.Title, s.Description, s.Kind, s.SortOrder), (revision.Code, revision.Title, revision.Description, revision.Kind, revision.SortOrder));
            Assert.Equal((start, "Systeem", (DateTime?)null, (string?)null), (revision.RecordedAt, revision.Author, revision.EndedAt, revision.EndReason));
            Assert.Equal(((DateTime?)null, (string?)null, (string?)null), (s.EndedAt, s.EndReason, s.OwnerId));
            Assert.NotEqual("", s.OwnerRole);
            Assert.All(s.Indicators, i => Assert.Equal(
                (MeasurementFrequency.Quarterly, start, (DateTime?)null, (string?)null, (DateOnly?)null),
                (i.Frequency, i.CreatedAt, i.EndedAt, i.EndReason, i.BaselineDate)));
            Assert.All(s.Milestones, m => Assert.Null(m.CarriedOverFromId));
        }
        Assert.Equal(11, plan.Spearpoints.Sum(s => s.Indicators.Count));

        var october = (await app.Get<DashboardQueries>().GetOverviewAsync(plan.Id, new DateOnly(2022, 10, 11)))!;
        Assert.Equal(
            plan.Spearpoints.Where(s => s.Kind == SpearpointKind.Development).OrderBy(s => s.SortOrder).Select(s => (s.Code, s.Title)),
            october.Development.Select(s => (s.Code, s.Title)));
        Assert.Equal(["SP1", "SP2", "SP3", "SP4"], october.Development.Select(s => s.Code));
        Assert.Equal("Informatiegestuurd werken", october.Development[0].Title);
        Assert.Empty(october.EndedSpearpoints);

        foreach (var sql in new[] { "UPDATE SpearpointRevisions SET Title = 'weg'", "DELETE FROM SpearpointRevisions" })
        {
            var ex = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", ex.Message);
        }
        Assert.Equal(6, await db.SpearpointRevisions.CountAsync(r => r.Title != "weg"));
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
