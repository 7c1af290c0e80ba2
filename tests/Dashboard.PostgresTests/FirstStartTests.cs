using System.Text.RegularExpressions;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Data;

/// <summary>
/// The real app (dotnet Dashboard.dll) started on a PostgreSQL database that does not exist yet, and again on the one it
/// made: an operator reads what it did at information level, and no error on a normal start.
/// </summary>
[Trait("Category", "Postgres")]
public sealed partial class FirstStartTests : IDisposable
{
    private readonly string _database = "first_start_" + Guid.NewGuid().ToString("N");
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dashboard-first-start-");

    public void Dispose()
    {
        PostgresServer.Shared?.DropDatabaseAsync(_database).GetAwaiter().GetResult();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task AFirstStart_CreatesTheDatabase_AndNeitherItNorTheNextStartLogsAnError()
    {
        var server = PostgresServer.Shared ?? throw new InvalidOperationException(PostgresServer.WhyNot);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Dashboard"] = server.ConnectionString(_database),
            ["Dashboard__SeedDemoData"] = "true",
            ["Dashboard__Backup__Folder"] = Path.Combine(_dir.FullName, "backups"),
            ["Mail__Folder"] = Path.Combine(_dir.FullName, "mail"),
        };

        var first = await StartAndStopAsync(environment);
        var second = await StartAndStopAsync(environment);

        Assert.Contains(first, l => l.Contains($"Creating the PostgreSQL database {_database}", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("Applying migrations", StringComparison.Ordinal));
        Assert.DoesNotContain(second, l => l.Contains("Creating the PostgreSQL database", StringComparison.Ordinal));
        var errors = first.Concat(second).Where(l => Error().IsMatch(l)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Every line the app wrote (standard output and error) from its start until it listens and answers /health.</summary>
    private static async Task<List<string>> StartAndStopAsync(Dictionary<string, string> environment)
    {
        using var app = AppProcess.Start("Dashboard.dll", ["--urls", "http://127.0.0.1:0"], environment);
        var lines = new List<string>();
        string? url = null;
        while (url is null && app.NextLine(TimeSpan.FromSeconds(90)) is { } line)
        {
            lines.Add(line);
            url = ListeningOn().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
        }
        Assert.True(url is not null, string.Join("\n", lines) + app.Errors);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        Assert.Equal("Healthy", await http.GetStringAsync("/health"));
        app.Kill();
        await app.WaitAsync(TimeSpan.FromSeconds(30));
        lines.AddRange(app.RemainingLines());
        lines.AddRange(app.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return lines;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    /// <summary>The console logger's error and critical lines, and anything that says it is an error.</summary>
    [GeneratedRegex(@"^\s*(fail|crit):|\berror\b", RegexOptions.IgnoreCase)]
    private static partial Regex Error();
}
