using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>The presenter drives the big screen; followers on their own devices see the same slide, live.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public class PresentationBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    private static ILocator SlideNumber(IPage page) => page.Locator(".slide-number");

    private static async Task<IPage> PresentAsync(IBrowserContext context, AppServer app, string query = "")
    {
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/presentatie{query}");
        await Expect(page.Locator(".presentation")).ToBeFocusedAsync();
        return page;
    }

    [SkippableFact]
    public async Task ThePresenterAdvances_AndAFollowerInAnotherBrowserShowsTheSameSlide()
    {
        await using var presenterContext = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        await using var followerContext = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var presenter = await PresentAsync(presenterContext, app);
        await Expect(presenter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jaarplan handhaven openbare ruimte 2022-2023");
        await Expect(presenter.Locator("img.qr-code")).ToHaveAttributeAsync("alt", new Regex("presentatie/volgen"));
        var follower = await followerContext.NewPageAsync();
        await follower.GotoInteractiveAsync($"{app.BaseUrl}/presentatie/volgen");
        await Expect(SlideNumber(follower)).ToHaveTextAsync("Dia 1 van 6");

        await presenter.Keyboard.PressAsync("ArrowRight");
        await presenter.Keyboard.PressAsync("PageDown");

        await Expect(SlideNumber(presenter)).ToHaveTextAsync("Dia 3 van 6");
        await Expect(presenter).ToHaveURLAsync(new Regex("dia=3"));
        await Expect(SlideNumber(follower)).ToHaveTextAsync("Dia 3 van 6");
        await Expect(follower.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Vergroten van de flexibiliteit");
        await presenter.ScreenshotAsync("presentation-presenter");
        await follower.ScreenshotAsync("presentation-follower");

        // Followers can leave and browse on their own, and come back to the presenter.
        await follower.GetByRole(AriaRole.Button, new() { Name = "Zelf bladeren" }).ClickAsync();
        await follower.GetByRole(AriaRole.Button, new() { Name = "Volgende dia" }).ClickAsync();
        await Expect(SlideNumber(follower)).ToHaveTextAsync("Dia 4 van 6");
        await presenter.Keyboard.PressAsync("End");
        await Expect(SlideNumber(presenter)).ToHaveTextAsync("Dia 6 van 6");
        await Expect(SlideNumber(follower)).ToHaveTextAsync("Dia 4 van 6");
        await follower.GetByRole(AriaRole.Button, new() { Name = "Presentator volgen" }).ClickAsync();
        await Expect(SlideNumber(follower)).ToHaveTextAsync("Dia 6 van 6");
        await Expect(follower.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Samenvatting");
    }

    [SkippableFact]
    public async Task ClickerAndKeyboardKeys_MoveThroughTheSlides_AndEscapeLeaves()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        var page = await PresentAsync(context, app);

        await page.Keyboard.PressAsync("4");
        await Expect(SlideNumber(page)).ToHaveTextAsync("Dia 4 van 6");
        await page.Keyboard.PressAsync(" ");
        await Expect(SlideNumber(page)).ToHaveTextAsync("Dia 5 van 6");
        await page.Keyboard.PressAsync("PageUp");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(SlideNumber(page)).ToHaveTextAsync("Dia 3 van 6");
        await page.Keyboard.PressAsync("Home");
        await Expect(SlideNumber(page)).ToHaveTextAsync("Dia 1 van 6");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.scrollY"));

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
    }

    /// <summary>Sets the demo plan's Raad ziet for one test, and back when disposed.</summary>
    private async Task<IAsyncDisposable> CouncilSeesAsync(CouncilView view)
    {
        async Task SetAsync(CouncilView v)
        {
            await using var db = await app.Get<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
            await db.Plans.ExecuteUpdateAsync(p => p.SetProperty(x => x.CouncilSees, v));
        }
        await SetAsync(view);
        return new Restore(() => SetAsync(CouncilView.Released));
    }

    private sealed class Restore(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }

    [SkippableFact]
    public async Task AManagersSave_ShowsOnThePresentation_WithoutAReload()
    {
        // Presenting live is for a plan whose council sees the live state; the demo plan's council sees its rapportages.
        await using var live = await CouncilSeesAsync(CouncilView.Live);
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        var page = await PresentAsync(context, app, "?dia=4");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Verwachtingenmanagement");
        await Expect(page.Locator(".slide [data-status]").First).ToHaveTextAsync("Vertraagd");

        var sp3 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development.Single(s => s.Code == "SP3");
        var manager = await app.Get<UserDirectory>().ActorForAsync(await UserIdAsync(AppServer.Email(DashboardRoles.Manager)));
        var saved = await app.Get<StatusEditor>().SaveStatusAsync(manager,
            new StatusCommand(sp3.PlanId, sp3.Id, sp3.Version, Status.OnTrack, "De meting is gedaan, tijdens de sessie bijgewerkt."));
        Assert.True(saved.Succeeded);

        await Expect(page.Locator(".slide [data-status]").First).ToHaveTextAsync("Op koers");
        await Expect(page.Locator(".slide-explanation")).ToContainTextAsync("tijdens de sessie bijgewerkt");
        await Expect(page.Locator(".just-updated-badge")).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task ACouncilMember_SeesTheSlides_ButDoesNotMoveTheFollowers()
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.CouncilMember);
        var before = (await app.Get<PresentationHub>().CurrentAsync());
        var page = await PresentAsync(context, app, "?dia=2");

        await Expect(page.GetByText("U bekijkt de dia's alleen voor uzelf")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(SlideNumber(page)).ToHaveTextAsync("Dia 3 van 6");
        Assert.Equal(before, (await app.Get<PresentationHub>().CurrentAsync()));
    }

    [SkippableFact]
    public async Task APastBriefing_IsPresentedAsItStoodOnItsDate_WithWhatChangedSinceTheOneBefore()
    {
        int february;
        await using (var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<Dashboard.Data.DashboardDbContext>>().CreateDbContextAsync())
        {
            february = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Briefings.Where(b => b.Date == new DateOnly(2023, 2, 14)).Select(b => b.Id));
        }
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Presenter);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync($"{app.BaseUrl}/bijpraatsessies/{february}");

        await page.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Presenteren" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("inhoudelijke speerpunten");
        await Expect(page.Locator(".slide-reference")).ToContainTextAsync("Stand op 14 februari 2023");
        // Title, six spearpoints, a Vragen slide after each of the three with public questions, what changed, the summary.
        await Expect(SlideNumber(page)).ToHaveTextAsync("Dia 1 van 12");
        // The slide shows while prerendered; the keys work once the circuit is up (on a loaded machine, a moment later).
        await page.WaitForInteractiveAsync();
        // Reds first: SP4 was Vertraagd on 14 February 2023.
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Versterken van het team");
        await Expect(page.Locator(".slide [data-status]").First).ToHaveTextAsync("Vertraagd");
        // SP4's only question is not public: no Vragen slide follows it.
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("IS2");
        // SP2 is slide 5; its Vragen slide comes next.
        await page.Keyboard.PressAsync("5");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vragen: SP2 Vergroten van de flexibiliteit");
        await Expect(page.Locator(".slide-question")).ToContainTextAsync("roostermodel");
        await Expect(page.Locator(".slide-question .question-state")).ToHaveTextAsync("Beantwoord");
        await page.ScreenshotAsync("presentation-questions");
        await page.AssertAccessibleAsync("presentation questions slide");
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wat is er veranderd sinds de bijpraatsessie van 11 oktober 2022");
        await Expect(page.Locator(".changes-lines li").Filter(new() { HasText = "SP3" })).ToContainTextAsync("Geen voortgangsbericht sinds de vorige bijpraatsessie");
        await page.ScreenshotAsync("presentation-changes");
        await page.Keyboard.PressAsync("End");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Samenvatting");
        await page.AssertAccessibleAsync("presentation summary slide");
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DashboardUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }
}
