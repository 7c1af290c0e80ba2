using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// The real app, as it runs in production (HTTPS, secure cookies, sign-in required), on a real
/// Kestrel port with a throwaway certificate and its own temporary SQLite file with the demo plan.
/// One account per role exists: beheerder@test.local, manager@test.local, raadslid@test.local, presentator@test.local.
/// </summary>
public class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "een lange testzin voor iedereen";

    private readonly string _dataDir;
    private readonly int _port;
    private readonly bool _ownsDataDir;
    private readonly Dictionary<string, string> _signedIn = [];
    private readonly SemaphoreSlim _signInGate = new(1, 1);

    public AppServer() : this(Path.Combine(Path.GetTempPath(), "dashboard-browser-" + Guid.NewGuid().ToString("N")), 0, ownsDataDir: true)
    {
    }

    /// <summary>A server on a given folder and port: a second one on the same folder and port is the same server restarted.</summary>
    protected AppServer(string dataDir, int port, bool ownsDataDir)
    {
        _dataDir = dataDir;
        _port = port;
        _ownsDataDir = ownsDataDir;
    }

    public string BaseUrl { get; private set; } = "";
    public string DatabaseFile => Path.Combine(_dataDir, "dashboard.db");

    public static string Email(string role) => $"{role}@test.local";

    /// <summary>Extra configuration for a test class that needs it.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoRoot.Path);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Dashboard", $"Data Source={DatabaseFile}");
        // Open screens re-check their user every two seconds here, so the tests need not wait half a minute.
        builder.UseSetting("Security:RevalidationInterval", "00:00:02");
        builder.UseSetting("Security:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Api:FailedKeysPerMinute", "1000");
        // The accounts of the tests sign in with a password alone; the tests of the second factor turn the rule on in Settings.
        builder.UseSetting("Security:RequireTwoFactorFor", "");
        // The tests were written against the letter's plan alone; RunningDemoPlanBrowserTests turns the running one on.
        builder.UseSetting("Dashboard:SeedRunningDemoPlan", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // HSTS leaves out loopback hosts by default; the tests talk to 127.0.0.1.
        builder.ConfigureTestServices(s => s.Configure<HstsOptions>(o => o.ExcludedHosts.Clear()));
    }

    /// <summary>Runs before the app starts (a test class's own identity provider, whose address the settings name).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Runs after the app has stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await BeforeStartAsync();
        Directory.CreateDirectory(_dataDir);
        var certificate = SelfSignedCertificate();
        UseKestrel(o => o.Listen(IPAddress.Loopback, _port, listen => listen.UseHttps(certificate)));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        foreach (var role in DashboardRoles.All.Where(r => users.Users.All(u => u.Email != Email(r))))
        {
            var user = new DashboardUser { UserName = Email(role), Email = Email(role), DisplayName = $"Test {role}", EmailConfirmed = true };
            await users.CreateAsync(user, Password);
            await users.AddToRoleAsync(user, role);
            await EditsEveryPlanAsync(user, role);
        }
    }

    /// <summary>A manager edits the plans there are (as the upgrade to rights per plan made every manager).</summary>
    private Task EditsEveryPlanAsync(DashboardUser user, string role) =>
        TestAccounts.ForAsync(Services, new Actor(user.DisplayName, new HashSet<string> { role }, UserId: user.Id));

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>An HttpClient for the real port that accepts the throwaway certificate and does not follow redirects.</summary>
    public HttpClient CreateHttpClient() => new(new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        AllowAutoRedirect = false,
        UseCookies = false,
    }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A fresh account with one role (the shared test password); for tests that change or lock accounts.</summary>
    public async Task<(string Id, string Email)> CreateUserAsync(string role)
    {
        var email = $"{Guid.NewGuid():N}@test.local";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var user = new DashboardUser { UserName = email, Email = email, DisplayName = "Tijdelijk", EmailConfirmed = true };
        await users.CreateAsync(user, Password);
        await users.AddToRoleAsync(user, role);
        await EditsEveryPlanAsync(user, role);
        return (user.Id, email);
    }

    /// <summary>The id of a demo spearpoint by its code (SP1..SP4, IS1, IS2).</summary>
    public async Task<int> SpearpointIdAsync(string code)
    {
        await using var db = await Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Spearpoints.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    /// <summary>
    /// The cookies of a browser signed in through the real sign-in page with <paramref name="role"/>'s
    /// account, signed in once per class and shared by its browser contexts.
    /// </summary>
    public async Task<string> SignedInStateAsync(Browser browser, string role)
    {
        await _signInGate.WaitAsync();
        try
        {
            if (_signedIn.TryGetValue(role, out var state))
            {
                return state;
            }
            await using var context = await browser.NewAnonymousContextAsync(this);
            var page = await context.NewPageAsync();
            await page.SignInAsync(this, Email(role), Password);
            state = Path.Combine(_dataDir, $"state-{role}.json");
            await context.StorageStateAsync(new() { Path = state });
            _signedIn[role] = state;
            return state;
        }
        finally
        {
            _signInGate.Release();
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await AfterStopAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDataDir)
        {
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
