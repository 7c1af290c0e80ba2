using Bunit;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class MilestoneTimelineTests : ComponentTestBase
{
    private static MilestoneView M(int id, string title, Status state, DateOnly due, DateOnly? original = null,
        DateOnly? done = null, bool overdue = false, string? reason = null) =>
        new(id, title, due, original ?? due, done, state, reason, id, overdue, (original ?? due) < due, 1);

    [Fact]
    public void Timeline_ShowsEachMilestoneInOrderWithItsState()
    {
        var cut = Render<MilestoneTimeline>(p => p.Add(c => c.Milestones, new[]
        {
            M(1, "Analyse", Status.Done, new DateOnly(2022, 6, 30), done: new DateOnly(2022, 6, 21)),
            M(2, "Opleiding", Status.Delayed, new DateOnly(2023, 3, 1), original: new DateOnly(2022, 12, 1)),
            M(3, "Plan", Status.NotStarted, new DateOnly(2023, 1, 31), overdue: true),
        }));

        var items = cut.FindAll("ol.milestone-timeline > li");
        Assert.Equal(["Analyse", "Opleiding", "Plan"], items.Select(i => i.QuerySelector(".milestone-title")!.TextContent));
        Assert.Equal(["Gereed", "Vertraagd", "Niet gestart"], items.Select(i => i.QuerySelector("[data-status]")!.TextContent.Trim()));
        Assert.Contains("Gereed op 21-06-2022", items[0].TextContent);
    }

    [Fact]
    public void Timeline_ShowsSlippageWithOldAndNewDate()
    {
        var cut = Render<MilestoneTimeline>(p => p.Add(c => c.Milestones, new[]
        {
            M(2, "Opleiding", Status.Delayed, new DateOnly(2023, 3, 1), original: new DateOnly(2022, 12, 1)),
        }));

        Assert.Contains("Verschoven van 01-12-2022 naar 01-03-2023", cut.Find(".slipped").TextContent);
        Assert.Empty(cut.FindAll(".overdue"));
    }

    [Fact]
    public void Timeline_MarksOverdueMilestones_InWordsNotOnlyColour()
    {
        var cut = Render<MilestoneTimeline>(p => p.Add(c => c.Milestones, new[]
        {
            M(3, "Plan", Status.NotStarted, new DateOnly(2023, 1, 31), overdue: true),
            M(4, "Later", Status.NotStarted, new DateOnly(2023, 12, 31)),
        }));

        var overdue = Assert.Single(cut.FindAll(".milestone.is-overdue"));
        Assert.Contains("Over tijd", overdue.TextContent);
    }

    [Fact]
    public void Timeline_ShowsWhyAMilestoneWasCancelled()
    {
        var cut = Render<MilestoneTimeline>(p => p.Add(c => c.Milestones, new[]
        {
            M(5, "Bijstand", Status.Cancelled, new DateOnly(2023, 5, 1), reason: "De buurgemeente heeft te weinig boa's."),
        }));

        Assert.Contains("Vervallen", cut.Find("[data-status]").TextContent);
        Assert.Contains("De buurgemeente heeft te weinig boa's.", cut.Find(".milestone-reason").TextContent);
    }

    [Fact]
    public void Timeline_WithoutMilestones_SaysSo()
    {
        var cut = Render<MilestoneTimeline>(p => p.Add(c => c.Milestones, Array.Empty<MilestoneView>()));

        Assert.Contains("Er zijn nog geen mijlpalen.", cut.Markup);
    }

    [Fact]
    public void ACarriedOverMilestone_SaysWhereItCameFrom_WithALinkThere()
    {
        var carried = M(1, "Opleiding", Status.NotStarted, new DateOnly(2024, 3, 1)) with
        {
            CarriedOverFrom = new MilestoneOrigin(12, "Jaarplan 2022-2023"),
        };
        var cut = Render<MilestoneTimeline>(p => p.Add(c => c.Milestones, new[] { carried, M(2, "Nieuw", Status.NotStarted, new DateOnly(2024, 4, 1)) }));

        var items = cut.FindAll("ol.milestone-timeline > li");
        var link = items[0].QuerySelector(".milestone-origin a")!;
        Assert.Equal("Overgenomen uit Jaarplan 2022-2023", link.TextContent);
        Assert.Equal("speerpunten/12", link.GetAttribute("href"));
        Assert.Null(items[1].QuerySelector(".milestone-origin"));
    }
}
