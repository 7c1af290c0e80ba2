namespace Dashboard.Data.Backups;

/// <summary>The "Dashboard:Backup" section of appsettings.json.</summary>
public sealed class BackupOptions
{
    public const string Section = "Dashboard:Backup";

    /// <summary>
    /// Where backups go: scheduled ones, and the copy made before an upgrade or a restore. A relative
    /// path is taken from the content root; empty means a folder "backups" beside the database file.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>Make a backup into <see cref="Folder"/> every <see cref="IntervalHours"/> hours. Off by default.</summary>
    public bool Scheduled { get; set; }

    public double IntervalHours { get; set; } = 24;

    /// <summary>How many scheduled backups to keep; older ones are deleted. Copies made before an upgrade or restore are kept.</summary>
    public int Keep { get; set; } = 14;
}
