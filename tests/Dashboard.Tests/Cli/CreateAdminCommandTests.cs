using System.Diagnostics;
using Dashboard.Cli;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Cli;

/// <summary>The first beheerder is made on the command line, with the app's own configuration and migrations.</summary>
[Trait("Category", "Process")]
public class CreateAdminCommandTests
{
    private static async Task<(int Code, string Output)> RunAsync(string database, string? password, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["Dashboard.dll", .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Dashboard"] = $"Data Source={database}";
        start.Environment["Dashboard__SeedDemoData"] = "false";
        if (password is not null)
        {
            start.Environment[CreateAdminCommand.PasswordVariable] = password;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task CreateAdmin_OnAnEmptyDatabase_MigratesAndCreatesABeheerder_WithoutStartingTheServer()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-cli-").FullName;
        var database = Path.Combine(folder, "dashboard.db");
        try
        {
            var (code, output) = await RunAsync(database, "koffie met een koekje om tien uur", "create-admin", "--email", "beheer@gemeente.test", "--name", "Functioneel beheer");

            Assert.True(code == 0, output);
            Assert.Contains("Beheerder beheer@gemeente.test is aangemaakt", output);
            Assert.DoesNotContain("koffie met een koekje om tien uur", output);
            Assert.DoesNotContain("Now listening", output);
            await using var app = await TestAppOn(database);
            var user = await app.CreateDb().Users.SingleAsync(u => u.Email == "beheer@gemeente.test");
            var actor = await app.Get<UserDirectory>().ActorForAsync(user.Id);
            Assert.True(actor.IsAdmin);
            Assert.Equal("Functioneel beheer", actor.Name);
            // With Security:RequireTwoFactorFor as it is by default, the beheerder sets up a second factor first, and
            // until then has no rights at all.
            Assert.Contains("Bij de eerste aanmelding stelt u tweestapsverificatie in", output);
            await using (var byDefault = await TestApp.OnFileAsync(database, settings: new Dictionary<string, string?> { ["Security:RequireTwoFactorFor"] = null }))
            {
                Assert.Empty((await byDefault.Get<UserDirectory>().ActorForAsync(user.Id)).Roles);
                Assert.True(await byDefault.Get<Dashboard.TwoFactor.TwoFactorRule>().MustSetUpAsync(user.Id));
            }

            var (again, message) = await RunAsync(database, "koffie met een koekje om tien uur", "create-admin", "--email", "beheer@gemeente.test");
            Assert.Equal(1, again);
            Assert.Contains("Er bestaat al een account", message);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task CreateAdmin_WithAWeakPassword_CreatesNobody()
    {
        var folder = Directory.CreateTempSubdirectory("dashboard-cli-").FullName;
        var database = Path.Combine(folder, "dashboard.db");
        try
        {
            var (code, output) = await RunAsync(database, "welkom123456", "create-admin", "--email", "beheer@gemeente.test");

            Assert.Equal(1, code);
            Assert.Contains("Wachtwoord is te makkelijk te raden", output);
            await using var app = await TestAppOn(database);
            Assert.Empty(await app.CreateDb().Users.ToListAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<TestApp> TestAppOn(string database) => TestApp.OnFileAsync(database);
}
