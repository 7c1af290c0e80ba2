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

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator(".app-root[data-interactive='true']").WaitForAsync();

    /// <summary>A full-page screenshot into TestResults/screenshots, kept as a test artifact.</summary>
    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Artifacts("screenshots", name + ".png"), FullPage = true });
}
