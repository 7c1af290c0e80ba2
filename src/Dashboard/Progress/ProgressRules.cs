using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;

namespace Dashboard.Progress;

/// <summary>The derived rules (progress, over tijd, verschoven, niet recent bijgewerkt), in one place. Nothing here is stored.</summary>
public static class ProgressRules
{
    /// <summary>Milestones done / milestones not cancelled.</summary>
    public static MilestoneProgress Progress(IEnumerable<MilestoneView> milestones)
    {
        var counted = milestones.Where(m => m.State != Status.Cancelled).ToList();
        return new MilestoneProgress(counted.Count(m => m.State == Status.Done), counted.Count);
    }

    /// <summary>Due date past the reference date and not done (a cancelled milestone is never over tijd).</summary>
    public static bool IsOverdue(DateOnly dueDate, Status state, DateOnly referenceDate) =>
        dueDate < referenceDate && state is not (Status.Done or Status.Cancelled);

    /// <summary>Due date moved later than first planned (verschoven).</summary>
    public static bool IsSlipped(DateOnly dueDate, DateOnly originalDueDate) => dueDate > originalDueDate;

    /// <summary>
    /// The latest update is older than <paramref name="staleAfterDays"/> before the reference date, or there
    /// is none. A spearpoint that is done needs no more updates.
    /// </summary>
    public static bool IsNotRecentlyUpdated(LatestUpdate? latest, DateOnly referenceDate, int staleAfterDays) =>
        latest is null
        || (latest.Status != Status.Done && DashboardClock.LocalDate(latest.RecordedAt) < referenceDate.AddDays(-staleAfterDays));

    /// <summary>A milestone as it stood on <paramref name="referenceDate"/>, with its derived flags (over tijd, verschoven).</summary>
    public static MilestoneView Milestone(int id, string title, DateOnly dueDate, DateOnly originalDueDate, DateOnly? completedOn,
        Status state, string? cancelReason, int sortOrder, int version, DateOnly referenceDate, MilestoneOrigin? carriedOverFrom = null) =>
        new(id, title, dueDate, originalDueDate, completedOn, state, cancelReason, sortOrder,
            IsOverdue(dueDate, state, referenceDate), IsSlipped(dueDate, originalDueDate), version, carriedOverFrom);

    /// <summary>Lopend, komend, afgelopen on <paramref name="today"/>; an archived plan is gearchiveerd whatever its dates.</summary>
    public static PlanState PlanStateOf(DateOnly start, DateOnly end, bool archived, DateOnly today) =>
        archived ? PlanState.Archived
        : today < start ? PlanState.Coming
        : today > end ? PlanState.Ended
        : PlanState.Running;

    public static int Months(this MeasurementFrequency frequency) => frequency switch
    {
        MeasurementFrequency.Monthly => 1,
        MeasurementFrequency.Quarterly => 3,
        _ => 12,
    };

    /// <summary>
    /// A measurement is due when the latest one (or, before the first, the baseline; or else the day the
    /// indicator was added) is older than its frequency allows on the reference date. An ended indicator is never due.
    /// </summary>
    public static bool IsMeasurementDue(MeasurementFrequency frequency, DateOnly? lastMeasured, DateOnly? baselineDate,
        DateTime createdAtUtc, bool ended, DateOnly referenceDate)
    {
        if (ended)
        {
            return false;
        }
        var since = lastMeasured ?? baselineDate ?? DashboardClock.LocalDate(createdAtUtc);
        return since.AddMonths(frequency.Months()) < referenceDate;
    }

    /// <summary>The first open milestone by due date.</summary>
    public static MilestoneView? Next(IEnumerable<MilestoneView> milestones) =>
        milestones
            .Where(m => m.State is not (Status.Done or Status.Cancelled))
            .OrderBy(m => m.DueDate)
            .ThenBy(m => m.SortOrder)
            .FirstOrDefault();
}
