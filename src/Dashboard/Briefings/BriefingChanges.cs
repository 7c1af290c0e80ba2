using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Servers;

namespace Dashboard.Briefings;

/// <summary>A spearpoint as it stood on one reference date: what the change computation compares.</summary>
public sealed record SpearpointSnapshot(
    Status Status,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<IndicatorView> Indicators)
{
    /// <summary>A spearpoint that did not exist yet: not started, nothing in it.</summary>
    public static readonly SpearpointSnapshot None = new(Status.NotStarted, [], []);
}

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
            Indicators(before.Indicators, now.Indicators),
            IndicatorChanges(before.Indicators, now.Indicators));

    /// <summary>
    /// The plan's spearpoints added, renamed (code or title) and ended between two dates, each as it stood on that date
    /// (from its revisions; one that did not exist yet is not in <paramref name="before"/>). Added first, then renamed,
    /// then ended; within each in the plan's order. One added and ended in between is both.
    /// </summary>
    public static IReadOnlyList<PlanChange> Plan(IReadOnlyList<SpearpointFacts> before, IReadOnlyList<SpearpointFacts> now)
    {
        var earlier = before.ToDictionary(s => s.Id);
        var changes = new List<PlanChange>();
        foreach (var s in now.OrderBy(s => s.Kind).ThenBy(s => s.SortOrder).ThenBy(s => s.Id))
        {
            var b = earlier.GetValueOrDefault(s.Id);
            if (b is null)
            {
                changes.Add(new PlanChange(PlanChangeKind.Added, s.Id, s.Kind, s.Code, s.Title));
            }
            else if (b.Code != s.Code || b.Title != s.Title)
            {
                changes.Add(new PlanChange(PlanChangeKind.Renamed, s.Id, s.Kind, s.Code, s.Title, b.Code, b.Title));
            }
            if (s.EndedAt is not null && b?.EndedAt is null)
            {
                changes.Add(new PlanChange(PlanChangeKind.Ended, s.Id, s.Kind, s.Code, s.Title, EndedAt: s.EndedAt, Reason: s.EndReason));
            }
        }
        return changes.OrderBy(c => c.Kind).ToList(); // stable: the plan's order within each kind
    }

    /// <summary>Indicators added (not there before) and ended (running before, or new) between the two dates.</summary>
    public static IReadOnlyList<IndicatorChange> IndicatorChanges(IReadOnlyList<IndicatorView> before, IReadOnlyList<IndicatorView> now)
    {
        var earlier = before.ToDictionary(i => i.Id);
        var changes = new List<IndicatorChange>();
        foreach (var i in now)
        {
            var b = earlier.GetValueOrDefault(i.Id);
            if (b is null)
            {
                changes.Add(new IndicatorChange(IndicatorChangeKind.Added, i.Id, i.Name));
            }
            if (i.IsEnded && b?.IsEnded != true)
            {
                changes.Add(new IndicatorChange(IndicatorChangeKind.Ended, i.Id, i.Name, i.EndedAt, i.EndReason));
            }
        }
        return changes.OrderBy(c => c.Kind).ToList();
    }

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
