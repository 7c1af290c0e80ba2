using Dashboard.BrowserTests.Support;
using Dashboard.ClusterTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.ClusterTests;

/// <summary>
/// Two instances behind nginx serve one live dashboard: a save on one shows on a screen held on the other, a presenter
/// on one moves a follower on the other, and when one is killed its screens come back on the survivor with nothing lost.
/// Each page is pinned to its instance by nginx's route cookie, which also tells which instance answered it.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Cluster")]
public sealed class ClusterBrowserTests(Cluster cluster, ITestOutputHelper output)
{
    private string BaseUrl => cluster.BaseUrl;

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    /// <summary>A page of a pinned, signed-in context, interactive, served by the instance it is pinned to.</summary>
    private async Task<IPage> OpenAsync(IBrowserContext context, string path, Instance expected)
    {
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(BaseUrl + path);
        Assert.Equal(expected.Name, await cluster.RouteAsync(context));
        return page;
    }

    /// <summary>A status update through the real dialog, acknowledged: the dialog closes and the history shows it.</summary>
    private static async Task SaveStatusAsync(IPage page, string explanation)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Status bijwerken" }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByRole(AriaRole.Radio, new() { Name = "Vertraagd" }).CheckAsync();
        await dialog.GetByLabel("Toelichting").FillAsync(explanation);
        await dialog.GetByLabel("Oorzaak").FillAsync("Twee roosteraars zijn ziek.");
        await dialog.GetByLabel("Gevolg").FillAsync("Het nieuwe rooster start later.");
        await dialog.GetByLabel("Bijsturing").FillAsync("Een roosteraar van V&L helpt tijdelijk.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".status-history li").First).ToContainTextAsync(explanation);
    }

    /// <summary>A mark in the page's JavaScript that only a reload removes.</summary>
    private static Task MarkAsync(IPage page) => page.EvaluateAsync("() => window.heldOpen = true");

    private static Task<bool> StillHeldOpenAsync(IPage page) => page.EvaluateAsync<bool>("() => window.heldOpen === true");

    [SkippableFact]
    public async Task AManagersSaveOnOneInstance_ShowsWithoutReload_OnAPageHeldOnTheOther()
    {
        cluster.SkipIfMissing();
        var id = await cluster.SpearpointIdAsync("SP2");
        // Signed in through nginx on app1, just now.
        await using var managerContext = await cluster.SignedInContextAsync(DashboardRoles.Manager, cluster.App1, signInNow: true);
        // A presenter sees live; the demo plan's council sees its released rapportages.
        await using var viewerContext = await cluster.SignedInContextAsync(DashboardRoles.Presenter, cluster.App2);
        var manager = await OpenAsync(managerContext, $"/speerpunten/{id}", cluster.App1);
        var viewer = await OpenAsync(viewerContext, $"/speerpunten/{id}", cluster.App2);
        var overview = await OpenAsync(viewerContext, "/", cluster.App2);
        await MarkAsync(viewer);
        await MarkAsync(overview);

        await SaveStatusAsync(manager, "Op app1 opgeslagen, op app2 gezien.");

        await Expect(viewer.Locator("h1 ~ .card-badges [data-status]").First).ToHaveTextAsync("Vertraagd");
        await Expect(viewer.Locator(".status-history li").First).ToContainTextAsync("Op app1 opgeslagen, op app2 gezien.");
        var card = overview.Locator(".spearpoint-card").Filter(new() { Has = overview.GetByRole(AriaRole.Link, new() { Name = "Vergroten van de flexibiliteit", Exact = true }) });
        await Expect(card.Locator("[data-status]").First).ToHaveTextAsync("Vertraagd");
        Assert.True(await StillHeldOpenAsync(viewer));
        Assert.True(await StillHeldOpenAsync(overview));
        Assert.Equal("app2", await cluster.RouteAsync(viewerContext));
    }

