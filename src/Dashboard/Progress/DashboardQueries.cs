using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Progress;

/// <summary>
/// Builds the read models of the pages, each in a fixed number of queries whatever the size of
/// the plan or its history. The state on a reference date is rebuilt here from the history.
/// </summary>
public sealed class DashboardQueries(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DashboardClock clock,
    IOptions<DashboardOptions> options)
{
    private int StaleAfterDays => options.Value.StaleAfterDays;

    /// <summary>The plan running today; else the one that ended last; else the first to come. Archived plans never.</summary>
    public async Task<PlanHeader?> GetCurrentPlanAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CurrentPlanAsync(db, ct);
    }

    /// <summary>One plan by id, archived or not (an archived plan stays reachable by its address).</summary>
    public async Task<PlanHeader?> GetPlanHeaderAsync(int planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(ToHeader).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The plans with their state today, the current plan first, then running, coming (soonest first) and
    /// ended ones (latest first); archived plans only when asked for, last. One query.
    /// </summary>
    public async Task<IReadOnlyList<PlanListItem>> GetPlansAsync(bool includeArchived = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Plans.AsNoTracking()
            .Where(p => includeArchived || p.ArchivedAt == null)
            .Select(p => new
            {
                Header = new PlanHeader(p.Id, p.Name, p.Organisation, p.StartDate, p.EndDate, p.IsDemo, p.ArchivedAt != null, p.Description),
                Spearpoints = p.Spearpoints.Count,
                Briefings = p.Briefings.Count,
                p.Version,
                p.PreviousPlanId,
                p.CouncilSees,
            })
            .ToListAsync(ct);
        var today = clock.Today;
        var current = await CurrentPlanAsync(db, ct);
        return rows
            .Select(r => new PlanListItem(r.Header, ProgressRules.PlanStateOf(r.Header.StartDate, r.Header.EndDate, r.Header.IsArchived, today),
                r.Spearpoints, r.Briefings, r.Version, r.PreviousPlanId, r.CouncilSees))
            .OrderByDescending(p => p.Plan.Id == current?.Id)
            .ThenBy(p => p.State)
            .ThenBy(p => p.State == PlanState.Coming ? p.Plan.StartDate.DayNumber : -p.Plan.EndDate.DayNumber)
            .ThenBy(p => p.Plan.Id)
            .ToList();
    }

    public async Task<OverviewModel?> GetOverviewAsync(int? planId, DateOnly? referenceDate, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = planId is { } id
            ? await db.Plans.AsNoTracking().Where(p => p.Id == id).Select(ToHeader).FirstOrDefaultAsync(ct)
            : await CurrentPlanAsync(db, ct);
        if (plan is null)
        {
            return null;
        }

        var reference = clock.Resolve(plan.EndDate, referenceDate);
        var cutoff = reference.CutoffUtc;

        // One query: each spearpoint as its latest revision before the cut-off left it (none: it did not
        // exist yet), with its latest update before the cut-off. Both are found by id in a correlated
        // subquery (an index seek per spearpoint); a "first of each group" projection would rank every
        // status update in the database on every render.
        var spearpoints = await db.Spearpoints.AsNoTracking()
            .Where(s => s.PlanId == plan.Id)
            .Select(s => new
            {
                s.Id, s.PlanId, s.Version, s.OwnerId,
                Owner = s.Owner != null && s.Owner.DisplayName != "" ? s.Owner.DisplayName : s.OwnerRole,
                RevisionId = s.Revisions
                    .Where(r => r.RecordedAt < cutoff)
                    .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
                    .Select(r => (long?)r.Id)
                    .FirstOrDefault(),
                LatestId = s.StatusUpdates
                    .Where(u => u.RecordedAt < cutoff)
                    .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
                    .Select(u => (long?)u.Id)
                    .FirstOrDefault(),
            })
            .Join(db.SpearpointRevisions, x => x.RevisionId, r => (long?)r.Id, (x, r) => new { x, r })
            .LeftJoin(db.StatusUpdates, xr => xr.x.LatestId, u => (long?)u.Id, (xr, u) => new
            {
                Facts = new SpearpointFacts(xr.x.Id, xr.x.PlanId, xr.r.Kind, xr.r.Code, xr.r.Title, xr.r.SortOrder, xr.x.Version,
                    xr.x.OwnerId, xr.x.Owner, xr.r.EndedAt, xr.r.EndReason),
                Latest = u == null ? null
                    : new LatestUpdate(u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt),
            })
            .ToListAsync(ct);

        var milestones = (await MilestonesAt(db, m => m.Spearpoint!.PlanId == plan.Id, reference, ct))
            .ToLookup(m => m.SpearpointId, m => m.View);

        var summaries = spearpoints
            .OrderBy(s => s.Facts.SortOrder).ThenBy(s => s.Facts.Id)
            .Select(s => Summarise(s.Facts, s.Latest, milestones[s.Facts.Id], reference, StaleAfterDays))
            .ToList();

        return new OverviewModel(
            plan,
            reference,
            summaries.Where(s => s is { Kind: SpearpointKind.Development, IsEnded: false }).ToList(),
            summaries.Where(s => s is { Kind: SpearpointKind.Substantive, IsEnded: false }).ToList(),
            summaries.Where(s => s.IsEnded).OrderBy(s => s.Kind).ThenBy(s => s.SortOrder).ThenBy(s => s.Id).ToList());
    }

    public async Task<SpearpointDetail?> GetSpearpointAsync(int id, DateOnly? referenceDate, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var spearpoint = await db.Spearpoints.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.SortOrder, s.Version, s.Description, s.OwnerId, s.EndedAt, s.EndReason,
                Owner = s.Owner != null && s.Owner.DisplayName != "" ? s.Owner.DisplayName : s.OwnerRole,
                Plan = new PlanHeader(s.Plan!.Id, s.Plan.Name, s.Plan.Organisation, s.Plan.StartDate, s.Plan.EndDate, s.Plan.IsDemo,
                    s.Plan.ArchivedAt != null, s.Plan.Description),
            })
            .FirstOrDefaultAsync(ct);
        if (spearpoint is null)
        {
            return null;
        }

        var reference = clock.Resolve(spearpoint.Plan.EndDate, referenceDate);
        var cutoff = reference.CutoffUtc;

        // The spearpoint as it was on the reference date (its title then); before its first revision it did not exist yet.
        var revision = await db.SpearpointRevisions.AsNoTracking()
            .Where(r => r.SpearpointId == id && r.RecordedAt < cutoff)
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Kind, r.Code, r.Title, r.Description, r.SortOrder, r.EndedAt, r.EndReason })
            .FirstOrDefaultAsync(ct);
        var facts = revision is null
            ? new SpearpointFacts(spearpoint.Id, spearpoint.PlanId, spearpoint.Kind, spearpoint.Code, spearpoint.Title, spearpoint.SortOrder,
                spearpoint.Version, spearpoint.OwnerId, spearpoint.Owner, spearpoint.EndedAt, spearpoint.EndReason)
            : new SpearpointFacts(spearpoint.Id, spearpoint.PlanId, revision.Kind, revision.Code, revision.Title, revision.SortOrder,
                spearpoint.Version, spearpoint.OwnerId, spearpoint.Owner, revision.EndedAt, revision.EndReason);
        var description = revision?.Description ?? spearpoint.Description;

        // The newest updates only (one more tells whether there are older ones): years of history
        // would otherwise be read on every save for every open page, and rendered in full.
        var history = await HistoryQuery(db, id, reference).Take(HistoryShown + 1).ToListAsync(ct);
        var olderHistory = history.Count > HistoryShown;
        if (olderHistory)
        {
            history.RemoveAt(HistoryShown);
        }

        var milestones = (await MilestonesAt(db, m => m.SpearpointId == id, reference, ct))
            .Select(m => m.View)
            .OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
            .ToList();

        var referenceDay = reference.Date;
        // Indicators added after the reference date were not there yet.
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.SpearpointId == id && i.CreatedAt < cutoff)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, i.Version, i.Frequency, i.BaselineDate, i.CreatedAt,
                EndedAt = i.EndedAt < cutoff ? i.EndedAt : null,
                EndReason = i.EndedAt < cutoff ? i.EndReason : null,
                Measurements = i.Measurements
                    .Where(m => m.Date <= referenceDay && m.RecordedAt < cutoff)
                    .OrderBy(m => m.Date).ThenBy(m => m.Id)
                    .Select(m => new MeasurementView(m.Date, m.Value, m.Note))
                    .ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);

        // The changes list shows the newest changes; history before a reference date is not rewritten.
        var changes = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SpearpointId == id && a.AtUtc < cutoff)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Take(ChangesShown)
            .ToListAsync(ct);

        var latest = history.FirstOrDefault() is { } h
            ? new LatestUpdate(h.Status, h.Explanation, h.Cause, h.Consequence, h.CorrectiveAction, h.Author, h.RecordedAt)
            : null;
        var summary = Summarise(facts, latest, milestones, reference, StaleAfterDays);

        return new SpearpointDetail(
            spearpoint.Plan,
            reference,
            summary,
            description,
            spearpoint.Owner,
            milestones,
            history,
            indicators
                .Select(i => Indicator(i.Id, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, i.Measurements, i.Version,
                    i.Frequency, i.BaselineDate, i.CreatedAt, i.EndedAt, i.EndReason, reference))
                .ToList(),
            changes.Select(a => new AuditEntryView(a.Id, a.AtUtc, a.Actor, a.Action, a.Result, a.Message,
                AuditDiff.Changes(a.OldValues, a.NewValues))).ToList(),
            olderHistory,
            ExistsOnReference: revision is not null);
    }

    /// <summary>Every status update of the spearpoint up to the reference point, newest first: one query.</summary>
    public async Task<IReadOnlyList<StatusUpdateView>> GetStatusHistoryAsync(int spearpointId, ReferencePoint reference, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await HistoryQuery(db, spearpointId, reference).ToListAsync(ct);
    }

    /// <summary>How many status updates the spearpoint page shows before "older updates".</summary>
    public const int HistoryShown = 20;

    private static IQueryable<StatusUpdateView> HistoryQuery(DashboardDbContext db, int spearpointId, ReferencePoint reference)
    {
        var cutoff = reference.CutoffUtc;
        return db.StatusUpdates.AsNoTracking()
            .Where(u => u.SpearpointId == spearpointId && u.RecordedAt < cutoff)
            .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
            .Select(u => new StatusUpdateView(u.Id, u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt));
    }

    /// <summary>How many audit lines the spearpoint page shows.</summary>
    public const int ChangesShown = 50;

    internal static readonly System.Linq.Expressions.Expression<Func<Plan, PlanHeader>> ToHeader =
        p => new PlanHeader(p.Id, p.Name, p.Organisation, p.StartDate, p.EndDate, p.IsDemo, p.ArchivedAt != null, p.Description);

    private Task<PlanHeader?> CurrentPlanAsync(DashboardDbContext db, CancellationToken ct) =>
        CurrentFirst(db.Plans.AsNoTracking(), clock.Today).Select(ToHeader).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The default plan, decided once: the plan running today; else the one that ended last; else the
    /// first to come. Archived plans are never the current plan.
    /// </summary>
    internal static IOrderedQueryable<Plan> CurrentFirst(IQueryable<Plan> plans, DateOnly today) =>
        plans.Where(p => p.ArchivedAt == null)
            .OrderByDescending(p => p.StartDate <= today && p.EndDate >= today)
            .ThenByDescending(p => p.EndDate < today ? p.EndDate : DateOnly.MinValue)
            .ThenBy(p => p.StartDate)
            .ThenBy(p => p.Id);

    /// <summary>An indicator as it stood on the reference date, with the measurements recorded by then.</summary>
    internal static IndicatorView Indicator(int id, string name, string unit, double baseline, double target, IndicatorDirection direction,
        IReadOnlyList<MeasurementView> measurements, int version, MeasurementFrequency frequency, DateOnly? baselineDate,
        DateTime createdAt, DateTime? endedAt, string? endReason, ReferencePoint reference)
    {
        var latest = measurements.Count == 0 ? null : measurements[^1];
        return new IndicatorView(id, name, unit, baseline, target, direction, latest, measurements, version, frequency, baselineDate,
            endedAt, endReason,
            ProgressRules.IsMeasurementDue(frequency, latest?.Date, baselineDate, createdAt, endedAt is not null, reference.Date));
    }

    private sealed record MilestoneAt(int SpearpointId, MilestoneView View);

    /// <summary>Each milestone as its latest revision before the cut-off left it: one query.</summary>
    private static async Task<List<MilestoneAt>> MilestonesAt(
        DashboardDbContext db,
        System.Linq.Expressions.Expression<Func<Milestone, bool>> scope,
        ReferencePoint reference,
        CancellationToken ct)
    {
        var cutoff = reference.CutoffUtc;
        // As for the latest update: the revision's id by an index seek, then the revision itself.
        var rows = await db.Milestones.AsNoTracking()
            .Where(scope)
            .Select(m => new
            {
                Milestone = m,
                RevisionId = m.Revisions
                    .Where(r => r.RecordedAt < cutoff)
                    .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
                    .Select(r => (long?)r.Id)
                    .FirstOrDefault(),
            })
            .LeftJoin(db.MilestoneRevisions, x => x.RevisionId, r => (long?)r.Id, (x, r) => new
            {
                x.Milestone.Id, x.Milestone.SpearpointId, x.Milestone.OriginalDueDate, x.Milestone.Version,
                At = r == null ? null : new { r.Title, r.DueDate, r.CompletedOn, r.State, r.CancelReason, r.SortOrder },
                From = x.Milestone.CarriedOverFrom == null ? null
                    : new MilestoneOrigin(x.Milestone.CarriedOverFrom.SpearpointId, x.Milestone.CarriedOverFrom.Spearpoint!.Plan!.Name),
            })
            .ToListAsync(ct);

        // A milestone without a revision before the cut-off did not exist yet on the reference date.
        return rows
            .Where(r => r.At is not null)
            .Select(r => new MilestoneAt(r.SpearpointId, ProgressRules.Milestone(
                r.Id, r.At!.Title, r.At.DueDate, r.OriginalDueDate, r.At.CompletedOn, r.At.State, r.At.CancelReason, r.At.SortOrder,
                r.Version, reference.Date, r.From)))
            .ToList();
    }

    /// <summary>A spearpoint's card on a reference date; BriefingQueries builds its cards with it too.</summary>
    internal static SpearpointSummary Summarise(
        SpearpointFacts s, LatestUpdate? latest, IEnumerable<MilestoneView> milestones, ReferencePoint reference, int staleAfterDays)
    {
        var list = milestones as IReadOnlyCollection<MilestoneView> ?? milestones.ToList();
        var next = ProgressRules.Next(list);
        return new SpearpointSummary(
            s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.SortOrder,
            latest,
            ProgressRules.Progress(list),
            next is null ? null : new NextMilestone(next.Title, next.DueDate, next.IsOverdue),
            // An ended spearpoint is no longer worked on: nothing of it is overdue, and it needs no more updates.
            s.EndedAt is null ? list.Count(m => m.IsOverdue) : 0,
            s.EndedAt is null && ProgressRules.IsNotRecentlyUpdated(latest, reference.Date, staleAfterDays),
            s.Version,
            s.Owner,
            s.OwnerId,
            s.EndedAt,
            s.EndReason);
    }
}
