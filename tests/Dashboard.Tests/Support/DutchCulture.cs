using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dashboard.Tests.Support;

internal static class DutchCulture
{
    /// <summary>The app's default language: messages and dates in the tests read as a Dutch user sees them.</summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        var dutch = new CultureInfo("nl-NL");
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = dutch;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = dutch;
    }
}
