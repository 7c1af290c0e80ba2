namespace Dashboard.Tests;

/// <summary>
/// The categories of the service tests (the app's services on a real database, through TestApp), as
/// <c>[Trait("Category", Database.Category)]</c>. Dashboard.PostgresTests compiles most of these files once more, with a
/// Database.cs of its own that makes both "Postgres".
/// </summary>
internal static class Database
{
    /// <summary>Here, on SQLite: in the fast loop.</summary>
    public const string Category = "Fast";

    /// <summary>A service test that also starts a separate process (Chromium for a PDF): slow by nature.</summary>
    public const string ProcessCategory = "Process";
}
