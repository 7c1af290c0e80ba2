using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page in both languages and in the main states.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class AccessibilityBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    [SkippableTheory]
    [MemberData(nameof(AppRoutes.InBothLanguages), MemberType = typeof(AppRoutes))]
    public async Task EveryPage_HasNoSeriousAccessibilityViolations(string route, string culture)
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin, culture);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));

        await page.AssertAccessibleAsync($"{route} {culture}");
    }

    [SkippableTheory]
    [MemberData(nameof(AppRoutes.InBothLanguages), MemberType = typeof(AppRoutes))]
    public async Task EveryPage_HasOneH1_HeadingsInOrder_AndTheLandmarks(string route, string culture)
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin, culture);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));

        var levels = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"heading level jumps from h{levels[i - 1]} to h{levels[i]} on {route}");
        }
        foreach (var landmark in new[] { AriaRole.Banner, AriaRole.Navigation, AriaRole.Main, AriaRole.Contentinfo })
        {
            Assert.True(await page.GetByRole(landmark).CountAsync() >= 1, $"no {landmark} landmark on {route}");
        }
    }

    [SkippableFact]
    public async Task StatusDialog_WithValidationErrors_HasNoSeriousViolations()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, "/speerpunten/{Id:int}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await page.AssertAccessibleAsync("status dialog");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Vertraagd" }).CheckAsync();
        await dialog.GetByLabel("Toelichting").FillAsync("");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Oorzaak is verplicht.")).ToBeVisibleAsync();

        await page.AssertAccessibleAsync("status dialog with validation errors");
    }

    [SkippableFact]
    public async Task MilestoneDialog_WithValidationErrors_HasNoSeriousViolations()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, "/speerpunten/{Id:int}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Mijlpaal toevoegen" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await page.AssertAccessibleAsync("milestone dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Titel is verplicht.")).ToBeVisibleAsync();

        await page.AssertAccessibleAsync("milestone dialog with validation errors");
    }

    [SkippableTheory]
    [InlineData("/", "Speerpunt toevoegen", "Code is verplicht.")]
    [InlineData("/speerpunten/{Id:int}", "Speerpunt bewerken", null)]
    [InlineData("/speerpunten/{Id:int}", "Speerpunt beëindigen", "Reden is verplicht.")]
    [InlineData("/speerpunten/{Id:int}", "Indicator toevoegen", "Naam is verplicht.")]
    [InlineData("/speerpunten/{Id:int}", "Indicator beëindigen", "Reden is verplicht.")]
    [InlineData("/plannen", "Plan bewerken", null)]
    [InlineData("/rapportages", "Rapportage opstellen", null)]
    [InlineData("/rapportages/{Id:int}", "Bewerken", null)]
    [InlineData("/rapportages/{Id:int}", "Ter vaststelling aanbieden", null)]
    public async Task SetUpDialogs_AndTheirValidationErrors_HaveNoSeriousViolations(string route, string button, string? error)
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));

        await page.GetByRole(AriaRole.Button, new() { Name = button }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await page.AssertAccessibleAsync($"{button} dialog");
        if (error is not null)
        {
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
            await Expect(dialog.GetByText(error)).ToBeVisibleAsync();
            await page.AssertAccessibleAsync($"{button} dialog with validation errors");
        }
    }

    [SkippableFact]
    public async Task ConflictMessage_HasNoSeriousViolations()
    {
        var url = app.BaseUrl + await AppRoutes.UrlAsync(app, "/speerpunten/{Id:int}");
        await using var contextA = await browser.NewContextAsync(app);
        await using var contextB = await browser.NewContextAsync(app);
        var a = await contextA.NewPageAsync();
        var b = await contextB.NewPageAsync();
        await a.GotoInteractiveAsync(url);
        await b.GotoInteractiveAsync(url);

        await b.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await b.GetByRole(AriaRole.Dialog).GetByLabel("Toelichting").FillAsync("Van B");
        await a.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await a.GetByRole(AriaRole.Dialog).GetByLabel("Toelichting").FillAsync("Van A");
        await a.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(a.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await b.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(b.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Alert)).ToContainTextAsync("Van A");

        await b.AssertAccessibleAsync("conflict message");
    }
}
