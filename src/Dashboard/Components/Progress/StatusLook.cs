using Dashboard.Domain;
using MudBlazor;

namespace Dashboard.Components.Progress;

/// <summary>Icon and colour per status; the word comes from the resource files ("Status.OnTrack").</summary>
public static class StatusLook
{
    public static string Icon(Status status) => status switch
    {
        Status.OnTrack => Icons.Material.Filled.TrendingUp,
        Status.NeedsAttention => Icons.Material.Filled.Warning,
        Status.Delayed => Icons.Material.Filled.Error,
        Status.Done => Icons.Material.Filled.TaskAlt,
        Status.Cancelled => Icons.Material.Filled.Block,
        _ => Icons.Material.Outlined.HourglassEmpty,
    };

    public static Color Color(Status status) => status switch
    {
        Status.OnTrack => MudBlazor.Color.Success,
        Status.NeedsAttention => MudBlazor.Color.Warning,
        Status.Delayed => MudBlazor.Color.Error,
        Status.Done => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Dark,
    };
}
