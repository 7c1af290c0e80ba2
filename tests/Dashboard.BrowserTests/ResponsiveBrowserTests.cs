using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// Every page the router knows, on a phone held upright (390 x 844) and a tablet (768 x 1024): no sideways
/// scrolling, no text cut off or overlapped, targets of at least 24 x 24 px, and indicator values visible
/// without scrolling their table. Screenshots of each land in TestResults/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ResponsiveBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    public static TheoryData<string, string> PagesOnPhoneAndTablet()
    {
        var data = new TheoryData<string, string>();
        foreach (var template in AppRoutes.Templates)
        {
            data.Add(template, LayoutChecks.Phone.Name);
            data.Add(template, LayoutChecks.Tablet.Name);
        }
        return data;
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + url);
        // Fonts and the first layout pass settle before anything is measured.
        await page.EvaluateAsync("() => document.fonts.ready");
        return page;
    }

    private Task<IBrowserContext> NewContextAsync(string device, string role = DashboardRoles.Admin)
    {
        var size = device == LayoutChecks.Phone.Name ? LayoutChecks.Phone : LayoutChecks.Tablet;
        return browser.NewContextAsync(app, role, "nl-NL", size.Width, size.Height);
    }

    private static string Slug(string route) =>
        route == "/" ? "overview" : string.Join('-', route.Replace(":int", "").Split('/', '{', '}').Where(p => p.Length > 0));

    [SkippableTheory]
    [MemberData(nameof(PagesOnPhoneAndTablet))]
    public async Task EveryPage_ReadsWithoutSidewaysScrolling_OverlapOrSmallTargets(string route, string device)
    {
        await using var context = await NewContextAsync(device);
        var page = await OpenAsync(context, await AppRoutes.UrlAsync(app, route));

        await page.ScreenshotAsync($"responsive-{Slug(route)}-{device}");
        // What the reader sees first, without scrolling (the README's phone picture is the overview's).
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoRoot.Artifacts("screenshots", $"responsive-{Slug(route)}-{device}-first-screen.png") });
        await page.AssertReadableAsync($"{Slug(route)}-{device}");
    }

    [SkippableTheory]
    [InlineData("phone")]
    [InlineData("tablet")]
    public async Task SpearpointPage_ShowsEachIndicatorsLatestValueAndDate_WithoutScrollingTheTable(string device)
    {
        await using var context = await NewContextAsync(device, DashboardRoles.CouncilMember);
        var page = await OpenAsync(context, $"/speerpunten/{await app.SpearpointIdAsync("SP1")}");

        var rows = page.Locator("[data-indicator]");
        Assert.True(await rows.CountAsync() > 0);
        foreach (var cell in await page.Locator("[data-indicator] .indicator-actual, [data-indicator] .indicator-date").AllAsync())
        {
            await cell.ScrollIntoViewIfNeededAsync();
            var visible = await cell.EvaluateAsync<bool>("""
                el => {
                    const r = el.getBoundingClientRect();
                    if (r.left < 0 || r.right > document.documentElement.clientWidth) return false;
                    for (let a = el.parentElement; a; a = a.parentElement) {
                        const s = getComputedStyle(a);
                        if (s.overflowX === 'visible') continue;
                        const b = a.getBoundingClientRect();
                        if (r.left < b.left - 1 || r.right > b.left + a.clientWidth + 1) return false;
                    }
                    return true;
                }
                """);
            Assert.True(visible, $"'{await cell.InnerTextAsync()}' needs a sideways scroll on a {device}");
        }
        var chartLabelSizes = await page.EvaluateAsync<double[]>(
            "() => [...document.querySelectorAll('.indicator-chart-plot .chart-label')].filter(t => t.getClientRects().length).map(t => parseFloat(getComputedStyle(t).fontSize))");
        Assert.NotEmpty(chartLabelSizes);
        Assert.All(chartLabelSizes, size => Assert.True(size >= 12, $"a chart label is {size} px"));
    }

    [SkippableTheory]
    [InlineData("phone")]
    [InlineData("tablet")]
    public async Task Charts_ShowTheirFirstAndLastDate_Whole(string device)
    {
        await using var context = await NewContextAsync(device, DashboardRoles.CouncilMember);
        var page = await OpenAsync(context, $"/speerpunten/{await app.SpearpointIdAsync("SP1")}");

        var charts = page.Locator(".indicator-chart-plot");
        Assert.True(await charts.CountAsync() > 0);
        foreach (var chart in await charts.AllAsync())
        {
            var dates = chart.Locator(".chart-x-label");
            foreach (var label in new[] { dates.First, dates.Last })
            {
                await Expect(label).ToBeVisibleAsync();
                Assert.Matches(@"^\d{2}-\d{2}-\d{4}$", (await label.InnerTextAsync()).Trim());
                var inside = await label.EvaluateAsync<bool>("""
                    el => {
                        const r = el.getBoundingClientRect(), b = el.closest('.indicator-chart-plot').getBoundingClientRect();
                        return r.left >= b.left - 0.5 && r.right <= b.right + 0.5;
                    }
                    """);
                Assert.True(inside, $"the date '{await label.InnerTextAsync()}' sticks out of its chart on a {device}");
            }
        }
    }

    [SkippableTheory]
    [InlineData("phone")]
    [InlineData("tablet")]
    public async Task StatusDialog_FitsTheScreen_AndItsControlsAreLargeEnoughToTouch(string device)
    {
        await using var context = await NewContextAsync(device, DashboardRoles.Manager);
        var page = await OpenAsync(context, $"/speerpunten/{await app.SpearpointIdAsync("SP2")}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.ScreenshotAsync($"responsive-status-dialog-{device}");

        await page.AssertReadableAsync($"the status dialog on a {device}");
    }
}
