using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Hosting;
using Dashboard.Security;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Dashboard.ClusterTests.Support;

/// <summary>
/// The dashboard as several servers run it: one PostgreSQL database, two instances of the real app as OS processes
/// (app1, app2) and nginx in front with the repository's configuration, on loopback ports; plus one headless Chromium.
/// One account per role exists (as in the browser tests). Without PostgreSQL, nginx or Chromium the tests are skipped
/// with the reason, unless DASHBOARD_REQUIRE_POSTGRES=1 (or DASHBOARD_REQUIRE_BROWSER=1 for Chromium) demands them.
/// </summary>
public sealed class Cluster : IAsyncLifetime
{
    public const string Password = AppServer.Password;
    public const string RouteCookie = "dashboard_route";

    private static bool PostgresRequired => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_POSTGRES") == "1";

    private readonly string _dir = Directory.CreateTempSubdirectory("dashboard-cluster-").FullName;
    private string? _database;
    private ServiceProvider? _services;
    private Dictionary<string, string> _environment = [];
    private readonly Dictionary<string, string> _signedIn = [];
    private readonly SemaphoreSlim _signInGate = new(1, 1);

    public Browser Browser { get; } = new();
    public Instance App1 { get; private set; } = null!;
    public Instance App2 { get; private set; } = null!;
    public Nginx Nginx { get; private set; } = null!;
    public string? MissingReason { get; private set; }

    public string BaseUrl => Nginx.BaseUrl;
    public IReadOnlyList<Instance> Instances => [App1, App2];

