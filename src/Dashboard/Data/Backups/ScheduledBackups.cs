using Dashboard.Servers;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Backups;

/// <summary>
/// Optional backups into the backup folder every few hours, keeping the newest few. Off unless
/// Dashboard:Backup:Scheduled is true. The next one is planned from the newest file in the folder,
/// so restarting the app neither skips nor piles up backups. One instance at a time makes them (<see cref="IJobLock"/>).
/// On PostgreSQL the operator backs up with pg_dump (docs/servers.md), so there is nothing to schedule here.
/// </summary>
public sealed class ScheduledBackups(
    BackupService backups,
    IOptions<BackupOptions> options,
    TimeProvider time,
    IJobLock jobs,
    ILogger<ScheduledBackups> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Scheduled)
        {
            return;
        }
        if (!backups.IsSqlite)
        {
            log.LogWarning("Dashboard:Backup:Scheduled is on, but the database is PostgreSQL: back it up with pg_dump (docs/servers.md)");
            return;
        }
        var interval = TimeSpan.FromHours(Math.Max(o.IntervalHours, 1.0 / 60));
        log.LogInformation("Scheduled backups every {Interval} into {BackupFolder}, keeping {Keep}", interval, backups.Folder, o.Keep);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = NextDue(backups.NewestScheduledUtc(), time.GetUtcNow().UtcDateTime, interval);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            if (!await RunOnceAsync(stoppingToken))
            {
                // Try again after a short pause rather than at once or a whole interval later.
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(5), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One scheduled backup and the retention that follows it. A failure is logged; the schedule goes on.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct = default)
    {
        try
        {
            var ran = await jobs.TryRunAsync("backup", async token =>
            {
                await backups.BackupToFolderAsync(ct: token);
                backups.Prune();
            }, ct);
            if (!ran)
            {
                log.LogInformation("Another instance is making the scheduled backup; this one skips the round");
            }
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "The scheduled backup into {BackupFolder} failed", backups.Folder);
            return false;
        }
    }

    /// <summary>How long until the next backup: one interval after the newest, or now if there is none or it is overdue.</summary>
    public static TimeSpan NextDue(DateTime? newestUtc, DateTime nowUtc, TimeSpan interval)
    {
        if (newestUtc is not { } newest)
        {
            return TimeSpan.Zero;
        }
        var wait = newest + interval - nowUtc;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > interval ? interval : wait;
    }
}
