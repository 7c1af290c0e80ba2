using Dashboard.Api;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Tests.Data;

/// <summary>
/// The data migration ApiTokensLive, on each database's own migration set: a key made before the scope "live" existed has it
/// afterwards (so no integration breaks when a plan's council sees only what was released), and still authenticates.
/// </summary>
[Trait("Category", Database.Category)]
public sealed class ApiTokensLiveMigrationTests
{
    [Fact]
    public async Task AKeyFromBeforeTheUpgrade_HasLiveAfterIt_AndKeepsItsOtherScopes()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        await using var db = app.CreateDb();
        var migrations = db.Database.GetMigrations().ToList();
        var live = migrations.FindIndex(m => m.EndsWith("_ApiTokensLive", StringComparison.Ordinal));
        Assert.True(live > 0, "the migration ApiTokensLive exists");
        var migrator = db.GetService<IMigrator>();
        // Back to just before it, as a database of the previous release.
        await migrator.MigrateAsync(migrations[live - 1]);
        var secret = ApiTokens.NewSecret();
        var now = app.Get<Dashboard.Common.DashboardClock>().UtcNow;
        // The rows as that release wrote them: its columns only (later migrations add more).
        foreach (var (name, scopes, hash, prefix) in new[]
                 {
                     ("Meldingen-koppeling", "read,measurements", ApiTokens.Hash(secret), secret[..10]),
                     ("Statuskoppeling", "status", ApiTokens.Hash(ApiTokens.NewSecret()), "vd_other00"),
                 })
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "ApiTokens" ("Name", "Scopes", "Hash", "Prefix", "CreatedAt", "CreatedBy", "ExpiresAt")
                VALUES ({name}, {scopes}, {hash}, {prefix}, {now}, {"Beheerder"}, {now.AddDays(30)})
                """);
        }

        await migrator.MigrateAsync();

        await using var after = app.CreateDb();
        Assert.Empty(await after.Database.GetPendingMigrationsAsync());
        Assert.Equal(["read,measurements,live", "status,live"],
            await after.ApiTokens.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Scopes).ToListAsync());
        var tokens = new ApiTokens(app.Get<IDbContextFactory<Dashboard.Data.DashboardDbContext>>(), app.Get<EditorKit>());
        var token = await tokens.AuthenticateAsync(secret);
        Assert.Equal(new[] { ApiScopes.Read, ApiScopes.Measurements, ApiScopes.Live }.Order(), token!.Scopes.Order());
    }
}
