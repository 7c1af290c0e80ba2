using Dashboard.Benchmarks.Hosting;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// A manager in Chromium who saves as a person does: signs in on the real sign-in page, opens the overview, clicks
/// Status bijwerken on the first card, chooses Op koers, types the Toelichting and clicks Opslaan. The page notes the
/// wall-clock time of the click event itself (<c>performance.timeOrigin + event.timeStamp</c>), not of the call into
/// the driver, whose own checks before it clicks take tens to hundreds of milliseconds; and when its own card shows the
/// text.
/// </summary>
public sealed class ClickingManager : IAsyncDisposable
{
    /// <summary>Armed just before the click: the click event's time, and the time the new text is in this page's DOM.</summary>
    private const string Arm = """
        token => {
            window.__clickAt = undefined;
            document.addEventListener('click', e => { window.__clickAt = performance.timeOrigin + e.timeStamp; }, { capture: true, once: true });
            window.__ownScreen = new Promise(resolve => {
                const card = () => document.querySelector('main').textContent.includes(token);
                const observer = new MutationObserver(() => {
                    if (card()) { observer.disconnect(); resolve(performance.timeOrigin + performance.now()); }
                });
                observer.observe(document.querySelector('main'), { childList: true, subtree: true, characterData: true });
            });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IPage _page;

    private ClickingManager(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _page = page;
    }

    /// <summary>Signed in, on the overview, interactive.</summary>
    public static async Task<ClickingManager> OpenAsync(Uri server)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await BrowserViewers.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL", TimezoneId = "Europe/Amsterdam" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync(new Uri(server, "/Account/Login?ReturnUrl=%2F").ToString());
        await page.Locator("#email").FillAsync(BenchManager.Email);
        await page.Locator("#password").FillAsync(BenchManager.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await page.Locator(".app-root[data-interactive='true']").WaitForAsync();
        return new ClickingManager(playwright, browser, page);
    }

    /// <summary>
    /// One save of <paramref name="text"/> through the status dialog: the click event's wall-clock time (Unix ms), and
    /// how long after it the manager's own card showed the text (NaN: it did not within the time).
    /// </summary>
    public async Task<(double ClickUnixMs, double OwnScreenMs)> SaveAsync(string text, TimeSpan timeout)
    {
        var card = _page.Locator(".spearpoint-card").First;
        await card.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = _page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Op koers" }).CheckAsync();
        await dialog.GetByLabel("Toelichting").FillAsync(text);
        var save = dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" });
        // Playwright waits for the button to be visible, stable and enabled before it clicks: done here, before the clock.
        await save.WaitForAsync();
        await _page.EvaluateAsync(Arm, text);
        await save.ClickAsync();
        var clickAt = await _page.EvaluateAsync<double?>("() => window.__clickAt")
            ?? throw new InvalidOperationException("The page saw no click on Opslaan");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        double own;
        try
        {
            own = await _page.EvaluateAsync<double>("() => window.__ownScreen").WaitAsync(timeout) - clickAt;
        }
        catch (TimeoutException)
        {
            own = double.NaN;
        }
        return (clickAt, own);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
