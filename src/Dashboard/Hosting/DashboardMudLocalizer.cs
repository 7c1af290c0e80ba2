using Dashboard.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Hosting;

/// <summary>
/// MudBlazor's own texts (close buttons, date picker, required) from our resource files as
/// "Mud.&lt;key&gt;", so they follow the interface language; any key we lack stays MudBlazor's English.
/// </summary>
public sealed class DashboardMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var ours = localizer[$"Mud.{key}"];
            return ours.ResourceNotFound ? base[key] : new LocalizedString(key, ours.Value);
        }
    }

    public override LocalizedString this[string key, params object[] arguments]
    {
        get
        {
            var ours = localizer[$"Mud.{key}", arguments];
            return ours.ResourceNotFound ? base[key, arguments] : new LocalizedString(key, ours.Value);
        }
    }
}
