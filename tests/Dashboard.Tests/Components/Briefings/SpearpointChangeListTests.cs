using Bunit;
using Dashboard.Briefings;
using Dashboard.Components.Briefings;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Briefings;

[Trait("Category", "Fast")]
public class SpearpointChangeListTests : ComponentTestBase
{
    private static readonly DateOnly October = new(2022, 10, 11);

    private static StatusUpdateView Update(string explanation, Status status = Status.Delayed) =>
        new(9, status, explanation, "Oorzaak", "Gevolg", "Bijsturing", "Interim-manager HOR", new DateTime(2023, 1, 17, 13, 0, 0, DateTimeKind.Utc));

    private static IndicatorMovement Indicator(string name, double? before, double after, IndicatorDirection direction, IndicatorTrend trend) =>
        new(1, name, "%", direction, 6, before is { } b ? new MeasurementView(new DateOnly(2022, 9, 30), b, null) : null,
            new MeasurementView(new DateOnly(2022, 12, 31), after, null), trend);

    private static readonly SpearpointChanges Sp4 = new(
        new StatusChange(Status.NeedsAttention, Status.Delayed),
        [Update("De tweede wervingsronde loopt achter.")],
        [
            new MilestoneChange(MilestoneChangeKind.Slipped, 3, "Nieuwe collega's gestart met boa-basisopleiding en Domein I",
                new DateOnly(2022, 12, 1), new DateOnly(2023, 3, 1), Status.Delayed, Status.Delayed),
            new MilestoneChange(MilestoneChangeKind.Completed, 4, "Opleidings- en trainingsplan 2023 vastgesteld",
                null, new DateOnly(2023, 1, 24), Status.NotStarted, Status.Done),
            new MilestoneChange(MilestoneChangeKind.Cancelled, 5, "Bijstand buurgemeente", null, null, Status.OnTrack, Status.Cancelled,
                "Zij hebben zelf te weinig mensen."),
        ],
        [Indicator("Ziekteverzuim", 8.1, 8.4, IndicatorDirection.LowerIsBetter, IndicatorTrend.Away)],
        []);

    private IRenderedComponent<SpearpointChangeList> RenderList(SpearpointChanges changes) =>
        Render<SpearpointChangeList>(p => p.Add(c => c.Changes, changes).Add(c => c.Since, October));

