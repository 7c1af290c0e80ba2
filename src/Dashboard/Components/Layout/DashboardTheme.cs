using MudBlazor;

namespace Dashboard.Components.Layout;

/// <summary>
/// Colours chosen for WCAG AA contrast with white text (at least 4.5:1), so a status chip
/// stays readable on a projector; the word and icon carry the meaning, the colour helps.
/// </summary>
public static class DashboardTheme
{
    public static readonly MudTheme Light = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#a6192e",
            Secondary = "#1d4f91",
            AppbarBackground = "#a6192e",
            AppbarText = "#ffffff",
            Success = "#1b6e2e",
            Warning = "#b25000",
            Error = "#b3261e",
            Info = "#1d4f91",
            Dark = "#424242",
            TextSecondary = "#545454",
            Background = "#f7f7f7",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
