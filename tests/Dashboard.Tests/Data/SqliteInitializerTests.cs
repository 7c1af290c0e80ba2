using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data;

/// <summary>What start-up sets on a SQLite file (WAL, waiting, syncing): SQLite's own, so not run on PostgreSQL.</summary>
[Trait("Category", Database.Category)]
public class SqliteInitializerTests
{
    private static async Task<string> PragmaAsync(TestApp app, string name)
    {
        await using var db = app.CreateDb();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
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

        await DatabaseInitializerTests.Initializer(app, seed: false).InitializeAsync();

        Assert.Equal("wal", await PragmaAsync(app, "journal_mode"));
        Assert.Equal("10000", await PragmaAsync(app, "busy_timeout"));
        Assert.Equal("2", await PragmaAsync(app, "synchronous")); // FULL
        Assert.Equal("1", await PragmaAsync(app, "foreign_keys"));
    }
}
