using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Progress;

namespace Dashboard.Tests.Briefings;

/// <summary>The change computation on its own: which way an indicator moved, and each kind of milestone change.</summary>
[Trait("Category", Database.Category)]
public class BriefingChangesTests
{
    private static MilestoneView M(int id, DateOnly due, Status state = Status.OnTrack, bool overdue = false, DateOnly? done = null, string? reason = null) =>
        new(id, $"Mijlpaal {id}", due, due, done, state, reason, id, overdue, false, 1);

    private static readonly DateOnly June = new(2025, 6, 1);

    [Theory]
    [InlineData(IndicatorDirection.HigherIsBetter, 20, 25, IndicatorTrend.Toward)]
    [InlineData(IndicatorDirection.HigherIsBetter, 25, 20, IndicatorTrend.Away)]
    [InlineData(IndicatorDirection.LowerIsBetter, 8.1, 8.4, IndicatorTrend.Away)]
    [InlineData(IndicatorDirection.LowerIsBetter, 8.4, 7.6, IndicatorTrend.Toward)]
    [InlineData(IndicatorDirection.LowerIsBetter, 7, 7, IndicatorTrend.Unchanged)]
    public void Trend_FollowsTheDirectionOfTheIndicator(IndicatorDirection direction, double before, double after, IndicatorTrend expected)
    {
        Assert.Equal(expected, BriefingChanges.Trend(direction, new MeasurementView(June, before, null), new MeasurementView(June.AddMonths(3), after, null)));
    }

    [Fact]
    public void Trend_WithoutAnEarlierValue_IsAFirstMeasurement()
    {
        Assert.Equal(IndicatorTrend.FirstMeasurement, BriefingChanges.Trend(IndicatorDirection.LowerIsBetter, null, new MeasurementView(June, 3, null)));
    }

    [Fact]
    public void Indicator_WithoutANewMeasurement_IsNotAChange()
    {
        var m = new MeasurementView(June, 5, null);
        var i = new IndicatorView(1, "I", "%", 0, 10, IndicatorDirection.HigherIsBetter, m, [m], 1);

        Assert.Empty(BriefingChanges.Indicators([i], [i]));
    }

    [Fact]
    public void Milestones_AddedCancelledBroughtForwardAndReopened_AreEachNamed()
    {
        var before = new[] { M(1, June), M(2, June), M(3, June, Status.Done, done: June) };
        var now = new[]
        {
            M(1, June, Status.Cancelled, reason: "Niet meer nodig"),
            M(2, June.AddDays(-14)),
            M(3, June, Status.OnTrack),
            M(4, June.AddMonths(2), Status.NotStarted),
        };

        var changes = BriefingChanges.Milestones(before, now).Select(c => (c.Kind, c.MilestoneId, c.OldDate, c.NewDate, c.Reason)).ToList();

        Assert.Equal(
        [
            (MilestoneChangeKind.Cancelled, 1, null, null, "Niet meer nodig"),
            (MilestoneChangeKind.BroughtForward, 2, June, June.AddDays(-14), null),
            (MilestoneChangeKind.StateChanged, 3, null, null, null),
            (MilestoneChangeKind.Added, 4, null, June.AddMonths(2), null),
        ], changes);
    }

    [Fact]
    public void Milestone_AlreadyOverdueBefore_IsNotReportedAgain()
    {
        var late = M(1, June, overdue: true);

        Assert.Empty(BriefingChanges.Milestones([late], [late]));
    }

    [Fact]
    public void NothingChanged_IsEmpty_AndFlagsTheMissingUpdate()
    {
        var snapshot = new SpearpointSnapshot(Status.OnTrack, [M(1, June)], []);

        var changes = BriefingChanges.Between(snapshot, snapshot, []);

        Assert.True(changes.IsEmpty);
        Assert.True(changes.NoUpdateSince);
    }

    private static SpearpointFacts S(int id, string code, string title, int order = 0, DateTime? ended = null, string? reason = null,
        SpearpointKind kind = SpearpointKind.Development) =>
        new(id, 1, kind, code, title, order == 0 ? id : order, 1, null, "Eigenaar", ended, reason);

