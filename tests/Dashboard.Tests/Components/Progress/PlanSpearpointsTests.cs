using Bunit;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Progress;

/// <summary>The overview's spearpoints on the real services: reorder, ended ones, Mijn speerpunten, and the plan followed live.</summary>
[Trait("Category", "Fast")]
public class PlanSpearpointsTests : AppComponentTestBase
{
    private async Task<IRenderedComponent<PlanSpearpoints>> RenderOverviewAsync(DateOnly? referenceDate = null)
    {
        var model = (await App.Get<DashboardQueries>().GetOverviewAsync(null, referenceDate))!;
        return Render<PlanSpearpoints>(p => p.Add(c => c.Model, model));
    }

    private static string[] Codes(IRenderedComponent<PlanSpearpoints> cut, string section) =>
        cut.FindAll($"{section} .card-code").Select(e => e.TextContent).ToArray();

    [Fact]
    public async Task ReorderButtons_AreNamedForTheirSpearpoint_AndMoveItWithinItsKind()
    {
        await StartAsync();
        var cut = await RenderOverviewAsync();
        Assert.Equal(["SP1", "SP2", "SP3", "SP4"], Codes(cut, "[data-kind=Development]"));

        var up = cut.FindAll("button[aria-label]").Single(b => b.GetAttribute("aria-label") == "SP2 omhoog");
        Assert.Single(cut.FindAll("button[aria-label]"), b => b.GetAttribute("aria-label") == "IS2 omlaag");
        up.Click();

        cut.WaitForAssertion(() => Assert.Equal(["SP2", "SP1", "SP3", "SP4"], Codes(cut, "[data-kind=Development]")));
        Assert.Equal(["IS1", "IS2"], Codes(cut, "[data-kind=Substantive]"));
    }

    [Fact]
    public async Task ASpearpointEndedElsewhere_MovesToTheEndedSection_WithItsDateAndReason()
    {
        await StartAsync();
        var cut = await RenderOverviewAsync();
        Assert.Empty(cut.FindAll(".ended-spearpoints"));
        var sp3 = (await App.Get<DashboardQueries>().GetSpearpointAsync(await App.SpearpointIdAsync("SP3"), null))!.Summary;

        await App.Get<SpearpointEditor>().EndAsync(await ActorAsync(), new EndSpearpointCommand(sp3.PlanId, sp3.Id, sp3.Version, "Opgegaan in SP1."));

        cut.WaitForAssertion(() => Assert.Equal(["SP3"], Codes(cut, ".ended-spearpoints")));
        Assert.Equal(["SP1", "SP2", "SP4"], Codes(cut, "[data-kind=Development]"));
        var card = cut.Find(".ended-spearpoints .spearpoint-card");
        Assert.Contains("Beëindigde speerpunten", cut.Find("#ended-heading").TextContent);
        Assert.Contains("Beëindigd", card.QuerySelector(".ended-chip")!.TextContent);
        Assert.Equal("Beëindigd op 24-11-2026: Opgegaan in SP1.", card.QuerySelector(".card-ended")!.TextContent);
        Assert.Empty(card.QuerySelectorAll("button")); // an ended spearpoint is not edited
    }

    [Fact]
    public async Task ASpearpointAddedElsewhere_Appears_AndTheUnchangedCardsDoNotRenderAgain()
    {
        await StartAsync();
        var cut = await RenderOverviewAsync();
        var cards = cut.FindComponents<LiveSpearpointCard>().ToDictionary(c => c.Instance.Spearpoint.Code);
        var renders = cards.ToDictionary(c => c.Key, c => c.Value.RenderCount);
        var planId = cards["SP1"].Instance.Spearpoint.PlanId;

        var result = await App.Get<SpearpointEditor>().AddAsync(await ActorAsync(),
            new AddSpearpointCommand(planId, "IS3", "Zwerfafval rond scholen", "", SpearpointKind.Substantive, null));
        Assert.True(result.Succeeded);

        cut.WaitForAssertion(() => Assert.Equal(["IS1", "IS2", "IS3"], Codes(cut, "[data-kind=Substantive]")));
        Assert.All(cards, c => Assert.Equal(renders[c.Key], c.Value.RenderCount));
        Assert.Equal(1, App.Get<LiveUpdates>().PlanSubscriberCount(planId));

        await DisposeComponentsAsync();
        Assert.Equal(0, App.Get<LiveUpdates>().PlanSubscriberCount(planId));
    }

