namespace Dashboard.Services;

/// <summary>The "Dashboard" section of appsettings.json.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Seed the demo plan into an empty database on start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>A spearpoint whose latest update is older than this many days is "niet recent bijgewerkt".</summary>
    public int StaleAfterDays { get; set; } = 45;
}
