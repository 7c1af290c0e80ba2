using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class OverviewBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    [SkippableFact]
    public async Task Overview_ShowsTheFourSpearpointsWithTheirStatusWords()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Overzicht" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Demogegevens, geen echte cijfers")).ToBeVisibleAsync();
        var expected = new Dictionary<string, string>
        {
            ["Informatiegestuurd werken"] = "Gereed",
            ["Vergroten van de flexibiliteit"] = "Gereed",
            ["Verwachtingenmanagement en communicatie richting buurten"] = "Vertraagd",
            ["Versterken van het team, kwantitatief en kwalitatief"] = "Op koers",
        };
        foreach (var (title, status) in expected)
        {
            var card = page.Locator(".spearpoint-card").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });
            await Expect(card).ToHaveCountAsync(1);
            await Expect(card.Locator("[data-status]").First).ToHaveTextAsync(status);
        }
        await page.ScreenshotAsync("overview");
    }

    [SkippableFact]
    public async Task Overview_OnAReferenceDate_ShowsTheStateOfThatDay()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + "/?peildatum=2022-10-11");

        await Expect(page.Locator(".reference-date")).ToContainTextAsync("11 oktober 2022");
        var sp2 = page.Locator(".spearpoint-card").Filter(new() { HasText = "Vergroten van de flexibiliteit" });
        await Expect(sp2.Locator("[data-status]").First).ToHaveTextAsync("Aandachtspunt");
        await Expect(sp2).ToContainTextAsync("1 van 5 mijlpalen gereed");
    }

    [SkippableFact]
    public async Task Spearpoint_OpenedFromTheOverview_ShowsItsMilestones()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Versterken van het team, kwantitatief en kwalitatief" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/speerpunten/\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Versterken van het team");
        var milestones = page.Locator("ol.milestone-timeline > li .milestone-title");
        await Expect(milestones).ToHaveTextAsync(
        [
            "Analyse van formatie en functiehuis",
            "Wervingsronde 1 afgerond",
            "Nieuwe collega's gestart met boa-basisopleiding en Domein I",
            "Opleidings- en trainingsplan 2023 vastgesteld",
            "Alle boa's hebben de PHB-module van 2023 behaald",
        ]);
        await Expect(page.GetByText("Verschoven van 01-12-2022 naar 01-03-2023")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Voortgangsberichten" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Ziekteverzuim" })).ToContainTextAsync("6,4%");
        await page.ScreenshotAsync("spearpoint");
    }

    [SkippableFact]
    public async Task Spearpoint_UnknownId_ShowsTheNotFoundPage()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(app.BaseUrl + "/speerpunten/999999");
        await page.WaitForInteractiveAsync();

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Pagina niet gevonden" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Terug naar het overzicht" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("not-found");
    }

    [SkippableFact]
    public async Task UnknownRoute_ShowsTheNotFoundPage()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(app.BaseUrl + "/bestaat-niet");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Pagina niet gevonden" })).ToBeVisibleAsync();
    }
}
