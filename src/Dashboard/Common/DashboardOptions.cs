namespace Dashboard.Common;

/// <summary>The "Dashboard" section of appsettings.json.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>Seed the demo plan into an empty database on start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// With the demo data, also a made-up plan that runs on the day of seeding (RunningDemoPlan), so that every signal shows;
    /// the tests written against the letter's plan alone turn it off.
    /// </summary>
    public bool SeedRunningDemoPlan { get; set; } = true;

    /// <summary>A spearpoint whose latest update is older than this many days is "niet recent bijgewerkt".</summary>
    public int StaleAfterDays { get; set; } = 45;

    /// <summary>Debian's Chromium, which prints the brief of a briefing to PDF.</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one PDF may take before Chromium is stopped.</summary>
    public int PdfTimeoutSeconds { get; set; } = 60;
}
