using Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Support;

public static class PageExtensions
{
    /// <summary>Opens a page and waits until its Blazor circuit is interactive (the layout says so).</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Waits until the circuit is interactive, or the page is one of the server-rendered sign-in pages.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator(".app-root[data-interactive='true'], .app-root[data-static]").WaitForAsync();

    /// <summary>Signs in through the real sign-in page.</summary>
    public static Task SignInAsync(this IPage page, AppServer app, string email, string password, string returnUrl = "/") =>
        page.SignInAsync(app.BaseUrl, email, password, returnUrl);

    /// <summary>Signs in through the real sign-in page of the dashboard at <paramref name="baseUrl"/>.</summary>
    public static async Task SignInAsync(this IPage page, string baseUrl, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"{baseUrl}/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await page.WaitForInteractiveAsync();
    }

    /// <summary>A full-page screenshot into TestResults/screenshots, kept as a test artifact.</summary>
    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoRoot.Artifacts("screenshots", name + ".png"), FullPage = true });

    /// <summary>Polls a condition in the page until it holds, as Playwright's Expect does for locators.</summary>
    public static async Task WaitUntilAsync(this IPage page, string script, string what, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await HoldsAsync(page, script))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A page that is just reloading has no answer yet: that counts as "not yet".</summary>
    private static async Task<bool> HoldsAsync(IPage page, string script)
    {
        try
        {
            return await page.EvaluateAsync<bool>(script);
        }
        catch (PlaywrightException e) when (e.Message.Contains("Execution context was destroyed") || e.Message.Contains("navigat"))
        {
            return false;
        }
    }
}
