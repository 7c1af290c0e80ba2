using Dashboard.Data.Backups;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Data;

/// <summary>Online backups while the app writes, restore, the download a beheerder gets, and scheduled backups with retention.</summary>
[Trait("Category", Database.Category)]
public sealed class BackupTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dashboard-backup-");

    private Dictionary<string, string?> Settings(int keep = 14) => new()
    {
        ["Dashboard:Backup:Folder"] = Path.Combine(_dir.FullName, "backups"),
        ["Dashboard:Backup:Keep"] = keep.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Backup_WhileWritersGoOn_IsOneConsistentSnapshot_SoundAndOpensInTheApp()
    {
        await using var app = await TestApp.FileAsync(settings: Settings());
        var sp1 = await app.SpearpointIdAsync("SP1");
        var planId = (await app.Get<DashboardQueries>().GetCurrentPlanAsync())!.Id;
        int indicatorId;
        await using (var db = app.CreateDb())
        {
            indicatorId = await db.Indicators.Where(i => i.SpearpointId == sp1).Select(i => i.Id).FirstAsync();
        }
        using var stop = new CancellationTokenSource();
        var writes = 0;
        async Task WriterAsync(int w)
        {
            var actor = Actors.Manager("Back-upschrijver");
            while (!stop.IsCancellationRequested)
            {
                var result = await app.Get<IndicatorEditor>().AddMeasurementAsync(actor,
                    new AddMeasurementCommand(planId, indicatorId, new DateOnly(2023, 12, 31), 50, $"bk-{w}"));
                Assert.True(result.Succeeded);
                Interlocked.Increment(ref writes);
            }
        }
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() => WriterAsync(w))).ToList();
        while (Volatile.Read(ref writes) < 20)
        {
            await Task.Delay(10);
        }

        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            backups.Add((await app.Get<BackupService>().BackupToFileAsync(Path.Combine(_dir.FullName, $"copy-{i}.db"))).Path);
            await Task.Delay(50);
        }
        stop.Cancel();
        await Task.WhenAll(writers);

        var counted = new List<long>();
        foreach (var file in backups)
        {
            Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(file));
            Assert.False(File.Exists(file + "-wal"), "a backup is one self-contained file");
            await using var copy = await TestApp.OnFileAsync(file);
            await using var db = copy.CreateDb();
            // Each measurement and its audit line were one transaction: a consistent copy has both or neither.
            var measurements = await db.Measurements.CountAsync(m => m.Note!.StartsWith("bk-"));
            var audited = await db.AuditEntries.CountAsync(a => a.Action == "AddMeasurement" && a.Actor == "Back-upschrijver");
            Assert.Equal(measurements, audited);
            counted.Add(measurements);
            var overview = await copy.Get<DashboardQueries>().GetOverviewAsync(null, null);
            Assert.Equal(4, overview!.Development.Count);
        }
        Assert.True(counted[0] >= 20);
        await using var live = app.CreateDb();
        Assert.True(await live.Measurements.CountAsync(m => m.Note!.StartsWith("bk-")) > counted[0], "the writers went on during the backups");
    }

    [Fact]
    public async Task Restore_BringsBackExactlyTheBackup_KeepsASafetyCopy_AndTheAppWorksOn()
    {
        await using var app = await TestApp.FileAsync(settings: Settings());
        var backups = app.Get<BackupService>();
        await WriteStatusAsync(app, "Voor de back-up");
        var backup = await backups.BackupToFileAsync(Path.Combine(_dir.FullName, "restore-me.db"));
        var atBackup = await CountsAsync(backup.Path);
        await WriteStatusAsync(app, "Na de back-up");
        var beforeRestore = await LiveCountsAsync(app);
        Assert.NotEqual(atBackup, beforeRestore);

        var restored = await backups.RestoreAsync(backup.Path, Migrations(app));

        Assert.Equal(atBackup, restored.RowCounts);
        Assert.Equal(atBackup, await LiveCountsAsync(app));
        await using (var db = app.CreateDb())
        {
            await db.Database.OpenConnectionAsync();
            Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync((SqliteConnection)db.Database.GetDbConnection()));
            Assert.False(await db.StatusUpdates.AnyAsync(u => u.Explanation == "Na de back-up"));
            Assert.True(await db.StatusUpdates.AnyAsync(u => u.Explanation == "Voor de back-up"));
        }
        Assert.NotNull(restored.SafetyCopy);
        Assert.StartsWith("before-restore-", Path.GetFileName(restored.SafetyCopy));
        Assert.Equal(beforeRestore, await CountsAsync(restored.SafetyCopy!));

        // The app goes on with the restored data: reads, and writes on the restored versions.
        var overview = await app.Get<DashboardQueries>().GetOverviewAsync(null, null);
        Assert.Equal(4, overview!.Development.Count);
        await WriteStatusAsync(app, "Na het herstel");
    }

    [Fact]
    public async Task Restore_RefusesABrokenFileOrANewerDatabase_AndChangesNothing()
    {
        await using var app = await TestApp.FileAsync(settings: Settings());
        var backups = app.Get<BackupService>();
        var before = await DataSnapshot.TakeAsync(app);

        var garbage = Path.Combine(_dir.FullName, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 10_000));
        var notFound = Path.Combine(_dir.FullName, "missing.db");
        var newer = (await backups.BackupToFileAsync(Path.Combine(_dir.FullName, "newer.db"))).Path;
        await using (var connection = new SqliteConnection(SqliteFile.ConnectionString(newer)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory VALUES ('99991231000000_FromANewerVersion', '99.0.0');";
            await command.ExecuteNonQueryAsync();
        }

        var broken = await Assert.ThrowsAsync<BackupException>(() => backups.RestoreAsync(garbage, Migrations(app)));
        Assert.Contains("geen database van het dashboard", broken.Message);
        var missing = await Assert.ThrowsAsync<BackupException>(() => backups.RestoreAsync(notFound, Migrations(app)));
        Assert.Contains("bestaat niet", missing.Message);
        var tooNew = await Assert.ThrowsAsync<BackupException>(() => backups.RestoreAsync(newer, Migrations(app)));
        Assert.Contains("99991231000000_FromANewerVersion", tooNew.Message);

        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        Assert.False(Directory.Exists(backups.Folder) && Directory.GetFiles(backups.Folder, "before-restore-*").Length > 0);
    }

    [Fact]
    public async Task DownloadBackup_OnlyForABeheerder_AndEveryAttemptIsAudited()
    {
        await using var app = await TestApp.FileAsync(settings: Settings());
        var backups = app.Get<BackupService>();

        foreach (var actor in new[] { Actors.Manager(), Actors.CouncilMember, Actors.Presenter })
        {
            using var refused = new MemoryStream();
            var result = await backups.WriteBackupAsync(actor, refused);
            Assert.Equal(SaveOutcome.Forbidden, result.Outcome);
            Assert.Equal("Alleen een beheerder mag een back-up maken.", result.Message);
            Assert.Equal(0, refused.Length);
        }

        var file = Path.Combine(_dir.FullName, "download.db");
        await using (var download = File.Create(file))
        {
            var result = await backups.WriteBackupAsync(Actors.Admin, download);
            Assert.True(result.Succeeded);
        }
        Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(file));
        Assert.Equal(await LiveCountsAsync(app, except: "AuditEntries"), Without(await CountsAsync(file), "AuditEntries"));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "dashboard-download-*.db"));

        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.Where(a => a.Action == "DownloadBackup").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditResult.Forbidden, AuditResult.Forbidden, AuditResult.Forbidden, AuditResult.Success], audit.Select(a => a.Result));
        Assert.Equal("Beheerder", audit[^1].Actor);
    }

    [Fact]
    public async Task ScheduledBackups_GoIntoTheFolder_AndOnlyTheNewestAreKept()
    {
        await using var app = await TestApp.FileAsync(settings: Settings(keep: 3));
        var backups = app.Get<BackupService>();
        Directory.CreateDirectory(backups.Folder);
        var upgradeCopy = Path.Combine(backups.Folder, "before-upgrade-20260101-000000-Old.db");
        await File.WriteAllTextAsync(upgradeCopy, "");
        var scheduled = new ScheduledBackups(backups, app.Get<IOptions<BackupOptions>>(), app.Time, app.Get<Dashboard.Servers.IJobLock>(), NullLogger<ScheduledBackups>.Instance);

        for (var i = 0; i < 5; i++)
        {
            Assert.True(await scheduled.RunOnceAsync());
            app.Time.Advance(TimeSpan.FromHours(24));
        }

        var kept = Directory.GetFiles(backups.Folder, BackupService.ScheduledPrefix + "*.db").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["dashboard-20261126-130000.db", "dashboard-20261127-130000.db", "dashboard-20261128-130000.db"], kept);
        Assert.True(File.Exists(upgradeCopy), "copies made before an upgrade are not rotated away");
        Assert.All(kept, f => Assert.Equal("ok", SqliteFile.IntegrityCheckAsync(Path.Combine(backups.Folder, f!)).Result));
    }

    [Fact]
    public async Task ScheduledBackups_AreOffUnlessConfigured()
    {
        Assert.False(new BackupOptions().Scheduled);
        await using var app = await TestApp.FileAsync(settings: new Dictionary<string, string?> { ["Dashboard:Backup:Folder"] = Path.Combine(_dir.FullName, "off") });
        var scheduled = new ScheduledBackups(app.Get<BackupService>(), app.Get<IOptions<BackupOptions>>(), app.Time, app.Get<Dashboard.Servers.IJobLock>(), NullLogger<ScheduledBackups>.Instance);

        await scheduled.StartAsync(CancellationToken.None);
        await scheduled.ExecuteTask!;

        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "off")));
    }

    [Theory]
    [InlineData(null, 0)]   // no backup yet: now
    [InlineData(-30, 0)]    // the newest is older than the interval: now
    [InlineData(-6, 18)]    // six hours ago: in eighteen hours
    [InlineData(2, 24)]     // newer than now (the clock went back): at most one interval
    public void NextBackup_IsOneIntervalAfterTheNewest(int? newestInHours, int expectedHours)
    {
        var now = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        var newest = newestInHours is { } h ? now.AddHours(h) : (DateTime?)null;
        Assert.Equal(TimeSpan.FromHours(expectedHours), ScheduledBackups.NextDue(newest, now, TimeSpan.FromHours(24)));
    }

    private static IReadOnlyList<string> Migrations(TestApp app)
    {
        using var db = app.CreateDb();
        return db.Database.GetMigrations().ToList();
    }

    private static async Task WriteStatusAsync(TestApp app, string explanation)
    {
        var sp = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP1"), null))!;
        var result = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(sp.Plan.Id, sp.Summary.Id, sp.Summary.Version, Status.OnTrack, explanation));
        Assert.True(result.Succeeded, result.Message);
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountsAsync(string file)
    {
        await using var connection = new SqliteConnection(SqliteFile.ConnectionString(file, SqliteOpenMode.ReadOnly));
        await connection.OpenAsync();
        return await SqliteFile.RowCountsAsync(connection);
    }

    private static async Task<IReadOnlyDictionary<string, long>> LiveCountsAsync(TestApp app, string? except = null)
    {
        await using var db = app.CreateDb();
        await db.Database.OpenConnectionAsync();
        var counts = await SqliteFile.RowCountsAsync((SqliteConnection)db.Database.GetDbConnection());
        return except is null ? counts : Without(counts, except);
    }

    private static IReadOnlyDictionary<string, long> Without(IReadOnlyDictionary<string, long> counts, string table) =>
        counts.Where(c => c.Key != table).ToDictionary();
}
