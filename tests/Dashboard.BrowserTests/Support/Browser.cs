using Dashboard.Editing;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// One headless Debian Chromium for all browser tests. Without Chromium the tests are skipped with
/// the reason, unless DASHBOARD_REQUIRE_BROWSER=1 (set by .ci/run) demands it: then they fail.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public static readonly string ExecutablePath =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private static bool Required => Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    public string? MissingReason { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            MissingReason = $"Chromium not found at {ExecutablePath} (set CHROMIUM_PATH or install Debian's chromium)";
            if (Required)
            {
                throw new InvalidOperationException(MissingReason + "; DASHBOARD_REQUIRE_BROWSER=1 demands it.");
            }
            return;
        }
        // Generous waits: CI runs on two cores, and live updates cross two circuits.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies: another user, another circuit), signed in with the
    /// account of <paramref name="role"/> (a manager unless said otherwise), in the given language.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(AppServer app, string role = DashboardRoles.Manager, string? culture = "nl-NL",
        int width = 1280, int height = 900) =>
        await CreateAsync(app.BaseUrl, culture, width, height, await app.SignedInStateAsync(this, role));

    /// <summary>A context without a sign-in.</summary>
    public Task<IBrowserContext> NewAnonymousContextAsync(AppServer app, string? culture = "nl-NL", int width = 1280, int height = 900) =>
        CreateAsync(app.BaseUrl, culture, width, height, null);

    /// <summary>A context for a dashboard at any address (the cluster tests' nginx), with the cookies saved in <paramref name="storageStatePath"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(string baseUrl, string storageStatePath, string? culture = "nl-NL", int width = 1280, int height = 900) =>
        CreateAsync(baseUrl, culture, width, height, storageStatePath);

    /// <summary>A context without a sign-in for a dashboard at any address (the cluster tests' nginx).</summary>
    public Task<IBrowserContext> NewAnonymousContextAsync(string baseUrl, string? culture = "nl-NL", int width = 1280, int height = 900) =>
        CreateAsync(baseUrl, culture, width, height, null);

    /// <summary>A null <paramref name="culture"/> sets no language cookie: the app's default applies.</summary>
    private async Task<IBrowserContext> CreateAsync(string baseUrl, string? culture, int width, int height, string? storageState)
    {
        Skip.If(_browser is null, MissingReason);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = culture ?? "en-US",
            TimezoneId = "Europe/Amsterdam",
            IgnoreHTTPSErrors = true,
            StorageStatePath = storageState,
        });
        context.SetDefaultTimeout(15_000);
        if (culture is not null)
        {
            await context.AddCookiesAsync(
            [
                new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = baseUrl, Secure = true, HttpOnly = true },
            ]);
        }
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Browser>
{
    public const string Name = "browser";
}