    [Fact]
    public async Task MySpearpoints_ShowsOnlyThoseTheSignedInManagerOwns()
    {
        await StartAsync();
        var sp2 = (await App.Get<DashboardQueries>().GetSpearpointAsync(await App.SpearpointIdAsync("SP2"), null))!;
        await App.Get<SpearpointEditor>().EditAsync(await ActorAsync(), new EditSpearpointCommand(sp2.Plan.Id, sp2.Summary.Id,
            sp2.Summary.Version, "SP2", sp2.Summary.Title, sp2.Description, sp2.Summary.Kind, UserId));
        var cut = await RenderOverviewAsync();
        var toggle = cut.Find(".my-spearpoints-toggle");
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.Equal("Manager Test", cut.Find($"[data-spearpoint='{sp2.Summary.Id}'] .card-owner").TextContent); // the owner by name

        toggle.Click();

        Assert.Equal("true", cut.Find(".my-spearpoints-toggle").GetAttribute("aria-pressed"));
        Assert.Equal(["SP2"], Codes(cut, "[data-kind=Development]"));
        Assert.Empty(Codes(cut, "[data-kind=Substantive]"));
        Assert.Contains("geen van deze speerpunten", cut.Find("[data-kind=Substantive]").TextContent);
    }

    [Fact]
    public async Task AManagerWhoIsNoRedacteur_IsOfferedOnlyTheStatusOfTheSpearpointTheyOwn_AndNoSetUp()
    {
        await StartAsync();
        var sp2 = (await App.Get<DashboardQueries>().GetSpearpointAsync(await App.SpearpointIdAsync("SP2"), null))!;
        await App.Get<SpearpointEditor>().EditAsync(await ActorAsync(), new EditSpearpointCommand(sp2.Plan.Id, sp2.Summary.Id,
            sp2.Summary.Version, "SP2", sp2.Summary.Title, sp2.Description, sp2.Summary.Kind, UserId));
        await using (var db = App.CreateDb())
        {
            // Another team's plan for this manager: no longer one of its redacteuren.
            db.PlanEditors.RemoveRange(db.PlanEditors.Where(e => e.UserId == UserId));
            await db.SaveChangesAsync();
        }

        var cut = await RenderOverviewAsync();

        var offered = cut.FindAll(".spearpoint-card").Where(c => c.QuerySelectorAll("button").Any(b => b.TextContent.Contains("Status bijwerken")))
            .Select(c => c.QuerySelector(".card-code")!.TextContent);
        Assert.Equal(["SP2"], offered);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Speerpunt toevoegen"));
        Assert.Empty(cut.FindAll("button.move-up, button.move-down"));
    }

    [Fact]
    public async Task ACouncilMember_GetsNoSetUpButtons_AndNoFilter()
    {
        await StartAsync(DashboardRoles.CouncilMember, "Raadslid Test");
        var cut = await RenderOverviewAsync();

        Assert.NotEmpty(Codes(cut, "[data-kind=Development]"));
        Assert.Empty(cut.FindAll("button"));
    }

    [Fact]
    public async Task OnAPastReferenceDate_NothingIsFollowedOrEdited()
    {
        await StartAsync();
        var cut = await RenderOverviewAsync(new DateOnly(2022, 12, 1));

        Assert.Empty(cut.FindAll(".add-spearpoint"));
        Assert.Empty(cut.FindAll(".move-up"));
        Assert.Equal(0, App.Get<LiveUpdates>().PlanSubscriberCount(cut.Instance.Model.Plan.Id));
    }
}