    private static string Email(string role) => AppServer.Email(role);

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(PostgresServer.PortsVariable) is null or "")
        {
            Environment.SetEnvironmentVariable(PostgresServer.PortsVariable, Ports.Postgres);
        }
        MissingReason = PostgresServer.WhyNot
            ?? (File.Exists(Nginx.Executable) ? null : $"nginx not found at {Nginx.Executable} (apt-get install nginx-light)");
        if (MissingReason is not null)
        {
            if (PostgresRequired)
            {
                throw new InvalidOperationException(MissingReason + "; DASHBOARD_REQUIRE_POSTGRES=1 demands it.");
            }
            return;
        }
        // Without Chromium only the tests that open a page skip (Browser says why); the others still run.
        await Browser.InitializeAsync();

        _database = await PostgresServer.Shared!.CreateDatabaseAsync();
        var connectionString = PostgresServer.Shared!.ConnectionString(_database);
        var logs = Path.GetDirectoryName(RepoRoot.Artifacts("cluster", "logs", "app1.log"))!;
        var environment = _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Dashboard"] = connectionString,
            ["Dashboard__SeedDemoData"] = "true",
            // The letter's plan alone, as the pages tests assume.
            ["Dashboard__SeedRunningDemoPlan"] = "false",
            ["Dashboard__Backup__Folder"] = Path.Combine(_dir, "backups"),
            ["Mail__Folder"] = Path.Combine(_dir, "mail"),
            ["Mail__Background"] = "false",
            // nginx reaches the instances from 127.0.0.1: as a proxy on another host would, it is named, and only it is believed.
            ["Security__ForwardedProxies__0"] = "127.0.0.1",
            // Every browser comes from 127.0.0.1 here; the production limit (10 a minute) would refuse the tests' sign-ins.
            ["Security__SignInAttemptsPerMinute"] = "1000",
            // The test accounts sign in with a password alone (the second factor has tests of its own).
            ["Security__RequireTwoFactorFor"] = "",
            ["Api__RequestsPerMinute"] = "100000",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        App1 = new Instance("app1", environment, logs);
        App2 = new Instance("app2", environment, logs);

        // Both start together on the empty database, as a deployment does: one migrates and seeds, the other waits for it.
        await Task.WhenAll(App1.StartAsync(), App2.StartAsync());
        _services = DataServices(connectionString);
        await CreateAccountsAsync();
        for (var attempt = 1; Nginx is null; attempt++)
        {
            try
            {
                Nginx = new Nginx(Directory.CreateDirectory(Path.Combine(_dir, $"nginx-{attempt}")).FullName, App1, App2);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // its ports were taken meanwhile (see Instance.StartAsync): other ones
            }
        }
    }

    /// <summary>A command-line verb of the app on the cluster's database (as an operator runs it beside the instances): exit code and output.</summary>
    public async Task<(int Exit, string Output)> RunVerbAsync(params string[] args)
    {
        using var verb = AppProcess.Start("Dashboard.dll", args, _environment);
        var output = string.Join("\n", verb.RemainingLines());
        return (await verb.WaitAsync(TimeSpan.FromSeconds(60)), output);
    }

    /// <summary>Skips a test, visibly, on a machine without PostgreSQL or nginx (one without Chromium skips when it opens a page).</summary>
    public void SkipIfMissing() => Skip.If(MissingReason is not null, MissingReason);

    /// <summary>
    /// A browser context (its own cookies: its own circuits) whose route cookie pins it to <paramref name="instance"/>,
    /// signed in with <paramref name="role"/>'s account: through nginx's sign-in page the first time per role (or
    /// always, with <paramref name="signInNow"/>), after that with the cookies of that sign-in, which every instance accepts.
    /// </summary>
    public async Task<IBrowserContext> SignedInContextAsync(string role, Instance instance, bool signInNow = false)
    {
        await _signInGate.WaitAsync();
        try
        {
            if (!signInNow && _signedIn.TryGetValue(role, out var state))
            {
                var known = await Browser.NewContextAsync(BaseUrl, state);
                await PinAsync(known, instance);
                return known;
            }
            var context = await Browser.NewAnonymousContextAsync(BaseUrl);
            await PinAsync(context, instance);
            var page = await context.NewPageAsync();
            await page.SignInAsync(BaseUrl, Email(role), Password);
            await page.CloseAsync();
            var path = Path.Combine(_dir, $"signed-in-{role}.json");
            await context.StorageStateAsync(new() { Path = path });
            _signedIn[role] = path;
            return context;
        }
        finally
        {
            _signInGate.Release();
        }
    }

    /// <summary>Sends the context's next requests to an instance, as the route cookie nginx set after a first visit there would.</summary>
    public Task PinAsync(IBrowserContext context, Instance instance) =>
        context.AddCookiesAsync([new Cookie { Name = RouteCookie, Value = instance.Name, Url = BaseUrl, Secure = true, HttpOnly = true }]);

    /// <summary>The instance that answered the context's latest request, by the route cookie nginx set from it.</summary>
    public async Task<string?> RouteAsync(IBrowserContext context) =>
        (await context.CookiesAsync([BaseUrl])).SingleOrDefault(c => c.Name == RouteCookie)?.Value;

    /// <summary>An HttpClient for nginx that accepts the throwaway certificate, follows no redirects and keeps no cookies.</summary>
    public HttpClient CreateHttpClient(string? route = null)
    {
        var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            AllowAutoRedirect = false,
            UseCookies = false,
        }) { BaseAddress = new Uri(BaseUrl) };
        if (route is not null)
        {
            http.DefaultRequestHeaders.Add("Cookie", $"{RouteCookie}={route}");
        }
        return http;
    }

    /// <summary>The route nginx set on a response (its Set-Cookie), or null.</summary>
    public static string? RouteSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0].Split('=', 2)).Where(p => p[0] == RouteCookie).Select(p => p[1]).SingleOrDefault()
            : null;

    /// <summary>
    /// Waits until nginx sends the instance's route to it again: after a failure nginx leaves an instance alone for
    /// its fail_timeout (10 s) before it tries it again.
    /// </summary>
    public async Task WaitUntilRoutedAsync(Instance instance)
    {
        using var http = CreateHttpClient(instance.Name);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (RouteSet(await http.GetAsync("/health")) != instance.Name)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"nginx did not route to {instance.Name} again within 30 s");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>The shared database, as the instances see it.</summary>
    public IDbContextFactory<DashboardDbContext> Data => _services!.GetRequiredService<IDbContextFactory<DashboardDbContext>>();

    public Task<DashboardDbContext> DbAsync() => Data.CreateDbContextAsync();

    public async Task<int> SpearpointIdAsync(string code)
    {
        await using var db = await DbAsync();
        return await db.Spearpoints.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    /// <summary>The app's own database and identity wiring on the cluster's database, for the accounts and the checks.</summary>
    public static ServiceProvider DataServices(string connectionString)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory, ApplicationName = "Dashboard",
        });
        services.AddLocalization();
        services.AddDashboardDatabase(new DatabaseSettings(DatabaseProvider.Postgres, connectionString));
        services.AddDashboardIdentity(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>One account per role, with the browser tests' password; the roles exist once an instance has started.</summary>
    private async Task CreateAccountsAsync()
    {
        await using var scope = _services!.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        foreach (var role in DashboardRoles.All)
        {
            var user = new DashboardUser { UserName = Email(role), Email = Email(role), DisplayName = $"Test {role}", EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
            {
                throw new InvalidOperationException($"Account {user.Email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            // A manager edits the plans there are (as the upgrade to rights per plan made every manager).
            await TestAccounts.ForAsync(_services!, new Actor(user.DisplayName, new HashSet<string> { role }, UserId: user.Id));
        }
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (_database is null)
        {
            return;
        }
        var logs = RepoRoot.Artifacts("cluster", "logs", "nginx.error.log");
        Nginx?.Dispose();
        if (Nginx is not null)
        {
            await File.WriteAllTextAsync(logs, Nginx.ReadLog("dashboard.error.log") + Nginx.ReadLog("error.log"));
            await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(logs)!, "nginx.access.log"), Nginx.ReadLog("dashboard.access.log"));
        }
        App1?.Dispose();
        App2?.Dispose();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await PostgresServer.Shared!.DropDatabaseAsync(_database);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<Cluster>
{
    public const string Name = "cluster";
}
