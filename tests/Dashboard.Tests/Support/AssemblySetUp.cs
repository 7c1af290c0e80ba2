using System.Runtime.CompilerServices;

namespace Dashboard.Tests.Support;

internal static class AssemblySetUp
{
    /// <summary>Before any test of this assembly: the app's default language (<see cref="DutchCulture"/>).</summary>
    [ModuleInitializer]
    internal static void Initialize() => DutchCulture.Use();
}
