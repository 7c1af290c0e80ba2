using Dashboard.BrowserTests.Support;

namespace Dashboard.BrowserTests;

/// <summary>Readable at 320 px width (WCAG 1.4.10, the same as 400 % zoom) and at 200 % zoom: no sideways scrolling.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class ReflowBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    public static TheoryData<string, int> Pages => new()
    {
        { "overview", 320 },
        { "spearpoint", 320 },
        { "overview", 640 },   // 1280 px at 200 % zoom
        { "spearpoint", 640 },
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task Page_FitsTheWidth_WithoutScrollingSideways(string which, int width)
    {
        await using var context = await browser.NewContextAsync(app, culture: "nl-NL", width: width, height: 800);
        var page = await context.NewPageAsync();
        var url = which == "overview" ? "/" : $"/speerpunten/{await app.SpearpointIdAsync("SP4")}";

        await page.GotoInteractiveAsync(app.BaseUrl + url);

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        await page.ScreenshotAsync($"reflow-{which}-{width}");
        Assert.True(scrollWidth <= width, $"{which} at {width} px is {scrollWidth} px wide");
    }
}
