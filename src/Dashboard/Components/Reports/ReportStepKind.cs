using MudBlazor;

namespace Dashboard.Components.Reports;

/// <summary>The steps a rapportage's page offers after Bewerken: hand in, release, send back.</summary>
public enum ReportStepKind
{
    Submit,
    Release,
    SendBack,
}

public static class ReportStepLook
{
    public static string Icon(ReportStepKind step) => step switch
    {
        ReportStepKind.Submit => Icons.Material.Filled.Send,
        ReportStepKind.Release => Icons.Material.Filled.Verified,
        _ => Icons.Material.Filled.Undo,
    };
}
