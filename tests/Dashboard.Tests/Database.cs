namespace Dashboard.Tests;

/// <summary>
/// The category of the service tests (the app's services on a real database, through TestApp), as
/// <c>[Trait("Category", Database.Category)]</c>: "Fast" here, on SQLite. Dashboard.PostgresTests compiles most of these
/// files once more, with a Database.cs of its own that makes them "Postgres".
/// </summary>
internal static class Database
{
    public const string Category = "Fast";
}
