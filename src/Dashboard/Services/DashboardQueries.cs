using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Services;

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

    /// <summary>The plan running today; else the one that ended last; else the first to come.</summary>
    public async Task<PlanHeader?> GetCurrentPlanAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CurrentPlanAsync(db, ct);
    }

    /// <summary>Every plan, newest first.</summary>
    public async Task<IReadOnlyList<PlanHeader>> GetPlansAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Plans.AsNoTracking().OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id).Select(ToHeader).ToListAsync(ct);
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

        // One query: each spearpoint with its latest update before the cut-off. The latest update is
        // found by id in a correlated subquery (an index seek per spearpoint); a "first of each group"
        // projection would rank every status update in the database on every render.
        var spearpoints = await db.Spearpoints.AsNoTracking()
            .Where(s => s.PlanId == plan.Id)
            .Select(s => new
            {
                Spearpoint = s,
                LatestId = s.StatusUpdates
                    .Where(u => u.RecordedAt < cutoff)
                    .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
                    .Select(u => (long?)u.Id)
                    .FirstOrDefault(),
            })
            .LeftJoin(db.StatusUpdates, x => x.LatestId, u => (long?)u.Id, (x, u) => new
            {
                x.Spearpoint.Id, x.Spearpoint.PlanId, x.Spearpoint.Kind, x.Spearpoint.Code, x.Spearpoint.Title,
                x.Spearpoint.SortOrder, x.Spearpoint.Version,
                Latest = u == null ? null
                    : new LatestUpdate(u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt),
            })
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
            .ToListAsync(ct);

        var milestones = (await MilestonesAt(db, m => m.Spearpoint!.PlanId == plan.Id, reference, ct))
            .ToLookup(m => m.SpearpointId, m => m.View);

        var summaries = spearpoints
            .Select(s => Summarise(s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.SortOrder, s.Version,
                s.Latest, milestones[s.Id], reference, StaleAfterDays))
            .ToList();

        return new OverviewModel(
            plan,
            reference,
            summaries.Where(s => s.Kind == SpearpointKind.Development).ToList(),
            summaries.Where(s => s.Kind == SpearpointKind.Substantive).ToList());
    }

    public async Task<SpearpointDetail?> GetSpearpointAsync(int id, DateOnly? referenceDate, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var spearpoint = await db.Spearpoints.AsNoTracking()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.SortOrder, s.Version, s.Description, s.OwnerRole,
                Plan = new PlanHeader(s.Plan!.Id, s.Plan.Name, s.Plan.Organisation, s.Plan.StartDate, s.Plan.EndDate, s.Plan.IsDemo),
            })
            .FirstOrDefaultAsync(ct);
        if (spearpoint is null)
        {
            return null;
        }

        var reference = clock.Resolve(spearpoint.Plan.EndDate, referenceDate);
        var cutoff = reference.CutoffUtc;

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
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.SpearpointId == id)
            .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, i.Version,
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
        var summary = Summarise(spearpoint.Id, spearpoint.PlanId, spearpoint.Kind, spearpoint.Code, spearpoint.Title,
            spearpoint.SortOrder, spearpoint.Version, latest, milestones, reference, StaleAfterDays);

        return new SpearpointDetail(
            spearpoint.Plan,
            reference,
            summary,
            spearpoint.Description,
            spearpoint.OwnerRole,
            milestones,
            history,
            indicators
                .Select(i => new IndicatorView(i.Id, i.Name, i.Unit, i.Baseline, i.Target, i.Direction,
                    i.Measurements.LastOrDefault(), i.Measurements, i.Version))
                .ToList(),
            changes.Select(a => new AuditEntryView(a.Id, a.AtUtc, a.Actor, a.Action, a.Result, a.Message,
                AuditDiff.Changes(a.OldValues, a.NewValues))).ToList(),
            olderHistory);
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

    private static readonly System.Linq.Expressions.Expression<Func<Plan, PlanHeader>> ToHeader =
        p => new PlanHeader(p.Id, p.Name, p.Organisation, p.StartDate, p.EndDate, p.IsDemo);

    private async Task<PlanHeader?> CurrentPlanAsync(DashboardDbContext db, CancellationToken ct)
    {
        var today = clock.Today;
        return await db.Plans.AsNoTracking()
            .OrderByDescending(p => p.StartDate <= today && p.EndDate >= today)
            .ThenByDescending(p => p.EndDate < today ? p.EndDate : DateOnly.MinValue)
            .ThenBy(p => p.StartDate)
            .ThenBy(p => p.Id)
            .Select(ToHeader)
            .FirstOrDefaultAsync(ct);
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
            })
            .ToListAsync(ct);

        // A milestone without a revision before the cut-off did not exist yet on the reference date.
        return rows
            .Where(r => r.At is not null)
            .Select(r => new MilestoneAt(r.SpearpointId, ProgressRules.Milestone(
                r.Id, r.At!.Title, r.At.DueDate, r.OriginalDueDate, r.At.CompletedOn, r.At.State, r.At.CancelReason, r.At.SortOrder,
                r.Version, reference.Date)))
            .ToList();
    }

    /// <summary>A spearpoint's card on a reference date; BriefingQueries builds its cards with it too.</summary>
    internal static SpearpointSummary Summarise(
        int id, int planId, SpearpointKind kind, string code, string title, int sortOrder, int version,
        LatestUpdate? latest, IEnumerable<MilestoneView> milestones, ReferencePoint reference, int staleAfterDays)
    {
        var list = milestones as IReadOnlyCollection<MilestoneView> ?? milestones.ToList();
        var next = ProgressRules.Next(list);
        return new SpearpointSummary(
            id, planId, kind, code, title, sortOrder,
            latest,
            ProgressRules.Progress(list),
            next is null ? null : new NextMilestone(next.Title, next.DueDate, next.IsOverdue),
            list.Count(m => m.IsOverdue),
            ProgressRules.IsNotRecentlyUpdated(latest, reference.Date, staleAfterDays),
            version);
    }
}
