using Dashboard.BrowserTests.Support;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class EditingBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private Task<int> SpearpointIdAsync(string code) => app.SpearpointIdAsync(code);

    private async Task<(int Updates, int Audits)> CountsAsync(int spearpointId)
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return (await db.StatusUpdates.CountAsync(u => u.SpearpointId == spearpointId),
                await db.AuditEntries.CountAsync(a => a.SpearpointId == spearpointId && a.Result == AuditResult.Success));
    }

    private static ILocator Card(IPage page, string title) =>
        page.Locator(".spearpoint-card").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    [SkippableFact]
    public async Task StatusSavedInOneBrowser_ShowsInAnotherWithoutReload()
    {
        var id = await SpearpointIdAsync("SP2");
        await using var managerContext = await browser.NewContextAsync(app);
        await using var viewerContext = await browser.NewContextAsync(app);
        var manager = await managerContext.NewPageAsync();
        var viewer = await viewerContext.NewPageAsync();
        var overviewViewer = await viewerContext.NewPageAsync();
        await manager.GotoInteractiveAsync(app.BaseUrl + "/");
        await viewer.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");
        await overviewViewer.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(viewer.Locator("h1 ~ .card-badges [data-status]").First).ToHaveTextAsync("Gereed");

        var card = Card(manager, "Vergroten van de flexibiliteit");
        await card.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = Dialog(manager);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Vertraagd" }).CheckAsync();
        await dialog.GetByLabel("Toelichting").FillAsync("Het rooster loopt vertraging op door ziekte.");
        await dialog.GetByLabel("Oorzaak").FillAsync("Twee roosteraars zijn ziek.");
        await dialog.GetByLabel("Gevolg").FillAsync("Het nieuwe rooster start later.");
        await dialog.GetByLabel("Bijsturing").FillAsync("Een roosteraar van V&L helpt tijdelijk.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The other browser's spearpoint page and overview follow without a reload.
        await Expect(viewer.Locator("h1 ~ .card-badges [data-status]").First).ToHaveTextAsync("Vertraagd");
        await Expect(viewer.Locator(".status-history li").First).ToContainTextAsync("Het rooster loopt vertraging op door ziekte.");
        await Expect(viewer.GetByText("Zojuist bijgewerkt")).ToBeVisibleAsync();
        var viewerCard = Card(overviewViewer, "Vergroten van de flexibiliteit");
        await Expect(viewerCard.Locator("[data-status]").First).ToHaveTextAsync("Vertraagd");
        await Expect(viewerCard.Locator(".just-updated")).ToBeVisibleAsync();
        await Expect(Card(manager, "Vergroten van de flexibiliteit").Locator("[data-status]").First).ToHaveTextAsync("Vertraagd");
        await overviewViewer.ScreenshotAsync("live-update-overview");
    }

    [SkippableFact]
    public async Task ConflictingSaves_TheSecondSeesTheFirstsChange_AndKeepsItsInput()
    {
        var id = await SpearpointIdAsync("SP1");
        await using var contextA = await browser.NewContextAsync(app);
        await using var contextB = await browser.NewContextAsync(app);
        var a = await contextA.NewPageAsync();
        var b = await contextB.NewPageAsync();
        await a.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");
        await b.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");

        await b.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await Dialog(b).GetByLabel("Toelichting").FillAsync("Versie van B, met veel werk getypt.");
        await a.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await Dialog(a).GetByLabel("Toelichting").FillAsync("Versie van A.");
        await Dialog(a).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(Dialog(a)).ToHaveCountAsync(0);

        await Dialog(b).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        var alert = Dialog(b).GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("iemand anders heeft dit intussen gewijzigd");
        await Expect(alert).ToContainTextAsync("Versie van A.");
        await Expect(Dialog(b).GetByLabel("Toelichting")).ToHaveValueAsync("Versie van B, met veel werk getypt.");
        await b.ScreenshotAsync("conflict");
        await using (var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync())
        {
            var latest = await db.StatusUpdates.Where(u => u.SpearpointId == id).OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id).FirstAsync();
            Assert.Equal("Versie van A.", latest.Explanation);
        }

        // Having seen A's change, B saves knowingly.
        await Dialog(b).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(Dialog(b)).ToHaveCountAsync(0);
        await Expect(a.Locator(".status-history li").First).ToContainTextAsync("Versie van B, met veel werk getypt.");
    }

    [SkippableFact]
    public async Task MissingReasons_AreShownAtTheFields_AndNothingIsStored()
    {
        var id = await SpearpointIdAsync("SP3");
        var before = await CountsAsync(id);
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Aandachtspunt" }).CheckAsync();
        await dialog.GetByLabel("Toelichting").FillAsync("Er is een risico.");
        await dialog.GetByLabel("Oorzaak").FillAsync("");
        await dialog.GetByLabel("Gevolg").FillAsync("");
        await dialog.GetByLabel("Bijsturing").FillAsync("");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();

        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("verbeter de gemarkeerde velden");
        await Expect(dialog.GetByText("Oorzaak is verplicht.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Gevolg is verplicht.")).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Bijsturing is verplicht.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("validation");
        Assert.Equal(before, await CountsAsync(id));
    }

    [SkippableFact]
    public async Task TwentyRapidClicksOnOpslaan_WriteOnce()
    {
        var id = await SpearpointIdAsync("IS1");
        var before = await CountsAsync(id);
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        await Dialog(page).GetByLabel("Toelichting").FillAsync("Eén keer opslaan, ook bij twintig klikken.");
        await Dialog(page).Locator(".save-button").EvaluateAsync("b => { for (let i = 0; i < 20; i++) b.click(); }");
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(page.Locator(".status-history li").First).ToContainTextAsync("Eén keer opslaan");

        Assert.Equal((before.Updates + 1, before.Audits + 1), await CountsAsync(id));
    }

    [SkippableFact]
    public async Task Milestone_AddedThenMarkedDone_ShowsInTheTimeline()
    {
        var id = await SpearpointIdAsync("SP4");
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/speerpunten/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mijlpaal toevoegen" }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByLabel("Titel").FillAsync("Exitgesprekken geanalyseerd");
        await dialog.GetByLabel("Geplande datum").FillAsync("15-11-2023");
        await dialog.GetByLabel("Geplande datum").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var item = page.Locator("ol.milestone-timeline > li").Filter(new() { HasText = "Exitgesprekken geanalyseerd" });
        await Expect(item).ToContainTextAsync("Gepland op 15-11-2023");
        await Expect(item.Locator("[data-status]")).ToHaveTextAsync("Niet gestart");

        await item.GetByRole(AriaRole.Button, new() { Name = "Markeer als gereed" }).ClickAsync();
        await Expect(Dialog(page).GetByLabel("Datum gereed")).Not.ToBeEmptyAsync();
        await Dialog(page).GetByLabel("Datum gereed").FillAsync("20-11-2023");
        await Dialog(page).GetByLabel("Datum gereed").PressAsync("Tab");
        await Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);

        await Expect(item.Locator("[data-status]")).ToHaveTextAsync("Gereed");
        await Expect(item).ToContainTextAsync("Gereed op 20-11-2023");
        await Expect(page.Locator(".change-list li").First).ToContainTextAsync("Mijlpaal gereed gemeld");
        await page.ScreenshotAsync("milestone-done");
    }
}
