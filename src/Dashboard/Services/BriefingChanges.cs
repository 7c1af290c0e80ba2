using Dashboard.Domain;

namespace Dashboard.Services;

/// <summary>A spearpoint as it stood on one reference date: what the change computation compares.</summary>
public sealed record SpearpointSnapshot(
    Status Status,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<IndicatorView> Indicators);

/// <summary>
/// What changed for a spearpoint between two briefings, from its state on each date and the progress
/// reports recorded in between. Pure: no database, no clock.
/// </summary>
public static class BriefingChanges
{
    public static SpearpointChanges Between(SpearpointSnapshot before, SpearpointSnapshot now, IReadOnlyList<StatusUpdateView> updatesBetween) =>
        new(
            before.Status == now.Status ? null : new StatusChange(before.Status, now.Status),
            updatesBetween.OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id).ToList(),
            Milestones(before.Milestones, now.Milestones),
            Indicators(before.Indicators, now.Indicators));

    public static IReadOnlyList<MilestoneChange> Milestones(IReadOnlyList<MilestoneView> before, IReadOnlyList<MilestoneView> now)
    {
        var earlier = before.ToDictionary(m => m.Id);
        var changes = new List<MilestoneChange>();
        foreach (var m in now.OrderBy(m => m.SortOrder).ThenBy(m => m.Id))
        {
            var b = earlier.GetValueOrDefault(m.Id);
            MilestoneChange Change(MilestoneChangeKind kind, DateOnly? oldDate, DateOnly? newDate, string? reason = null) =>
                new(kind, m.Id, m.Title, oldDate, newDate, b?.State, m.State, reason);

            if (b is null)
            {
                changes.Add(Change(MilestoneChangeKind.Added, null, m.DueDate));
            }
            if (m.State == Status.Done && b?.State != Status.Done)
            {
                changes.Add(Change(MilestoneChangeKind.Completed, null, m.CompletedOn));
            }
            else if (m.State == Status.Cancelled && b?.State != Status.Cancelled)
            {
                changes.Add(Change(MilestoneChangeKind.Cancelled, null, null, m.CancelReason));
            }
            else if (b is not null && b.State != m.State)
            {
                changes.Add(Change(MilestoneChangeKind.StateChanged, null, null));
            }
            if (b is not null && m.DueDate != b.DueDate)
            {
                changes.Add(Change(m.DueDate > b.DueDate ? MilestoneChangeKind.Slipped : MilestoneChangeKind.BroughtForward, b.DueDate, m.DueDate));
            }
            if (m.IsOverdue && b?.IsOverdue != true)
            {
                changes.Add(Change(MilestoneChangeKind.BecameOverdue, null, m.DueDate));
            }
        }
        return changes;
    }

    /// <summary>Indicators with a new measurement since; which way each moved, given whether higher or lower is better.</summary>
    public static IReadOnlyList<IndicatorMovement> Indicators(IReadOnlyList<IndicatorView> before, IReadOnlyList<IndicatorView> now)
    {
        var earlier = before.ToDictionary(i => i.Id);
        var movements = new List<IndicatorMovement>();
        foreach (var i in now)
        {
            if (i.Latest is not { } after)
            {
                continue;
            }
            var previous = earlier.GetValueOrDefault(i.Id)?.Latest;
            if (previous == after)
            {
                continue; // no new measurement
            }
            movements.Add(new IndicatorMovement(i.Id, i.Name, i.Unit, i.Direction, i.Target, previous, after, Trend(i.Direction, previous, after)));
        }
        return movements;
    }

    public static IndicatorTrend Trend(IndicatorDirection direction, MeasurementView? before, MeasurementView after)
    {
        if (before is null)
        {
            return IndicatorTrend.FirstMeasurement;
        }
        var delta = after.Value - before.Value;
        if (Math.Abs(delta) < 1e-9)
        {
            return IndicatorTrend.Unchanged;
        }
        var better = direction == IndicatorDirection.LowerIsBetter ? delta < 0 : delta > 0;
        return better ? IndicatorTrend.Toward : IndicatorTrend.Away;
    }
}
