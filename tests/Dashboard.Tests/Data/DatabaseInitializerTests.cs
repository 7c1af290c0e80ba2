using Dashboard.Data;
using Dashboard.Services;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

public class DatabaseInitializerTests
{
    private static DatabaseInitializer Initializer(TestApp app, bool seed) => new(
        app.Get<IDbContextFactory<DashboardDbContext>>(),
        Options.Create(new DashboardOptions { SeedDemoData = seed }),
        app.Get<DashboardClock>(),
        app.Get<Dashboard.Data.Backups.BackupService>(),
        app.Get<Dashboard.Services.Servers.IJobLock>(),
        NullLogger<DatabaseInitializer>.Instance);

    private static async Task<string> PragmaAsync(TestApp app, string name)
    {
        await using var db = app.CreateDb();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task TheMigrations_MatchTheModel_NothingPending()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        await using var db = app.CreateDb();

        // A model change without its migration (dotnet ef migrations add) fails here, not at a customer's upgrade.
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void ThePostgresMigrations_MatchTheModel_NothingPending()
    {
        // The second migration set, made from the same model for PostgreSQL: reading the model needs no server.
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Initialize_OnAFile_TurnsOnWalAndEveryConnectionWaitsAndSyncs()
    {
        await using var app = await TestApp.FileAsync(seedDemo: false);
        await using (var db = app.CreateDb())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = DELETE;");
        }
        Assert.Equal("delete", await PragmaAsync(app, "journal_mode"));

        await Initializer(app, seed: false).InitializeAsync();

        Assert.Equal("wal", await PragmaAsync(app, "journal_mode"));
        Assert.Equal("10000", await PragmaAsync(app, "busy_timeout"));
        Assert.Equal("2", await PragmaAsync(app, "synchronous")); // FULL
        Assert.Equal("1", await PragmaAsync(app, "foreign_keys"));
    }

    [Fact]
    public async Task Initialize_SeedsTheDemoPlanOnce_AndAuditsIt()
    {
        await using var app = await TestApp.FileAsync(seedDemo: false);

        await Initializer(app, seed: true).InitializeAsync();
        await Initializer(app, seed: true).InitializeAsync();

        await using var db = app.CreateDb();
        Assert.Equal(1, await db.Plans.CountAsync());
        Assert.Equal(6, await db.Spearpoints.CountAsync());
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "SeedDemoData").ToListAsync());
    }

    [Fact]
    public async Task Initialize_WithDemoDataOff_LeavesAnEmptyDatabase()
    {
        await using var app = await TestApp.FileAsync(seedDemo: false);

        await Initializer(app, seed: false).InitializeAsync();

        await using var db = app.CreateDb();
        Assert.Equal(0, await db.Plans.CountAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task History_IsAppendOnly_EvenForRawSql()
    {
        await using var app = await TestApp.InMemoryAsync();
        await using var db = app.CreateDb();
        db.AuditEntries.Add(new Dashboard.Domain.AuditEntry { Actor = "Test", Action = "Test", ObjectType = "Test", AtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();

        foreach (var sql in new[]
        {
            "UPDATE StatusUpdates SET Explanation = 'weg'",
            "DELETE FROM StatusUpdates",
            "UPDATE MilestoneRevisions SET Title = 'weg'",
            "DELETE FROM AuditEntries",
        })
        {
            var ex = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", ex.Message);
        }
        Assert.True(await db.StatusUpdates.AnyAsync(u => u.Explanation != "weg"));
    }
}
