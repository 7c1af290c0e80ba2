using Bunit;
using Dashboard.Common;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class SpearpointCardTests : ComponentTestBase
{
    private static SpearpointSummary Summary(
        Status status = Status.NeedsAttention,
        int overdue = 2,
        bool stale = false,
        string explanation = "De OR heeft om meer tijd gevraagd.") => new(
        Id: 7, PlanId: 1, Kind: SpearpointKind.Development, Code: "SP2", Title: "Vergroten van de flexibiliteit", SortOrder: 2,
        Latest: new LatestUpdate(status, explanation, "Oorzaak", "Gevolg", "Bijsturing", "Interim-manager HOR",
            new DateTime(2022, 9, 27, 12, 0, 0, DateTimeKind.Utc)),
        Progress: new MilestoneProgress(3, 5),
        Next: new NextMilestone("Pilot extra avond- en weekendinzet", new DateOnly(2023, 3, 1), false),
        OverdueCount: overdue,
        NotRecentlyUpdated: stale,
        Version: 4);

    [Fact]
    public void Card_ShowsStatusAsWordIconAndColour()
    {
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary()));

        var chip = cut.Find("[data-status]");
        Assert.Equal("NeedsAttention", chip.GetAttribute("data-status"));
        Assert.Contains("Aandachtspunt", chip.TextContent);
        Assert.NotNull(chip.QuerySelector("svg"));
        Assert.Contains("mud-chip-color-warning", chip.ClassName);
    }

    [Fact]
    public void Card_ShowsProgressNextMilestoneOverdueAndLatestExplanation()
    {
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary()));

        Assert.Contains("3 van 5 mijlpalen gereed", cut.Markup);
        Assert.Equal("60", cut.Find("[role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Contains("Pilot extra avond- en weekendinzet", cut.Markup);
        Assert.Contains("01-03-2023", cut.Markup);
        Assert.Contains("2 mijlpalen", cut.Find(".overdue").TextContent);
        Assert.Contains("27-09-2022", cut.Markup);
        Assert.Equal("De OR heeft om meer tijd gevraagd.", cut.Find(".card-explanation").TextContent);
        Assert.Equal("speerpunten/7", cut.Find("h3 a").GetAttribute("href"));
    }

    [Theory]
    [InlineData(1, "1 mijlpaal")]
    [InlineData(3, "3 mijlpalen")]
    public void Card_CountsOverdueMilestones_InTheSingularOrPlural(int overdue, string text)
    {
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary(overdue: overdue) with { Progress = new MilestoneProgress(0, 1) }));

        Assert.Equal(text, cut.Find(".overdue").TextContent.Trim());
        Assert.Contains("0 van 1 mijlpaal gereed", cut.Markup);
    }

    [Fact]
    public void Card_FlagsNotRecentlyUpdated_OnlyWhenStale()
    {
        var fresh = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary(stale: false)));
        var stale = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary(stale: true)));

        Assert.Empty(fresh.FindAll(".not-recent"));
        Assert.Contains("Niet recent bijgewerkt", stale.Find(".not-recent").TextContent);
    }

    [Fact]
    public void Card_RendersStoredTextAsText_NeverAsMarkup()
    {
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary(explanation: "<script>alert(1)</script><b>vet</b>")));

        Assert.Empty(cut.FindAll(".card-explanation script"));
        Assert.Empty(cut.FindAll(".card-explanation b"));
        Assert.Equal("<script>alert(1)</script><b>vet</b>", cut.Find(".card-explanation").TextContent);
    }

    [Fact]
    public void Card_WithAReferenceDate_LinksToTheSpearpointOnThatDate()
    {
        var reference = new ReferencePoint(new DateOnly(2022, 10, 11), true, DateTime.UtcNow);
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, Summary()).Add(c => c.Reference, reference));

        Assert.Equal("speerpunten/7?peildatum=2022-10-11", cut.Find("h3 a").GetAttribute("href"));
    }

    [Fact]
    public void Card_NamesTheOwnerAndAnEndedSpearpoint_WithTheirLabels()
    {
        var ended = Summary() with { Owner = "Jan de Vries", EndedAt = new DateTime(2023, 1, 10, 12, 0, 0, DateTimeKind.Utc), EndReason = "Opgenomen in SP1" };
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, ended));

        Assert.Equal("Jan de Vries", cut.Find(".card-owner").TextContent);
        Assert.Equal("Eigenaar", cut.Find(".card-owner").PreviousElementSibling!.TextContent);
        Assert.Contains("Beëindigd", cut.Find(".ended-chip").TextContent);
        Assert.NotNull(cut.Find(".ended-chip svg[aria-hidden=true]"));
        Assert.Contains("Opgenomen in SP1", cut.Find(".card-ended").TextContent);
    }

    [Fact]
    public void Card_ProgressBar_IsNamedByItsText_AndFilledToThePercentage()
    {
        var third = Summary() with { Progress = new MilestoneProgress(1, 3) };
        var cut = Render<SpearpointCard>(p => p.Add(c => c.Spearpoint, third));

        var bar = cut.Find("[role=progressbar]");
        Assert.Equal("1 van 3 mijlpalen gereed", bar.GetAttribute("aria-label"));
        Assert.Equal("1 van 3 mijlpalen gereed", bar.GetAttribute("aria-valuetext"));
        Assert.Equal("0", bar.GetAttribute("aria-valuemin"));
        Assert.Equal("100", bar.GetAttribute("aria-valuemax"));
        Assert.StartsWith("33.33", bar.GetAttribute("aria-valuenow"));
        Assert.StartsWith("transform: translateX(-66.66", cut.Find(".mud-progress-linear-bar").GetAttribute("style"));
    }
}
