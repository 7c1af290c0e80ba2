using System.Runtime.CompilerServices;
using Dashboard.Data;
using Dashboard.Tests.Support;

namespace Dashboard.Tests;

/// <summary>Every TestApp of this test process runs on PostgreSQL.</summary>
internal static class PostgresProvider
{
    /// <summary>CI sets this to 1: there, no PostgreSQL is a failure, not a skip.</summary>
    public const string RequireVariable = "DASHBOARD_REQUIRE_POSTGRES";

    /// <summary>Before any test: PostgreSQL, and the app's default language (as Dashboard.Tests has it).</summary>
    [ModuleInitializer]
    internal static void UsePostgres()
    {
        TestApp.Provider = DatabaseProvider.Postgres;
        DutchCulture.Use();
    }

    /// <summary>
    /// Why the tests are skipped: null when a server is there, or when one is required (then each test fails, with
    /// the same reason, when it asks TestApp for a database).
    /// </summary>
    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(RequireVariable) == "1" ? null : PostgresServer.WhyNot;
}

/// <summary>
/// Stands in for xUnit's <c>[Fact]</c> in the linked tests: inside <c>namespace Dashboard.Tests.*</c> C# finds this
/// type before the <c>using Xunit;</c> of the file. Without a PostgreSQL server the test is skipped, with the reason.
/// </summary>
public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute() => Skip = PostgresProvider.SkipReason!;
}

/// <summary>The same for <c>[Theory]</c>.</summary>
public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute() => Skip = PostgresProvider.SkipReason!;
}
