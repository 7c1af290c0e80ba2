using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>
/// Spearpoints and indicators set up in the browser, on the demo plan: two browser contexts are two circuits,
/// and what one manager adds, renames or ends shows on the other's overview without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class SpearpointSetUpBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private const string FocusedName = """
        () => {
            const el = document.activeElement;
            if (!el) return '';
            const label = el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].innerText) || el.innerText || el.value || '';
            return label.trim().replace(/\s+/g, ' ');
        }
        """;

    private static ILocator Card(IPage page, string title) =>
        page.Locator(".spearpoint-card").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    private static ILocator Section(IPage page, string kind) => page.Locator($"section[data-kind={kind}]");

    private async Task<int> SpearpointCountAsync()
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Spearpoints.CountAsync();
    }

    private static async Task AddSpearpointAsync(IPage page, string kind, string code, string title)
    {
        await Section(page, kind).GetByRole(AriaRole.Button, new() { Name = "Speerpunt toevoegen" }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByLabel("Code").FillAsync(code);
        await dialog.GetByLabel("Titel").FillAsync(title);
        await dialog.GetByLabel("Omschrijving").FillAsync("Toegevoegd in de browser.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task ASpearpointAddedWithTheDialog_AppearsOnAnotherBrowsersOverviewWithoutReload()
    {
        await using var managerContext = await browser.NewContextAsync(app);
        // A presenter sees live; the demo plan's council sees its released rapportages (RapportagesBrowserTests).
        await using var viewerContext = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        var manager = await managerContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        await manager.GotoInteractiveAsync(app.BaseUrl + "/");
        await viewer.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(Card(viewer, "Informatiegestuurd werken")).ToBeVisibleAsync();
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Speerpunt toevoegen" })).ToHaveCountAsync(0);

        await AddSpearpointAsync(manager, "Substantive", "IS7", "Wijkgericht werken");

        await Expect(Card(viewer, "Wijkgericht werken")).ToBeVisibleAsync();
        await Expect(Section(viewer, "Substantive").Locator(".card-code").Last).ToHaveTextAsync("IS7");
        await Expect(Card(manager, "Wijkgericht werken")).ToBeVisibleAsync();
        await viewer.ScreenshotAsync("spearpoint-added-live");
    }

    [SkippableFact]
    public async Task ARenameWithSpeerpuntBewerken_ShowsLiveOnTheOtherBrowsersCard()
    {
        var id = await app.SpearpointIdAsync("IS2");
        await using var managerContext = await browser.NewContextAsync(app);
        await using var viewerContext = await browser.NewContextAsync(app);
        var manager = await managerContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        await manager.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");
        await viewer.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(Card(viewer, "Fietsparkeren binnenstad")).ToBeVisibleAsync();

        await manager.GetByRole(AriaRole.Button, new() { Name = "Speerpunt bewerken" }).ClickAsync();
        var dialog = Dialog(manager);
        await Expect(dialog.GetByLabel("Code")).ToHaveValueAsync("IS2");
        await dialog.GetByLabel("Titel").FillAsync("Fietsparkeren in de hele binnenstad");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Fietsparkeren in de hele binnenstad");
        await Expect(Card(viewer, "Fietsparkeren in de hele binnenstad")).ToBeVisibleAsync();
        await Expect(Card(viewer, "Fietsparkeren binnenstad")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task AnEndedSpearpoint_MovesToTheEndedSectionOnBothBrowsers()
    {
        var id = await app.SpearpointIdAsync("SP3");
        const string title = "Verwachtingenmanagement en communicatie richting buurten";
        await using var managerContext = await browser.NewContextAsync(app);
        await using var viewerContext = await browser.NewContextAsync(app);
        var manager = await managerContext.NewPageAsync();
        var managerOverview = await managerContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        await manager.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");
        await managerOverview.GotoInteractiveAsync(app.BaseUrl + "/");
        await viewer.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(Section(viewer, "Development").Locator(Card(viewer, title))).ToBeVisibleAsync();

        await manager.GetByRole(AriaRole.Button, new() { Name = "Speerpunt beëindigen" }).ClickAsync();
        var dialog = Dialog(manager);
        await Expect(dialog).ToContainTextAsync("nooit verwijderd");
        await dialog.GetByLabel("Reden").FillAsync("Opgegaan in SP1.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await Expect(manager.Locator(".ended-notice")).ToContainTextAsync("Opgegaan in SP1.");
        await Expect(manager.Locator(".ended-notice")).ToContainTextAsync("Beëindigd op");
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Speerpunt bewerken" })).ToHaveCountAsync(0);
        await Expect(manager.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" })).ToHaveCountAsync(0);
        foreach (var page in new[] { viewer, managerOverview })
        {
            var ended = page.Locator("section.ended-spearpoints");
            await Expect(ended.GetByRole(AriaRole.Heading, new() { Name = "Beëindigde speerpunten" })).ToBeVisibleAsync();
            await Expect(ended.Locator(Card(page, title))).ToContainTextAsync("Opgegaan in SP1.");
            await Expect(Section(page, "Development").Locator(Card(page, title))).ToHaveCountAsync(0);
        }
        await viewer.ScreenshotAsync("spearpoint-ended");
    }

    [SkippableFact]
    public async Task ANewSpearpoint_GetsAnIndicatorAndAMilestoneOnItsPage()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");
        await AddSpearpointAsync(page, "Development", "SP6", "Digitaal handhaven");
        await Card(page, "Digitaal handhaven").GetByRole(AriaRole.Link, new() { Name = "Digitaal handhaven" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Digitaal handhaven");
        await page.WaitForInteractiveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Indicator toevoegen" }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByLabel("Naam").FillAsync("Meldingen via de app");
        await dialog.GetByLabel("Eenheid").FillAsync("%");
        await dialog.GetByLabel("Nulmeting", new() { Exact = true }).FillAsync("20");
        await dialog.GetByLabel("Streefwaarde").FillAsync("60");
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Maandelijks" }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var row = page.Locator(".indicator-table tbody tr").Filter(new() { HasText = "Meldingen via de app" });
        await Expect(row).ToContainTextAsync("Maandelijks");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Indicator bewerken" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Mijlpaal toevoegen" }).ClickAsync();
        dialog = Dialog(page);
        await dialog.GetByLabel("Titel").FillAsync("App gelanceerd");
        await dialog.GetByLabel("Geplande datum").FillAsync("01-06-2023");
        await dialog.GetByLabel("Geplande datum").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("ol.milestone-timeline > li")).ToContainTextAsync("App gelanceerd");
        await page.ScreenshotAsync("new-spearpoint-page");
    }

    [SkippableFact]
    public async Task BadInput_ShowsTheDutchMessageAtTheField_AndStoresNothing()
    {
        var before = await SpearpointCountAsync();
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        await Section(page, "Development").GetByRole(AriaRole.Button, new() { Name = "Speerpunt toevoegen" }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByLabel("Titel").FillAsync("Zonder code");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Code is verplicht.")).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("verbeter de gemarkeerde velden");

        await dialog.GetByLabel("Code").FillAsync("SP1");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Code SP1 bestaat al in dit plan. Kies een andere code.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("spearpoint-duplicate-code");
        Assert.Equal(before, await SpearpointCountAsync());
    }

    [SkippableFact]
    public async Task TheNewDialogs_OpenByKeyboard_KeepFocusInside_AndEscapeReturnsFocus()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        var overview = app.BaseUrl + "/";
        var spearpoint = $"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP1")}";
        foreach (var (url, button) in new[]
                 {
                     (overview, "Speerpunt toevoegen"), (spearpoint, "Speerpunt bewerken"), (spearpoint, "Speerpunt beëindigen"),
                     (spearpoint, "Indicator toevoegen"), (spearpoint, "Indicator bewerken"), (spearpoint, "Indicator beëindigen"),
                 })
        {
            if (page.Url != url)
            {
                await page.GotoInteractiveAsync(url);
            }
            await page.GetByRole(AriaRole.Button, new() { Name = button }).First.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(Dialog(page)).ToBeVisibleAsync();
            await page.WaitUntilAsync("() => !!document.activeElement.closest('.mud-dialog-container')", $"{button}: the dialog has focus");
            for (var i = 0; i < 15; i++)
            {
                await page.Keyboard.PressAsync("Tab");
                await page.WaitUntilAsync("() => !!document.activeElement.closest('.mud-dialog-container')", $"{button}: focus in the dialog after {i + 1} Tabs", 3_000);
            }
            await page.Keyboard.PressAsync("Escape");
            await Expect(Dialog(page)).ToHaveCountAsync(0);
            await page.WaitUntilAsync($"() => ({FocusedName})().toLowerCase().includes('{button.ToLowerInvariant()}')", $"focus is back on {button}");
        }
    }
}
