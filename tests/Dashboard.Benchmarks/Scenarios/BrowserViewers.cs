using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// A few real Chromium pages (Debian's, no download) following the page during the propagation run.
/// Each page notes, with a MutationObserver, the wall-clock time at which the new text is in its DOM.
/// </summary>
public sealed class BrowserViewers : IAsyncDisposable
{
    public static readonly string ExecutablePath =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    private const string Arm = """
        token => {
            window.__seen = new Promise(resolve => {
                const seen = () => document.body.textContent.includes(token);
                if (seen()) { resolve(performance.timeOrigin + performance.now()); return; }
                const observer = new MutationObserver(() => {
                    if (seen()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
                });
                observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IPage> _pages = [];

    public int Count => _pages.Count;

    private BrowserViewers(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<BrowserViewers> OpenAsync(Uri url, int count, string interactiveSelector)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await LaunchAsync(playwright);
        var viewers = new BrowserViewers(playwright, browser);
        for (var i = 0; i < count; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL", TimezoneId = "Europe/Amsterdam" });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(url.ToString());
            await page.Locator(interactiveSelector).WaitForAsync();
            viewers._pages.Add(page);
        }
        return viewers;
    }

    /// <summary>Debian's Chromium, headless, without the background work that would be measured too.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });

    public Task ArmAsync(string token) => Task.WhenAll(_pages.Select(p => p.EvaluateAsync(Arm, token)));

    /// <summary>Milliseconds from <paramref name="startUnixMs"/> until each page showed the text; NaN for a page that did not.</summary>
    public async Task<double[]> CollectAsync(double startUnixMs, TimeSpan timeout) =>
        await Task.WhenAll(_pages.Select(async p =>
        {
            try
            {
                return await p.EvaluateAsync<double>("() => window.__seen").WaitAsync(timeout) - startUnixMs;
            }
            catch (Exception)
            {
                return double.NaN;
            }
        }));

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
