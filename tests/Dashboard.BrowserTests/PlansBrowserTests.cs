using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Editing;
using Dashboard.Plans;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>An installation without any plan: the first beheerder is led to Plan aanmaken and lands on the new plan.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class FirstRunBrowserTests(Browser browser, FirstRunBrowserTests.Server app) : IClassFixture<FirstRunBrowserTests.Server>
{
    public sealed class Server : AppServer
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Dashboard:SeedDemoData"] = "false" };
    }

    [SkippableFact]
    public async Task OnAnEmptyDatabase_ABeheerderCreatesAPlanFromTheOverview_AndLandsOnIt()
    {
        // Before: a council member reads that there is no plan yet, and is offered nothing to set up.
        await using (var councilContext = await browser.NewContextAsync(app, DashboardRoles.CouncilMember))
        {
            var council = await councilContext.NewPageAsync();
            await council.GotoInteractiveAsync(app.BaseUrl + "/");
            await Expect(council.GetByText("Er is nog geen plan ingericht.", new() { Exact = false })).ToBeVisibleAsync();
            await Expect(council.GetByRole(AriaRole.Button, new() { Name = "Plan aanmaken" })).ToHaveCountAsync(0);
        }

        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Begin met uw eigen plan" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "de beheerpagina" })).ToHaveAttributeAsync("href", "beheer");

        await page.GetByRole(AriaRole.Button, new() { Name = "Plan aanmaken" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Naam").FillAsync("Jaarplan handhaven 2027");
        await dialog.GetByLabel("Organisatie").FillAsync("Gemeente Voorbeeld, team Handhaving");
        await dialog.GetByLabel("Begindatum").FillAsync("01-01-2027");
        await dialog.GetByLabel("Begindatum").PressAsync("Tab");
        await dialog.GetByLabel("Einddatum").FillAsync("31-12-2027");
        await dialog.GetByLabel("Einddatum").PressAsync("Tab");
        await dialog.GetByLabel("Omschrijving").FillAsync("Ons eigen plan.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var plan = await db.Plans.SingleAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/plannen/{plan.Id}");
        await Expect(page.Locator(".plan-header .plan-name")).ToHaveTextAsync("Jaarplan handhaven 2027");
        await Expect(page.Locator(".plan-header")).ToContainTextAsync("1 januari 2027 tot en met 31 december 2027");
        await Expect(page.Locator(".app-plan")).ToContainTextAsync("Jaarplan handhaven 2027");
        await Expect(page).ToHaveTitleAsync("Overzicht – Jaarplan handhaven 2027 – Voortgangsdashboard");
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "Ons eigen plan."), (plan.StartDate, plan.EndDate, plan.Description));

        // Then the plan itself, all in the browser: two spearpoints, a milestone and an indicator.
        await AddSpearpointAsync(page, "Development", "SP1", "Informatiegestuurd werken");
        await AddSpearpointAsync(page, "Substantive", "IS1", "Overlast uitgaansgebied");
        await page.GetByRole(AriaRole.Link, new() { Name = "Informatiegestuurd werken", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Informatiegestuurd werken");
        await page.WaitUntilAsync("() => document.querySelector('[data-interactive]')?.dataset.interactive === 'true'", "the spearpoint page is interactive");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mijlpaal toevoegen" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Titel").FillAsync("Informatieanalist aangesteld");
        await dialog.GetByLabel("Geplande datum").FillAsync("01-06-2027");
        await dialog.GetByLabel("Geplande datum").PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Indicator toevoegen" }).ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Naam").FillAsync("Inzet gepland op basis van analyse");
        await dialog.GetByLabel("Eenheid").FillAsync("%");
        await dialog.GetByLabel("Nulmeting", new() { Exact = true }).FillAsync("10");
        await dialog.GetByLabel("Streefwaarde").FillAsync("50");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".indicator-table tbody tr").Filter(new() { HasText = "Inzet gepland op basis van analyse" })).ToBeVisibleAsync();

        await page.GotoInteractiveAsync($"{app.BaseUrl}/plannen/{plan.Id}");
        var sp1 = page.Locator(".spearpoint-card").Filter(new() { HasText = "Informatiegestuurd werken" });
        await Expect(sp1).ToContainTextAsync("Informatieanalist aangesteld (01-06-2027)");
        await Expect(sp1).ToContainTextAsync("0 van 1 mijlpaal gereed");
        await Expect(page.Locator("section[data-kind=Substantive] .spearpoint-card")).ToContainTextAsync("Overlast uitgaansgebied");
        await page.ScreenshotAsync("first-run-own-plan");
        await using var after = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await after.Indicators.CountAsync(i => i.Spearpoint!.PlanId == plan.Id && i.Spearpoint.Code == "SP1"));
    }

    private static async Task AddSpearpointAsync(IPage page, string kind, string code, string title)
    {
        await page.Locator($"section[data-kind={kind}]").GetByRole(AriaRole.Button, new() { Name = "Speerpunt toevoegen" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Code").FillAsync(code);
        await dialog.GetByLabel("Titel").FillAsync(title);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator($"section[data-kind={kind}] .spearpoint-card").Filter(new() { HasText = title })).ToBeVisibleAsync();
    }
}

