using Bunit;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Presentation;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Presentation;

[Trait("Category", "Fast")]
public class ChangesSlideTests : ComponentTestBase
{
    private static readonly DateOnly October = new(2022, 10, 11);
    private static readonly DateOnly February = new(2023, 2, 14);

    private static BriefingDetail Detail(IReadOnlyList<PlanChange> planChanges, SpearpointChanges changes) => new(
        new PlanHeader(1, "Jaarplan", "Gemeente", new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31), false),
        new BriefingHeader(2, 1, February, "Tweede", "Raad", "", "", 1, [new AgendaSpearpoint(10, "SP1", "Nieuw")]),
        new ReferencePoint(February, true, DashboardClock.StartOfDayUtc(February.AddDays(1))),
        false,
        new BriefingRef(1, October, "Eerste"),
        null,
        [new SpearpointBrief(new SpearpointSummary(10, 1, SpearpointKind.Development, "SP1", "Nieuw", 1, null, new MilestoneProgress(0, 0), null, 0, false, 1),
            "", [], [], changes)],
        planChanges);

    private static string Text(AngleSharp.Dom.IElement e) => string.Join(" ", e.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void PlanChanges_ComeFirst_AndEachSpearpointCountsItsIndicatorsAddedAndEnded()
    {
        var cut = Render<ChangesSlide>(p => p.Add(c => c.Detail, Detail(
            [
                new PlanChange(PlanChangeKind.Renamed, 10, SpearpointKind.Development, "SP1", "Nieuw", "SP1", "Oud"),
                new PlanChange(PlanChangeKind.Ended, 11, SpearpointKind.Development, "SP3", "Gestopt", EndedAt: DateTime.UtcNow, Reason: "Opgegaan in SP1"),
            ],
            new SpearpointChanges(null, [], [], [], [new IndicatorChange(IndicatorChangeKind.Added, 7, "Nieuwe maat")]))));

        Assert.Equal(["Wijzigingen in het plan", "Per speerpunt"], cut.FindAll("h2").Select(h => h.TextContent));
        Assert.Equal("Speerpunt hernoemd: SP1 Oud →werd SP1 Nieuw", Text(cut.Find("[data-kind='SpearpointRenamed']")));
        Assert.Contains("Reden: Opgegaan in SP1", Text(cut.Find("[data-kind='SpearpointEnded']")));
        Assert.Contains("Indicator toegevoegd: 1", Text(cut.Find("li[data-spearpoint='10']:not([data-kind])")));
    }

    [Fact]
    public void WithoutPlanChanges_OnlyTheSpearpointLinesShow()
    {
        var cut = Render<ChangesSlide>(p => p.Add(c => c.Detail, Detail([], new SpearpointChanges(null, [], [], [], []))));

        Assert.Empty(cut.FindAll("h2"));
        Assert.Single(cut.FindAll("li"));
    }
}
