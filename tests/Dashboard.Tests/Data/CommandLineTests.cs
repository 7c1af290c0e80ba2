using System.Text.RegularExpressions;
using Dashboard.Cli;
using Dashboard.Data.Backups;
using Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data;

/// <summary>
/// The real app as an OS process (dotnet Dashboard.dll): /health while it serves, the command-line
/// verbs against the same database while it runs (they exit without starting a server), and a
/// refusal to start on a database of a newer version.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dashboard-cli-");

    private string Db => Path.Combine(_dir.FullName, "dashboard.db");

    private Dictionary<string, string> Environment => new()
    {
        ["ConnectionStrings__Dashboard"] = $"Data Source={Db}",
        ["Dashboard__Backup__Folder"] = Path.Combine(_dir.FullName, "backups"),
        // The letter's plan alone, as the plan numbers below assume.
        ["Dashboard__SeedRunningDemoPlan"] = "false",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var verb = AppProcess.Start("Dashboard.dll", args, Environment);
        var output = string.Join("\n", verb.RemainingLines());
        var exit = await verb.WaitAsync(TimeSpan.FromSeconds(90));
        return (exit, output);
    }

    private string File(string name) => Path.Combine(_dir.FullName, name);

    [Fact]
    public async Task TheVerbs_WorkBesideTheRunningApp_AndHealthAnswersWithoutSignIn()
    {
        using var app = AppProcess.Start("Dashboard.dll", ["--urls", "http://127.0.0.1:0"], Environment);
        using var http = new HttpClient { BaseAddress = new Uri(WaitForServer(app)) };

        var health = await http.GetAsync("/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        var backup = await RunAsync("backup", "--out", File("copy.db"));
        Assert.Equal(0, backup.Exit);
        Assert.Contains($"Back-up gemaakt: {File("copy.db")}", backup.Output);
        Assert.Equal("ok", await SqliteFile.IntegrityCheckAsync(File("copy.db")));

        Assert.Equal(0, (await RunAsync("export", "--plan", "1", "--out", File("plan.json"))).Exit);
        Assert.Equal(0, (await RunAsync("export", "--plan", "1", "--kind", "milestones", "--out", File("milestones.csv"))).Exit);
        var import = await RunAsync("import", "--in", File("plan.json"));
        Assert.Equal((0, true), (import.Exit, import.Output.Contains("geïmporteerd als nieuw plan met nummer 2", StringComparison.Ordinal)));
        var plans = await RunAsync("plans");
        Assert.Equal(2, plans.Output.Split('\n').Count(l => l.Contains("Jaarplan handhaven openbare ruimte 2022-2023", StringComparison.Ordinal)));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

        await System.IO.File.WriteAllTextAsync(File("bad.json"), (await System.IO.File.ReadAllTextAsync(File("plan.json"))).Replace("\"name\": \"Jaarplan", "\"naam\": \"Jaarplan", StringComparison.Ordinal));
        var bad = await RunAsync("import", "--in", File("bad.json"));
        Assert.Equal(1, bad.Exit);
        Assert.Contains("  $.plan.name: Naam is verplicht.", bad.Output);
        Assert.Contains("  $.plan.naam: Onbekend veld 'naam'.", bad.Output);

        var csv = await RunAsync("import", "--in", File("milestones.csv"), "--plan", "2", "--kind", "milestones");
        Assert.Equal(1, csv.Exit);
        Assert.Contains("  Regel 2: Mijlpaal 'Nulmeting meldingsstromen (BuitenBeter, 14 043, politie)' staat al bij speerpunt SP1.", csv.Output);

        var limited = await RunAsync("create-token", "--name", "Koppeling plan 2", "--scope", "read", "--plans", "2");
        Assert.Equal(0, limited.Exit);
        var nowhere = await RunAsync("create-token", "--name", "Koppeling nergens", "--scope", "read", "--plans", "99");
        Assert.Equal((1, true), (nowhere.Exit, nowhere.Output.Contains("Plannen", StringComparison.Ordinal)));
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db}"))
        {
            await db.OpenAsync();
            await using var read = db.CreateCommand();
            read.CommandText = "SELECT \"Plans\" FROM \"ApiTokens\" WHERE \"Name\" = 'Koppeling plan 2'";
            Assert.Equal("2", await read.ExecuteScalarAsync());
        }

        var usage = await RunAsync("export", "--out", File("x.json"));
        Assert.Equal(2, usage.Exit);
        Assert.StartsWith("Gebruik: dotnet run --project src/Dashboard -- <opdracht> [opties]", usage.Output);

        app.Kill();
        await app.WaitAsync(TimeSpan.FromSeconds(30));
        var restore = await RunAsync("restore", "--from", File("copy.db"));
        Assert.Equal(0, restore.Exit);
        Assert.Contains("De vervangen database staat in", restore.Output);
        plans = await RunAsync("plans");
        Assert.Single(plans.Output.Split('\n'), l => l.Contains("Jaarplan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMistypedVerb_IsRefusedWithTheListOfVerbs_AndStartsNoServer()
    {
        using var app = AppProcess.Start("Dashboard.dll", ["bakup", "--urls", "http://127.0.0.1:0"], Environment);
        var output = new List<string>();
        // Read line by line: were a server to start, the output would never end.
        while (app.NextLine(TimeSpan.FromSeconds(90)) is { } line)
        {
            Assert.DoesNotContain("Now listening on", line);
            output.Add(line);
        }
        var exit = await app.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exit);
        Assert.Equal("Onbekende opdracht: bakup.", output[0]);
        Assert.StartsWith("Gebruik: dotnet run --project src/Dashboard -- <opdracht> [opties]", output[1]);
        Assert.All(DashboardCommands.Verbs, verb => Assert.Contains(output, l => l.StartsWith($"  {verb} ", StringComparison.Ordinal)));
        Assert.DoesNotContain("Now listening on", app.Errors);
        Assert.False(System.IO.File.Exists(Db), "no server started, so no database was made");
    }

    [Fact]
    public async Task AKeyValueSetting_AsTheFirstArgument_StartsTheServerWithThatSetting()
    {
        using var app = AppProcess.Start("Dashboard.dll", ["Dashboard:SeedDemoData=false", "--urls", "http://127.0.0.1:0"], Environment);
        using var http = new HttpClient { BaseAddress = new Uri(WaitForServer(app)) };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

        var plans = await RunAsync("plans");
        Assert.Equal((0, ""), (plans.Exit, plans.Output));
    }

    /// <summary>The address the app listens on, once it says so.</summary>
    private static string WaitForServer(AppProcess app)
    {
        string? url = null;
        while (url is null && app.NextLine(TimeSpan.FromSeconds(90)) is { } line)
        {
            url = ListeningOn().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
        }
        Assert.True(url is not null, app.Errors);
        return url;
    }

    [Fact]
    public async Task TheAppRefusesToStart_OnADatabaseOfANewerVersion()
    {
        await using (var made = await TestApp.OnFileAsync(Db))
        {
            await using var db = made.CreateDb();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO __EFMigrationsHistory VALUES ('99991231000000_FromANewerVersion', '99.0.0');");
        }
        SqliteConnection.ClearAllPools();
        var before = await System.IO.File.ReadAllBytesAsync(Db);

        using var app = AppProcess.Start("Dashboard.dll", ["--urls", "http://127.0.0.1:0"], Environment);
        var output = string.Join("\n", app.RemainingLines());
        var exit = await app.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.NotEqual(0, exit);
        Assert.Contains("was made by a newer version of the dashboard", output + app.Errors);
        Assert.Contains("99991231000000_FromANewerVersion", output + app.Errors);
        Assert.DoesNotContain("Now listening on", output);
        Assert.Equal(before, await System.IO.File.ReadAllBytesAsync(Db));
        Assert.False(Directory.Exists(Path.Combine(_dir.FullName, "backups")));
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}