    private static string Text(AngleSharp.Dom.IElement e) => string.Join(" ", e.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void StatusChange_ShowsFromAndTo_InWordsWithIcons()
    {
        var cut = RenderList(Sp4);

        var status = cut.Find("[data-kind='Status']");
        var chips = status.QuerySelectorAll("[data-status]");
        Assert.Equal(["Aandachtspunt", "Vertraagd"], chips.Select(c => c.TextContent.Trim()));
        Assert.All(chips, c => Assert.NotNull(c.QuerySelector("svg")));
        Assert.Contains("werd", status.TextContent);
    }

    [Fact]
    public void Milestones_SaySlippedWithOldAndNewDate_DoneWithItsDate_AndCancelledWithTheReason()
    {
        var cut = RenderList(Sp4);

        Assert.Equal("Verschoven: Nieuwe collega's gestart met boa-basisopleiding en Domein I van 01-12-2022 naar 01-03-2023",
            Text(cut.Find("[data-kind='Slipped']")));
        Assert.Equal("Gereed: Opleidings- en trainingsplan 2023 vastgesteld op 24-01-2023", Text(cut.Find("[data-kind='Completed']")));
        Assert.Equal("Vervallen: Bijstand buurgemeente Reden: Zij hebben zelf te weinig mensen.", Text(cut.Find("[data-kind='Cancelled']")));
    }

    [Fact]
    public void Indicator_LowerIsBetter_GoingUp_IsFurtherFromTheTarget()
    {
        var cut = RenderList(Sp4);

        var item = cut.Find("[data-kind='Indicator']");
        Assert.Equal("Away", item.GetAttribute("data-trend"));
        Assert.Equal("Ziekteverzuim: van 8,1% naar 8,4% (streefwaarde 6%) verder van de streefwaarde", Text(item));
    }

    [Theory]
    [InlineData(IndicatorTrend.Toward, "dichter bij de streefwaarde")]
    [InlineData(IndicatorTrend.Unchanged, "gelijk gebleven")]
    public void Indicator_Trend_IsSaidInWords(IndicatorTrend trend, string words)
    {
        var cut = RenderList(new SpearpointChanges(null, [], [], [Indicator("Certificering", 88, 90, IndicatorDirection.HigherIsBetter, trend)], []));

        Assert.Contains(words, cut.Find("[data-kind='Indicator']").TextContent);
    }

    [Fact]
    public void Indicator_MeasuredForTheFirstTime_ShowsTheValueAndTheTarget()
    {
        var cut = RenderList(new SpearpointChanges(null, [], [], [Indicator("Fietsen", null, 31, IndicatorDirection.LowerIsBetter, IndicatorTrend.FirstMeasurement)], []));

        Assert.Equal("Fietsen: eerste meting 31% (streefwaarde 6%) eerste meting", Text(cut.Find("[data-kind='Indicator']")));
    }

    [Fact]
    public void NewProgressReports_AreListedWithDateStatusAndExplanation()
    {
        var cut = RenderList(Sp4);

        var update = cut.Find(".new-update");
        Assert.Contains("17-01-2023", update.TextContent);
        Assert.Equal("Vertraagd", update.QuerySelector("[data-status]")!.TextContent.Trim());
        Assert.Contains("De tweede wervingsronde loopt achter.", update.TextContent);
        Assert.Empty(cut.FindAll("[data-flag='no-update']"));
    }

    [Fact]
    public void NoUpdateSinceThePreviousBriefing_IsFlagged_EvenWhenMilestonesFellOverdue()
    {
        var cut = RenderList(new SpearpointChanges(null, [],
            [new MilestoneChange(MilestoneChangeKind.BecameOverdue, 1, "Terugkoppelnorm voor melders vastgesteld", null, new DateOnly(2022, 11, 15), Status.OnTrack, Status.OnTrack)],
            [], []));

        Assert.Equal("Geen voortgangsbericht sinds de vorige bijpraatsessie (11-10-2022).", Text(cut.Find("[data-flag='no-update']")));
        Assert.Equal("Over tijd: Terugkoppelnorm voor melders vastgesteld gepland op 15-11-2022", Text(cut.Find("[data-kind='BecameOverdue']")));
    }

    [Fact]
    public void NothingChanged_SaysSo()
    {
        var cut = RenderList(new SpearpointChanges(null, [], [], [], []));

        Assert.Contains("Niets veranderd sinds 11-10-2022.", cut.Markup);
        Assert.Empty(cut.FindAll(".change-item"));
    }

    [Fact]
    public void StoredText_IsRenderedAsText()
    {
        var cut = RenderList(new SpearpointChanges(null, [Update("<img src=x onerror=alert(1)>")],
            [new MilestoneChange(MilestoneChangeKind.Added, 1, "<b>vet</b>", null, new DateOnly(2023, 1, 1), null, Status.NotStarted)], [], []));

        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll(".change-title b"));
        Assert.Equal("<b>vet</b>", cut.Find(".change-title").TextContent);
    }

    [Fact]
    public void IndicatorsAddedAndEnded_AreSaid_TheEndWithDateAndReason()
    {
        var cut = RenderList(new SpearpointChanges(null, [Update("Bijgewerkt", Status.OnTrack)], [], [],
        [
            new IndicatorChange(IndicatorChangeKind.Added, 7, "Diensturen in de avond"),
            new IndicatorChange(IndicatorChangeKind.Ended, 8, "Oude maat", new DateTime(2023, 1, 9, 10, 0, 0, DateTimeKind.Utc), "Niet meer gemeten"),
        ]));

        Assert.Equal("Indicator toegevoegd: Diensturen in de avond", Text(cut.Find("[data-kind='IndicatorAdded']")));
        Assert.Equal("Indicator beëindigd: Oude maat op 09-01-2023 Reden: Niet meer gemeten", Text(cut.Find("[data-kind='IndicatorEnded']")));
        Assert.DoesNotContain("Niets veranderd", cut.Markup);
    }
}