/// <summary>Plannen, Vervolgplan maken, Plan kiezen and archived plans, on the demo plan.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class PlansBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private const string DemoName = "Jaarplan handhaven openbare ruimte 2022-2023";
    private static readonly Actor Admin = new("Beheerder", new HashSet<string> { DashboardRoles.Admin });

    private async Task<int> DemoPlanIdAsync()
    {
        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return await db.Plans.Where(p => p.IsDemo).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> AddPlanAsync(string name, DateOnly start, DateOnly end)
    {
        var result = await app.Get<PlanEditor>().CreateAsync(Admin, new CreatePlanCommand(name, "Gemeente Maastricht", start, end, null));
        Assert.True(result.Succeeded, result.Message);
        return (int)result.CreatedId!.Value;
    }

    private static ILocator Switcher(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Plan kiezen" });

    [SkippableFact]
    public async Task FollowUpPlan_FromTheDemoPlan_GivesA2024Plan_WithTheUnfinishedMilestonesCarriedOver()
    {
        var demoId = await DemoPlanIdAsync();
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/plannen");

        var item = page.Locator($".plan-item[data-plan='{demoId}']");
        await item.GetByRole(AriaRole.Button, new() { Name = "Vervolgplan maken" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Begindatum")).ToHaveValueAsync("01-01-2024");
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "SP3" })).ToBeCheckedAsync();
        await Expect(dialog).ToContainTextAsync("1 open mijlpaal gaat mee");
        var name = $"Jaarplan handhaven 2024-2025 {Guid.NewGuid():N}"[..36];
        await dialog.GetByLabel("Naam").FillAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var plan = await db.Plans.SingleAsync(p => p.Name == name);
        Assert.Equal(2024, plan.StartDate.Year);
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/plannen/{plan.Id}");
        await Expect(page.Locator(".plan-header .plan-name")).ToHaveTextAsync(name);

        // The spearpoint page of the new plan shows the milestone that was not finished in the old one.
        await page.GetByRole(AriaRole.Link, new() { Name = "Verwachtingenmanagement en communicatie richting buurten" }).ClickAsync();
        var newSp3 = await db.Spearpoints.Where(s => s.PlanId == plan.Id && s.Code == "SP3").Select(s => s.Id).SingleAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/speerpunten/{newSp3}");
        await Expect(page.Locator(".milestone-title", new() { HasText = "Meting van zichtbaarheid en tevredenheid" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Nulmeting meldingsstromen", new() { Exact = false })).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task PlanSwitcher_OpensTheOldPlan_ByMouseAndByKeyboard_AndTheHeaderAndTitleShowIt()
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        var running = $"Lopend plan {Guid.NewGuid():N}"[..24];
        await AddPlanAsync(running, today.AddDays(-30), today.AddDays(300));
        var demoId = await DemoPlanIdAsync();
        await using var context = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/");
        await Expect(page.Locator(".app-plan")).ToContainTextAsync(running);

        await Switcher(page).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = DemoName }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/plannen/{demoId}");
        await Expect(page.Locator(".app-plan")).ToContainTextAsync(DemoName);
        await Expect(page).ToHaveTitleAsync($"Overzicht – {DemoName} – Voortgangsdashboard");
        // The navigation keeps to the plan in view.
        await Expect(page.Locator("#main-navigation a", new() { HasText = "Bijpraatsessies" })).ToHaveAttributeAsync("href", $"plannen/{demoId}/bijpraatsessies");

        // By keyboard: back to the running plan from the list, then to the old plan again.
        await page.GotoInteractiveAsync(app.BaseUrl + "/");
        await Switcher(page).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var item = page.GetByRole(AriaRole.Menuitem, new() { Name = DemoName });
        await Expect(item).ToBeVisibleAsync();
        // The arrow keys walk the menu's items (the running plan comes first, as the current plan).
        for (var i = 0; i < 5 && !await item.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"); i++)
        {
            // Each key press moves the focus once; wait for it to move before looking again, so a slow machine does not overshoot.
            var before = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML ?? ''");
            await page.Keyboard.PressAsync("ArrowDown");
            await page.WaitForFunctionAsync("b => (document.activeElement?.outerHTML ?? '') !== b", before);
        }
        await Expect(item).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync($"{app.BaseUrl}/plannen/{demoId}");
        await Expect(page.Locator(".app-plan")).ToContainTextAsync(DemoName);
    }

    [SkippableFact]
    public async Task ArchivedPlan_LeavesTheSwitcherAndTheList_ButOpensAtItsAddress()
    {
        var name = $"Gearchiveerd plan {Guid.NewGuid():N}"[..30];
        var id = await AddPlanAsync(name, new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31));
        var archived = await app.Get<PlanEditor>().ArchiveAsync(Admin, new ArchivePlanCommand(id, 0, true));
        Assert.True(archived.Succeeded, archived.Message);
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();

        await page.GotoInteractiveAsync(app.BaseUrl + "/plannen");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoName })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = name })).ToHaveCountAsync(0);
        await Switcher(page).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = DemoName })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = name })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        await page.GetByRole(AriaRole.Switch, new() { Name = "Gearchiveerde plannen tonen" }).Or(page.GetByLabel("Gearchiveerde plannen tonen")).First.CheckAsync();
        await Expect(page.Locator($".plan-item[data-plan='{id}'] .plan-state")).ToHaveTextAsync("Gearchiveerd");

        await page.GotoInteractiveAsync($"{app.BaseUrl}/plannen/{id}");
        await Expect(page.Locator(".plan-header .plan-name")).ToHaveTextAsync(name);
        await Expect(page.Locator(".plan-archived")).ToContainTextAsync("Dit plan is gearchiveerd.");
    }

    [SkippableFact]
    public async Task ACouncilMember_SeesThePlans_ButNoSetUpButtons()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/plannen");

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = DemoName })).ToBeVisibleAsync();
        foreach (var label in new[] { "Plan aanmaken", "Plan bewerken", "Archiveren", "Terugzetten", "Vervolgplan maken" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = label })).ToHaveCountAsync(0);
        }
    }

    [SkippableFact]
    public async Task PlanDialogs_ValidationAndSwitcher_PassTheAccessibilityCheck()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/plannen");
        await page.ScreenshotAsync("plans-list");
        var dialog = page.GetByRole(AriaRole.Dialog);

        await page.GetByRole(AriaRole.Button, new() { Name = "Plan aanmaken" }).ClickAsync();
        await page.AssertAccessibleAsync("plan dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog.GetByText("Naam is verplicht.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("plan dialog with validation errors");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        await page.Locator($".plan-item[data-plan='{await DemoPlanIdAsync()}']")
            .GetByRole(AriaRole.Button, new() { Name = "Vervolgplan maken" }).ClickAsync();
        await Expect(dialog.GetByLabel("Naam")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("follow-up dialog");
        await page.ScreenshotAsync("follow-up-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The demo plan, which this manager edits (another test's plan need not be theirs).
        await page.Locator($".plan-item[data-plan='{await DemoPlanIdAsync()}']")
            .GetByRole(AriaRole.Button, new() { Name = "Archiveren" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("blijft leesbaar");
        await page.AssertAccessibleAsync("archive confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();

        await Switcher(page).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Alle plannen" })).ToBeVisibleAsync();
        // Measure the colours once the menu has faded in.
        await page.WaitUntilAsync("[...document.querySelectorAll('.mud-popover-open')].every(p => getComputedStyle(p).opacity === '1')", "the menu is shown");
        await page.AssertAccessibleAsync("plan switcher");
    }

    [SkippableFact]
    public async Task UnknownPlan_ShowsNotFound()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/plannen/999999");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pagina niet gevonden" })).ToBeVisibleAsync();
    }
}
