using System.Security.Claims;
using Bunit;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Dashboard.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Presentation;

/// <summary>The presenter's page on the real services: keys move the slide, the address and the followers.</summary>
[Trait("Category", "Fast")]
public class PresentationPageTests : ComponentTestBase
{
    private async Task<TestApp> StartAsync(string role)
    {
        var app = await TestApp.InMemoryAsync();
        var id = await app.CreateUserAsync($"{role}@gemeente.test", role);
        foreach (var type in new[] { typeof(DashboardQueries), typeof(BriefingQueries), typeof(PresentationQueries), typeof(PresentationHub), typeof(CouncilReads),
                     typeof(LiveUpdates), typeof(UserDirectory), typeof(DashboardClock), typeof(EditorKit) })
        {
            Services.AddSingleton(type, app.Services.GetRequiredService(type));
        }
        Services.AddSingleton<TimeProvider>(app.Time);
        Services.AddScoped<CurrentActor>();
        var auth = AddAuthorization();
        auth.SetAuthorized(role);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        // An interactive circuit, as on the big screen (set last: it starts the service provider).
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return app;
    }

    private static string SlideNumber(IRenderedComponent<Dashboard.Components.Presentation.PresentationPage> page) => page.Find(".slide-number").TextContent;

    [Fact]
    public async Task Keys_MoveThroughTheSlides_AndThePresentersSlideReachesTheFollowers()
    {
        await using var app = await StartAsync(DashboardRoles.Presenter);
        var hub = app.Get<PresentationHub>();
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("presentatie");

        var page = Render<Dashboard.Components.Presentation.PresentationPage>();
        page.WaitForAssertion(() => Assert.Equal("Dia 1 van 6", SlideNumber(page)));
        var deck = page.Find(".presentation");

        deck.KeyDown(key: "ArrowRight");
        deck.KeyDown(key: "PageDown");
        page.WaitForAssertion(() => Assert.Equal("Dia 3 van 6", SlideNumber(page)));
        Assert.Equal(2, (await hub.CurrentAsync())!.Slide);
        Assert.EndsWith("presentatie?dia=3", nav.Uri);

        deck.KeyDown(key: "End");
        page.WaitForAssertion(() => Assert.Equal("Dia 6 van 6", SlideNumber(page)));
        Assert.Contains("Samenvatting", page.Find("h1").TextContent);
        deck.KeyDown(key: "2");
        page.WaitForAssertion(() => Assert.Equal("Dia 2 van 6", SlideNumber(page)));
        Assert.Contains("Informatiegestuurd werken", page.Find("h1").TextContent);
        deck.KeyDown(key: "Home");
        page.WaitForAssertion(() => Assert.Equal("Dia 1 van 6", SlideNumber(page)));
        Assert.Equal(0, (await hub.CurrentAsync())!.Slide);
    }

    [Fact]
    public async Task AReleasedRapportage_ReplacesTheDeckOnTheOpenScreen_WithoutAReload()
    {
        await using var app = await StartAsync(DashboardRoles.Presenter);
        Services.GetRequiredService<NavigationManager>().NavigateTo("presentatie");
        var page = Render<Dashboard.Components.Presentation.PresentationPage>();
        // The demo plan's council sees its rapportages: the room sees the latest released one, of 14 February 2023.
        page.WaitForAssertion(() => Assert.Contains("14 februari 2023", page.Find(".slide").TextContent));

        await using var db = app.CreateDb();
        var waiting = await db.Reports.SingleAsync(r => r.State == ReportState.Submitted);
        var releaser = new Actor("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-vera");
        await app.AccountsForAsync(releaser);
        var released = await app.Get<ReportEditor>().ReleaseAsync(releaser, new ReportStepCommand(waiting.PlanId, waiting.Id, waiting.Version));
        Assert.True(released.Succeeded, released.Message);

        page.WaitForAssertion(() => Assert.Contains("31 december 2023", page.Find(".slide").TextContent));
    }

    [Fact]
    public async Task ModifiedKeys_AreLeftToTheBrowser()
    {
        await using var app = await StartAsync(DashboardRoles.Presenter);
        Services.GetRequiredService<NavigationManager>().NavigateTo("presentatie");

        var page = Render<Dashboard.Components.Presentation.PresentationPage>();
        page.WaitForAssertion(() => Assert.Equal("Dia 1 van 6", SlideNumber(page)));
        page.Find(".presentation").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight", CtrlKey = true });

        Assert.Equal("Dia 1 van 6", SlideNumber(page));
    }

    [Fact]
    public async Task ACouncilMember_BrowsesTheSlides_WithoutMovingTheFollowers()
    {
        await using var app = await StartAsync(DashboardRoles.CouncilMember);
        Services.GetRequiredService<NavigationManager>().NavigateTo("presentatie?dia=2");

        var page = Render<Dashboard.Components.Presentation.PresentationPage>();
        page.WaitForAssertion(() => Assert.Equal("Dia 2 van 6", SlideNumber(page)));
        page.Find(".presentation").KeyDown(key: "ArrowRight");

        page.WaitForAssertion(() => Assert.Equal("Dia 3 van 6", SlideNumber(page)));
        Assert.Null((await app.Get<PresentationHub>().CurrentAsync()));
    }

    [Fact]
    public async Task TheSlideInTheAddress_IsWhereTheScreenComesBackTo()
    {
        await using var app = await StartAsync(DashboardRoles.Presenter);
        Services.GetRequiredService<NavigationManager>().NavigateTo("presentatie?dia=5");

        var page = Render<Dashboard.Components.Presentation.PresentationPage>();

        page.WaitForAssertion(() => Assert.Equal("Dia 5 van 6", SlideNumber(page)));
        Assert.Equal(4, (await app.Get<PresentationHub>().CurrentAsync())!.Slide);
    }
}
