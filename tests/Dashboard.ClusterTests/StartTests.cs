using Dashboard.ClusterTests.Support;
using Dashboard.Data;
using Dashboard.Security;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.ClusterTests;

/// <summary>Instances started at the same moment on one database, as a deployment starts them.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class StartTests(Cluster cluster)
{
    [SkippableFact]
    public async Task TwoInstancesStartedTogether_OnAnEmptyDatabase_MigrateOnce_AndSeedTheDemoPlanOnce()
    {
        cluster.SkipIfMissing();
        await using var db = await cluster.DbAsync();
        Assert.Equal(1, await db.Plans.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "SeedDemoData"));
        Assert.Equal(["beheerder", "manager", "presentator", "raadslid", "vaststeller"], await db.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>
    /// Each instance makes the four roles at start-up when they are missing. Eight at once, five times over: none
    /// fails on another's role (the unique name refuses the second insert), and each role exists once.
    /// </summary>
    [SkippableFact]
    public async Task InstancesMakingTheRolesAtTheSameMoment_AllStart_AndEachRoleExistsOnce()
    {
        cluster.SkipIfMissing();
        var database = await PostgresServer.Shared!.CreateDatabaseAsync();
        var providers = Enumerable.Range(0, 8).Select(_ => Cluster.DataServices(PostgresServer.Shared!.ConnectionString(database))).ToList();
        try
        {
            var factory = providers[0].GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }
            for (var round = 0; round < 5; round++)
            {
                await using (var db = await factory.CreateDbContextAsync())
                {
                    await db.Roles.ExecuteDeleteAsync();
                }
                using var start = new Barrier(providers.Count);
                await Task.WhenAll(providers.Select(p => Task.Run(async () =>
                {
                    start.SignalAndWait();
                    await AccountSeeder.EnsureRolesAsync(p.GetRequiredService<IServiceScopeFactory>());
                })));
                await using var check = await factory.CreateDbContextAsync();
                Assert.Equal(["beheerder", "manager", "presentator", "raadslid", "vaststeller"], await check.Roles.Select(r => r.Name!).OrderBy(n => n).ToListAsync());
            }
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.DisposeAsync();
            }
            await PostgresServer.Shared!.DropDatabaseAsync(database);
        }
    }
}
