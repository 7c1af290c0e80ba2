using Dashboard.Domain;
using Dashboard.Services;

namespace Dashboard.Tests.Services;

/// <summary>The change computation on its own: which way an indicator moved, and each kind of milestone change.</summary>
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
}
