using System.Globalization;

namespace Dashboard.Tests.Support;

/// <summary>
/// The app's default language: messages and dates in the tests read as a Dutch user sees them. Each test assembly calls
/// <see cref="Use"/> from a module initializer of its own: one in this library would run only when the library is first
/// touched, which may be after the first test.
/// </summary>
public static class DutchCulture
{
    public static void Use()
    {
        var dutch = new CultureInfo("nl-NL");
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = dutch;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = dutch;
    }
}