    [SkippableFact]
    public async Task APresenterOnOneInstance_MovesAFollowerOnTheOther()
    {
        cluster.SkipIfMissing();
        await using var presenterContext = await cluster.SignedInContextAsync(DashboardRoles.Presenter, cluster.App1);
        await using var followerContext = await cluster.SignedInContextAsync(DashboardRoles.CouncilMember, cluster.App2);
        var presenter = await OpenAsync(presenterContext, "/presentatie?dia=2", cluster.App1);
        await Expect(presenter.Locator(".presentation")).ToBeFocusedAsync();
        await Expect(presenter.Locator(".slide-number")).ToHaveTextAsync("Dia 2 van 6");
        var follower = await OpenAsync(followerContext, "/presentatie/volgen", cluster.App2);
        await Expect(follower.Locator(".slide-number")).ToHaveTextAsync("Dia 2 van 6");
        await MarkAsync(follower);

        await presenter.Keyboard.PressAsync("ArrowRight");
        await Expect(presenter.Locator(".slide-number")).ToHaveTextAsync("Dia 3 van 6");

        await Expect(follower.Locator(".slide-number")).ToHaveTextAsync("Dia 3 van 6");
        await Expect(follower.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Vergroten van de flexibiliteit");
        await presenter.Keyboard.PressAsync("End");
        await Expect(follower.Locator(".slide-number")).ToHaveTextAsync("Dia 6 van 6");
        Assert.True(await StillHeldOpenAsync(follower));
    }

    [SkippableFact]
    public async Task OneInstanceKilled_ItsScreensComeBackOnTheSurvivor_WithEveryAcknowledgedSave()
    {
        cluster.SkipIfMissing();
        var id = await cluster.SpearpointIdAsync("SP3");
        await using var managerContext = await cluster.SignedInContextAsync(DashboardRoles.Manager, cluster.App1);
        // A presenter sees live; the demo plan's council sees its released rapportages.
        await using var viewerContext = await cluster.SignedInContextAsync(DashboardRoles.Presenter, cluster.App2);
        var manager = await OpenAsync(managerContext, $"/speerpunten/{id}", cluster.App1);
        var viewer = await OpenAsync(viewerContext, $"/speerpunten/{id}", cluster.App2);
        await SaveStatusAsync(manager, "Opgeslagen op app1 vlak voor het einde.");
        await MarkAsync(manager);
        await MarkAsync(viewer);

        cluster.App1.Kill();
        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // The manager's circuit died with app1. Blazor reconnects through nginx, which passes it to app2 (the backup of
            // app1's route); app2 does not know the circuit, so the page reloads by itself, there.
            await manager.WaitUntilAsync("() => window.heldOpen === undefined", "the page of app1 reloaded on app2", 60_000);
            await manager.WaitForInteractiveAsync();
            output.WriteLine($"The page of app1 was interactive on app2 {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
            Assert.Equal("app2", await cluster.RouteAsync(managerContext));
            await Expect(manager.Locator(".status-history li").First).ToContainTextAsync("Opgeslagen op app1 vlak voor het einde.");
            // The viewer on app2 noticed nothing: the same circuit, no reload.
            Assert.True(await StillHeldOpenAsync(viewer));

            // Both screens now live on app2; a save after the kill shows on both.
            await SaveStatusAsync(manager, "Opgeslagen na het einde van app1.");
            await Expect(viewer.Locator(".status-history li").First).ToContainTextAsync("Opgeslagen na het einde van app1.");
            await Expect(viewer.Locator(".status-history li").Nth(1)).ToContainTextAsync("Opgeslagen op app1 vlak voor het einde.");
            Assert.True(await StillHeldOpenAsync(viewer));

            // A visitor whose route names app1 is served by app2 meanwhile, sign-in included.
            await using var newcomer = await cluster.SignedInContextAsync(DashboardRoles.CouncilMember, cluster.App1, signInNow: true);
            await OpenAsync(newcomer, $"/speerpunten/{id}", cluster.App2);

            // Every acknowledged save is in the database, once.
            await using var db = await cluster.DbAsync();
            var stored = await db.StatusUpdates.Where(u => u.SpearpointId == id).Select(u => u.Explanation).ToListAsync();
            Assert.Single(stored, e => e == "Opgeslagen op app1 vlak voor het einde.");
            Assert.Single(stored, e => e == "Opgeslagen na het einde van app1.");
        }
        finally
        {
            await cluster.App1.StartAsync();
        }

        // app1 is back and takes its route again; the screens that moved stay where their circuit is.
        await cluster.WaitUntilRoutedAsync(cluster.App1);
        await manager.ReloadAsync();
        await manager.WaitForInteractiveAsync();
        Assert.Equal("app2", await cluster.RouteAsync(managerContext));
    }
}