    private static readonly DateTime March = new(2025, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Plan_SpearpointsAddedRenamedAndEnded_AreEachNamed_AddedFirstThenRenamedThenEnded()
    {
        var before = new[] { S(1, "SP1", "Informatiegestuurd werken"), S(2, "SP2", "Flexibiliteit"), S(3, "SP3", "Communicatie") };
        var now = new[]
        {
            S(1, "SP1", "Informatiegestuurd handhaven"),
            S(2, "SP2", "Flexibiliteit", order: 9), // moved only: not a change of the plan's content
            S(3, "SP3", "Communicatie", ended: March, reason: "Opgegaan in SP1"),
            S(4, "IS1", "Uitgaansgebied", kind: SpearpointKind.Substantive),
        };

        Assert.Equal(
        [
            new PlanChange(PlanChangeKind.Added, 4, SpearpointKind.Substantive, "IS1", "Uitgaansgebied"),
            new PlanChange(PlanChangeKind.Renamed, 1, SpearpointKind.Development, "SP1", "Informatiegestuurd handhaven", "SP1", "Informatiegestuurd werken"),
            new PlanChange(PlanChangeKind.Ended, 3, SpearpointKind.Development, "SP3", "Communicatie", EndedAt: March, Reason: "Opgegaan in SP1"),
        ], BriefingChanges.Plan(before, now));
    }

    [Fact]
    public void Plan_ANewCode_IsARename_AndOneAddedAndEndedInBetween_IsBoth()
    {
        var changes = BriefingChanges.Plan(
            [S(1, "SP1", "Titel")],
            [S(1, "SP1A", "Titel"), S(2, "SP2", "Kort", ended: March, reason: "Toch niet")]);

        Assert.Equal(
        [
            (PlanChangeKind.Added, 2),
            (PlanChangeKind.Renamed, 1),
            (PlanChangeKind.Ended, 2),
        ], changes.Select(c => (c.Kind, c.SpearpointId)));
        Assert.Equal(("SP1", "SP1A"), (changes[1].OldCode, changes[1].Code));
    }

    [Fact]
    public void Plan_EndedAlreadyBefore_OrUnchanged_IsNotAChange()
    {
        var ended = S(1, "SP1", "Titel", ended: March, reason: "Klaar");

        Assert.Empty(BriefingChanges.Plan([ended, S(2, "SP2", "Titel")], [ended, S(2, "SP2", "Titel")]));
    }

    private static IndicatorView I(int id, DateTime? ended = null, string? reason = null) =>
        new(id, $"Indicator {id}", "%", 0, 10, IndicatorDirection.HigherIsBetter, null, [], 1, EndedAt: ended, EndReason: reason);

    [Fact]
    public void Indicators_AddedAndEnded_AreNamed_WithTheReasonForEnding()
    {
        var changes = BriefingChanges.IndicatorChanges(
            [I(1), I(2), I(3, March, "Al eerder")],
            [I(1), I(2, March, "Niet meer gemeten"), I(3, March, "Al eerder"), I(4)]);

        Assert.Equal(
        [
            new IndicatorChange(IndicatorChangeKind.Added, 4, "Indicator 4"),
            new IndicatorChange(IndicatorChangeKind.Ended, 2, "Indicator 2", March, "Niet meer gemeten"),
        ], changes);
    }

    [Fact]
    public void ASpearpointThatDidNotExistBefore_HasEverythingInItAsAdded()
    {
        var m = new MeasurementView(June, 5, null);
        var now = new SpearpointSnapshot(Status.OnTrack, [M(1, June)], [I(7) with { Latest = m, Measurements = [m] }]);

        var changes = BriefingChanges.Between(SpearpointSnapshot.None, now, []);

        Assert.Equal(new StatusChange(Status.NotStarted, Status.OnTrack), changes.Status);
        Assert.Equal([MilestoneChangeKind.Added], changes.Milestones.Select(c => c.Kind));
        Assert.Equal([(IndicatorChangeKind.Added, 7)], changes.IndicatorChanges.Select(c => (c.Kind, c.IndicatorId)));
        Assert.Equal(IndicatorTrend.FirstMeasurement, Assert.Single(changes.Indicators).Trend);
        Assert.False(changes.IsEmpty);
    }
}
