using Dashboard.BrowserTests.Support;
using Dashboard.Editing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// The story of a rapportage in three browsers on the demo plan, whose council sees its released rapportages: a council
/// member's open overview does not change when a manager saves live; the manager prepares and hands in a rapportage; a
/// vaststeller releases it; the council member's overview moves to it without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class RapportagesBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private const string LiveText = "Live bijgewerkt, nog niet vastgesteld.";

    private static ILocator Card(IPage page, string title) =>
        page.Locator(".spearpoint-card").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    private static ILocator Notice(IPage page) => page.Locator(".council-view-notice");

    [SkippableFact]
    public async Task AManagerHandsIn_AVaststellerReleases_AndTheCouncilsOpenOverviewMovesToIt_NotBefore()
    {
        await using var managerContext = await browser.NewContextAsync(app);
        await using var releaserContext = await browser.NewContextAsync(app, DashboardRoles.Releaser);
        await using var councilContext = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var manager = await managerContext.NewPageAsync();
        var releaser = await releaserContext.NewPageAsync();
        var council = await councilContext.NewPageAsync();
        await council.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(Notice(council)).ToContainTextAsync("U ziet de vastgestelde stand van 14 februari 2023");
        var councilCard = Card(council, "Vergroten van de flexibiliteit");
        var before = await councilCard.InnerTextAsync();

        // A live save: the manager's screen shows it, the council's does not.
        await manager.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(Notice(manager)).ToContainTextAsync("U ziet de actuele stand. De raad ziet de vastgestelde stand van 14 februari 2023");
        await Card(manager, "Vergroten van de flexibiliteit").GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await Dialog(manager).GetByLabel("Toelichting").FillAsync(LiveText);
        await Dialog(manager).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(Dialog(manager)).ToHaveCountAsync(0);
        await Expect(Card(manager, "Vergroten van de flexibiliteit")).ToContainTextAsync(LiveText);
        // Give the push every chance to arrive where it must not.
        await council.WaitForTimeoutAsync(2000);
        Assert.Equal(before, await councilCard.InnerTextAsync());
        await Expect(council.GetByText(LiveText)).ToHaveCountAsync(0);

        // The manager prepares and hands in.
        await manager.GotoInteractiveAsync(app.BaseUrl + "/rapportages");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Rapportage opstellen" }).ClickAsync();
        await Dialog(manager).GetByLabel("Samenvatting").FillAsync("Het team rondt het jaarplan af; de raad ontvangt de stand op de einddatum.");
        await Dialog(manager).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await manager.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/rapportages/\\d+$"));
        var reportUrl = manager.Url;
        await manager.GetByRole(AriaRole.Button, new() { Name = "Ter vaststelling aanbieden" }).ClickAsync();
        await Dialog(manager).GetByRole(AriaRole.Button, new() { Name = "Ter vaststelling aanbieden" }).ClickAsync();
        await Expect(Dialog(manager)).ToHaveCountAsync(0);
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Vaststellen" })).ToHaveCountAsync(0);
        await Expect(Notice(council)).ToContainTextAsync("14 februari 2023");

        // Another person releases it.
        await releaser.GotoInteractiveAsync(reportUrl);
        await releaser.GetByRole(AriaRole.Button, new() { Name = "Vaststellen" }).ClickAsync();
        await Dialog(releaser).GetByRole(AriaRole.Button, new() { Name = "Vaststellen" }).ClickAsync();
        await Expect(Dialog(releaser)).ToHaveCountAsync(0);
        await Expect(releaser.Locator(".report-released-by")).ToContainTextAsync("Vastgesteld door");

        // The council's open overview moves to it, without a reload; the live text is still not there.
        await Expect(Notice(council)).ToContainTextAsync("U ziet de vastgestelde stand van 31 december 2023");
        await Expect(council.GetByText(LiveText)).ToHaveCountAsync(0);
        await council.ScreenshotAsync("council-moved-to-released");
    }
}
