namespace Dashboard.Tests;

/// <summary>
/// The categories of the service tests linked from Dashboard.Tests, as <c>[Trait("Category", Database.Category)]</c>:
/// "Postgres" here, both. The same files say "Fast" or "Process" in Dashboard.Tests, whose Database.cs is compiled there
/// instead of this one.
/// </summary>
internal static class Database
{
    public const string Category = "Postgres";

    public const string ProcessCategory = "Postgres";
}
