using System.Globalization;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Resources;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Backups;

/// <summary>
/// Consistent copies of the live database with SQLite's online backup API, while the app goes on
/// serving and writing: the copy is one snapshot (WAL lets writers continue meanwhile), checked
/// with <c>integrity_check</c>, made self-contained (no -wal file) and moved into place only when
/// complete. Restore copies a checked backup back in the same way, after a safety copy.
/// </summary>
public sealed class BackupService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IOptions<BackupOptions> options,
    DashboardClock clock,
    AuditTrail audit,
    IStringLocalizer<SharedResource> L,
    ILogger<BackupService> log,
    IHostEnvironment? environment = null)
{
    /// <summary>Scheduled backups, and the command's when no file is given; the only ones retention deletes.</summary>
    public const string ScheduledPrefix = "dashboard-";
    private const string Action = "DownloadBackup";

    private readonly Lazy<string> _connectionString = new(() =>
    {
        using var db = dbFactory.CreateDbContext();
        return db.Database.GetConnectionString()!;
    });

    /// <summary>Whether the database is a SQLite file, the only kind this service copies (PostgreSQL: pg_dump, docs/servers.md).</summary>
    public bool IsSqlite
    {
        get
        {
            using var db = dbFactory.CreateDbContext();
            return db.Database.IsSqlite();
        }
    }

    /// <summary>The live database file; null for an in-memory database.</summary>
    public string? DatabasePath => SqliteFile.PathOf(_connectionString.Value);

    /// <summary>The backup folder, made absolute.</summary>
    public string Folder => options.Value.Folder is { Length: > 0 } folder
        ? Path.GetFullPath(folder, environment?.ContentRootPath ?? Directory.GetCurrentDirectory())
        : Path.Combine(Path.GetDirectoryName(DatabasePath) ?? Directory.GetCurrentDirectory(), "backups");

    /// <summary>Writes a consistent copy of the live database to <paramref name="path"/> (replacing it once complete).</summary>
    public async Task<BackupResult> BackupToFileAsync(string path, CancellationToken ct = default)
    {
        RefuseUnlessSqlite();
        var target = Path.GetFullPath(path);
        if (DatabasePath is { } source && !File.Exists(source))
        {
            throw new BackupException(L["Backup.NoDatabase", source]);
        }
        if (string.Equals(target, DatabasePath, StringComparison.Ordinal))
        {
            throw new BackupException(L["Backup.SameFile"]);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".part";
        File.Delete(partial);
        try
        {
            await CopyAsync(_connectionString.Value, SqliteFile.ConnectionString(partial), selfContained: true, ct);
            var integrity = await SqliteFile.IntegrityCheckAsync(partial, ct);
            if (integrity != "ok")
            {
                throw new BackupException(L["Backup.Corrupt", integrity]);
            }
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        var bytes = new FileInfo(target).Length;
        log.LogInformation("Backed up the database to {BackupFile} ({Bytes} bytes)", target, bytes);
        return new BackupResult(target, bytes);
    }

    /// <summary>A backup into the backup folder, named by kind and UTC time ("dashboard-20261124-130000.db").</summary>
    public Task<BackupResult> BackupToFolderAsync(string kind = "dashboard", string? suffix = null, CancellationToken ct = default) =>
        BackupToFileAsync(NewFileName(kind, suffix), ct);

    /// <summary>
    /// Streams a fresh backup (for a download by a beheerder). Only a beheerder may: the copy holds
    /// everything, the audit trail included. Every attempt is audited.
    /// </summary>
    public async Task<SaveResult> WriteBackupAsync(Actor actor, Stream output, CancellationToken ct = default)
    {
        const string type = "Database";
        if (!actor.Roles.Contains(DashboardRoles.Admin))
        {
            var refused = L["Backup.Forbidden"];
            await audit.RefusedAsync(actor, Action, type, null, null, AuditResult.Forbidden, null, refused, ct);
            return new SaveResult(SaveOutcome.Forbidden, refused);
        }
        var temp = Path.Combine(Path.GetTempPath(), $"dashboard-download-{Guid.NewGuid():N}.db");
        try
        {
            var result = await BackupToFileAsync(temp, ct);
            await using (var file = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                await file.CopyToAsync(output, ct);
            }
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            audit.Add(db, actor, Action, type, null, null, null, new { result.Bytes });
            await db.SaveChangesAsync(ct);
            return new SaveResult(SaveOutcome.Saved, L["Backup.Made", result.Bytes]);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>What a backup or restore on PostgreSQL answers, in the UI language.</summary>
    public string OnPostgresMessage => L["Backup.OnPostgres"];

    private void RefuseUnlessSqlite()
    {
        if (!IsSqlite)
        {
            throw new BackupException(OnPostgresMessage);
        }
    }

    /// <summary>Deletes all but the newest <see cref="BackupOptions.Keep"/> scheduled backups; returns what it deleted.</summary>
    public IReadOnlyList<string> Prune()
    {
        var folder = new DirectoryInfo(Folder);
        if (!folder.Exists)
        {
            return [];
        }
        var keep = Math.Max(1, options.Value.Keep);
        var doomed = folder.GetFiles(ScheduledPrefix + "*.db")
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Skip(keep)
            .ToList();
        foreach (var file in doomed)
        {
            file.Delete();
            log.LogInformation("Deleted old backup {BackupFile} (keeping {Keep})", file.FullName, keep);
        }
        return doomed.Select(f => f.FullName).ToList();
    }

    /// <summary>The newest scheduled backup's time, to plan the next one after a restart.</summary>
    public DateTime? NewestScheduledUtc()
    {
        var folder = new DirectoryInfo(Folder);
        return folder.Exists
            ? folder.GetFiles(ScheduledPrefix + "*.db").Select(f => (DateTime?)f.LastWriteTimeUtc).Max()
            : null;
    }

    /// <summary>
    /// Replaces the live database with a backup: the backup must pass <c>integrity_check</c> and be a
    /// dashboard database this version knows; the current database is first copied to the backup
    /// folder. Safe while the app runs (SQLite locks the file for the copy), but stop it if you can.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string backupFile, IReadOnlyCollection<string> knownMigrations, CancellationToken ct = default)
    {
        RefuseUnlessSqlite();
        var from = Path.GetFullPath(backupFile);
        if (!File.Exists(from))
        {
            throw new BackupException(L["Restore.NotFound", from]);
        }
        IReadOnlyDictionary<string, long> counts;
        await using (var check = new SqliteConnection(SqliteFile.ConnectionString(from, SqliteOpenMode.ReadOnly)))
        {
            await check.OpenAsync(ct);
            string integrity;
            try
            {
                integrity = await SqliteFile.IntegrityCheckAsync(check, ct);
            }
            catch (SqliteException ex)
            {
                throw new BackupException(L["Restore.NotADatabase", from], ex);
            }
            if (integrity != "ok")
            {
                throw new BackupException(L["Backup.Corrupt", integrity]);
            }
            var applied = await SqliteFile.AppliedMigrationsAsync(check, ct);
            if (applied.Count == 0)
            {
                throw new BackupException(L["Restore.NotADatabase", from]);
            }
            var unknown = applied.Except(knownMigrations).ToList();
            if (unknown.Count > 0)
            {
                throw new BackupException(L["Restore.TooNew", string.Join(", ", unknown)]);
            }
            counts = await SqliteFile.RowCountsAsync(check, ct);
        }

        string? safety = null;
        if (DatabasePath is { } live && File.Exists(live))
        {
            safety = (await BackupToFolderAsync("before-restore", null, ct)).Path;
        }
        else if (DatabasePath is { } fresh)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fresh)!);
        }
        await CopyAsync(SqliteFile.ConnectionString(from, SqliteOpenMode.ReadOnly), _connectionString.Value, selfContained: false, ct);
        log.LogWarning("Restored the database from {BackupFile}; the previous database was copied to {SafetyCopy}", from, safety);
        return new RestoreResult(from, safety, counts);
    }

    private string NewFileName(string kind, string? suffix)
    {
        var stamp = clock.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = suffix is null ? $"{kind}-{stamp}" : $"{kind}-{stamp}-{suffix}";
        var path = Path.Combine(Folder, name + ".db");
        for (var i = 2; File.Exists(path); i++)
        {
            path = Path.Combine(Folder, $"{name}-{i}.db");
        }
        return path;
    }

    /// <summary>
    /// One sqlite3_backup_step(-1): the whole database in one read transaction, so the copy is a
    /// single consistent snapshot. Retried briefly if the source is busy (a checkpoint or recovery).
    /// </summary>
    private static Task CopyAsync(string sourceConnectionString, string targetConnectionString, bool selfContained, CancellationToken ct) =>
        Task.Run(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var source = new SqliteConnection(sourceConnectionString);
                    using var target = new SqliteConnection(targetConnectionString);
                    source.Open();
                    target.Open();
                    Execute(source, "PRAGMA busy_timeout = 10000;");
                    Execute(target, "PRAGMA busy_timeout = 10000;");
                    source.BackupDatabase(target);
                    if (selfContained)
                    {
                        Execute(target, "PRAGMA journal_mode = DELETE;");
                    }
                    return;
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6 && attempt < 5)
                {
                    await Task.Delay(200 * attempt, ct);
                }
            }
        }, ct);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

public sealed record BackupResult(string Path, long Bytes);

/// <summary>What a restore copied in, where the replaced database went, and the restored row counts per table.</summary>
public sealed record RestoreResult(string From, string? SafetyCopy, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>A backup or restore that cannot be done; the message (in the UI language) says why.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
