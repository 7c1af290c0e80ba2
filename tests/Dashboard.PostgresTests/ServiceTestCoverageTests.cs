using System.Text.RegularExpressions;
using Dashboard.Tests.Support;

// Outside namespace Dashboard.Tests: [Fact] here is xUnit's own, which needs no PostgreSQL server (see PostgresProvider.cs).
namespace Dashboard.PostgresTests;

/// <summary>
/// No silent drop-out: a service test of Dashboard.Tests runs here too, on PostgreSQL, unless it is SQLite's own. A service
/// test is a file of tests in Dashboard.Tests, outside Components/ (bUnit) and Support/, that uses the database through
/// TestApp or says it is one with <c>Database.Category</c>. Its classes must be compiled into this assembly (linked in
/// Dashboard.PostgresTests.csproj), or the file must be in <see cref="SqliteOnly"/>.
/// </summary>
[Trait("Category", "Postgres")]
public partial class ServiceTestCoverageTests
{
    /// <summary>The service test files (under tests/Dashboard.Tests) that run on SQLite only, and why: the one list of them.</summary>
    public static readonly IReadOnlyDictionary<string, string> SqliteOnly = new Dictionary<string, string>
    {
        ["Data/SqliteInitializerTests.cs"] = "the PRAGMAs start-up sets on a SQLite file (WAL, busy_timeout, synchronous)",
        ["Data/BackupTests.cs"] = "online backup, integrity check and restore of the SQLite file (PostgreSQL backs up with pg_dump)",
        ["Data/UpgradeTests.cs"] = "a SQLite database of the first release through every SQLite migration, and the file backup made "
            + "before them; the PostgreSQL migration set starts later, at one InitialCreate",
        ["Data/CrashTests.cs"] = "kill -9 of a process writing to a SQLite file, then the file's integrity",
        ["Data/CommandLineTests.cs"] = "the app as a process on a SQLite file, its backup/restore verbs copying that file",
        ["Cli/CreateAdminCommandTests.cs"] = "create-admin as a process on a new SQLite file, which the test then opens",
    };

    private static readonly string Sources = Path.Combine(RepoRoot.Path, "tests", "Dashboard.Tests");

    /// <summary>The service test files of Dashboard.Tests, relative to it with forward slashes.</summary>
    private static IEnumerable<string> ServiceTestFiles() =>
        from file in Directory.EnumerateFiles(Sources, "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(Sources, file).Replace('\\', '/')
        where relative.Split('/')[0] is not ("Components" or "Support" or "bin" or "obj")
        let text = File.ReadAllText(file)
        where TestAttribute().IsMatch(text) && (UsesTestApp().IsMatch(text) || text.Contains("Database.Category", StringComparison.Ordinal))
        orderby relative
        select relative;

    [Fact]
    public void EveryServiceTestOfDashboardTests_IsCompiledHere_OrNamedSqliteOnly()
    {
        var compiled = typeof(ServiceTestCoverageTests).Assembly;
        var files = ServiceTestFiles().ToList();
        Assert.Contains("Progress/StatusEditorTests.cs", files); // the rule finds them at all

        var missing = (
            from file in files
            where !SqliteOnly.ContainsKey(file)
            from type in DeclaredTypes(file)
            where compiled.GetType(type) is null
            select $"{file}: {type}").ToList();

        Assert.True(missing.Count == 0,
            "Service tests that run on SQLite but not on PostgreSQL: link the file in Dashboard.PostgresTests.csproj, "
            + "or add it with its reason to ServiceTestCoverageTests.SqliteOnly.\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EverySqliteOnlyFile_ExistsInDashboardTests_AndIsNotCompiledHere()
    {
        var compiled = typeof(ServiceTestCoverageTests).Assembly;
        foreach (var file in SqliteOnly.Keys)
        {
            Assert.True(File.Exists(Path.Combine(Sources, file)), $"{file} is in SqliteOnly but not in tests/Dashboard.Tests");
            var types = DeclaredTypes(file).ToList();
            Assert.NotEmpty(types);
            Assert.All(types, type => Assert.True(compiled.GetType(type) is null, $"{type} of {file} is SQLite-only, yet compiled here"));
        }
    }

    /// <summary>The full names of the top-level classes a file declares (file-scoped namespace), as compiled.</summary>
    private static IEnumerable<string> DeclaredTypes(string file)
    {
        var text = File.ReadAllText(Path.Combine(Sources, file));
        var ns = Namespace().Match(text).Groups[1].Value;
        return TopLevelClass().Matches(text).Select(m => $"{ns}.{m.Groups[1].Value}");
    }

    [GeneratedRegex(@"\[(Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"\bTestApp\b")]
    private static partial Regex UsesTestApp();

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^(?:(?:public|internal|sealed|static|partial|abstract|file)\s+)*(?:class|record)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelClass();
}
