namespace Dashboard.Tests;

/// <summary>
/// The category of the service tests linked from Dashboard.Tests, as <c>[Trait("Category", Database.Category)]</c>:
/// "Postgres" here. The same files say "Fast" in Dashboard.Tests, whose Database.cs is compiled there instead of this one.
/// </summary>
internal static class Database
{
    public const string Category = "Postgres";
}
