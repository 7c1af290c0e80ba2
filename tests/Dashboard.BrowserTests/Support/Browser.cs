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

    /// <summary>A fresh browser context (its own cookies: another user, another circuit).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        Skip.If(_browser is null, MissingReason);
        var context = await _browser!.NewContextAsync(options ?? new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    /// <summary>A fresh context that uses the app in the given language (its culture cookie set).</summary>
    public async Task<IBrowserContext> NewContextAsync(AppServer app, string culture, int width = 1280, int height = 900)
    {
        var context = await NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = culture,
            TimezoneId = "Europe/Amsterdam",
        });
        await context.AddCookiesAsync(
        [
            new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = app.BaseUrl },
        ]);
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
