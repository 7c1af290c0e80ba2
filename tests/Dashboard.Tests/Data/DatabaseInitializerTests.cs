using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

[Trait("Category", Database.Category)]
public class DatabaseInitializerTests
{
    internal static DatabaseInitializer Initializer(TestApp app, bool seed, bool running = true) => new(
        app.Get<IDbContextFactory<DashboardDbContext>>(),
        Options.Create(new DashboardOptions { SeedDemoData = seed, SeedRunningDemoPlan = running }),
        app.Get<DashboardClock>(),
        app.Get<Dashboard.Data.Backups.BackupService>(),
        app.Get<Dashboard.Servers.IJobLock>(),
        app.Get<Dashboard.Reports.DemoReports>(),
        NullLogger<DatabaseInitializer>.Instance);

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
    public async Task Initialize_SeedsTheDemoPlansOnce_AndAuditsIt()
    {
        await using var app = await TestApp.FileAsync(seedDemo: false);

        await Initializer(app, seed: true).InitializeAsync();
        await Initializer(app, seed: true).InitializeAsync();

        await using var db = app.CreateDb();
        // The letter's plan and the one running today (DemoRunningPlanTests), six spearpoints each, in one audited step.
        Assert.Equal(2, await db.Plans.CountAsync());
        Assert.Equal(12, await db.Spearpoints.CountAsync());
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "SeedDemoData").ToListAsync());
    }

    [Fact]
    public async Task Initialize_WithoutTheRunningPlan_SeedsTheLettersPlanAlone()
    {
        await using var app = await TestApp.FileAsync(seedDemo: false);

        await Initializer(app, seed: true, running: false).InitializeAsync();

        await using var db = app.CreateDb();
        Assert.Equal("Jaarplan handhaven openbare ruimte 2022-2023", (await db.Plans.SingleAsync()).Name);
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
            "UPDATE \"StatusUpdates\" SET \"Explanation\" = 'weg'",
            "DELETE FROM \"StatusUpdates\"",
            "UPDATE \"MilestoneRevisions\" SET \"Title\" = 'weg'",
            "DELETE FROM \"AuditEntries\"",
        })
        {
            // SQLite's triggers and PostgreSQL's alike: refused by the database itself, whatever the provider's exception type.
            var ex = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", ex.Message);
        }
        Assert.True(await db.StatusUpdates.AnyAsync(u => u.Explanation != "weg"));
    }
}
