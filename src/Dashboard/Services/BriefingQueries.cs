using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Services;

/// <summary>
/// The read models of the briefing pages and the printable brief, each in a fixed number of queries:
/// the history of the spearpoints on the agenda is read once and replayed in memory on both dates
/// (the briefing's and the previous briefing's), so that the state and the changes come from the same rows.
/// </summary>
public sealed class BriefingQueries(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DashboardClock clock,
    IOptions<DashboardOptions> options)
{
    public async Task<BriefingsModel?> GetBriefingsAsync(int? planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today;
        var plan = planId is { } id
            ? await db.Plans.AsNoTracking().Where(p => p.Id == id).Select(DashboardQueries.ToHeader).FirstOrDefaultAsync(ct)
            : await DashboardQueries.CurrentFirst(db.Plans.AsNoTracking(), today).Select(DashboardQueries.ToHeader).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }

        var briefings = await db.Briefings.AsNoTracking()
            .Where(b => b.PlanId == plan.Id)
            .Select(b => new BriefingHeader(b.Id, b.PlanId, b.Date, b.Title, b.Audience, b.Agenda, b.Notes, b.Version,
                b.Spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new AgendaSpearpoint(s.Id, s.Code, s.Title)).ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
        var spearpoints = await db.Spearpoints.AsNoTracking()
            .Where(s => s.PlanId == plan.Id)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Select(s => new AgendaSpearpoint(s.Id, s.Code, s.Title))
            .ToListAsync(ct);

        return new BriefingsModel(
            plan,
            today,
            briefings.Where(b => b.Date >= today).OrderBy(b => b.Date).ThenBy(b => b.Id).ToList(),
            briefings.Where(b => b.Date < today).OrderByDescending(b => b.Date).ThenByDescending(b => b.Id).ToList(),
            spearpoints);
    }

    public async Task<BriefingDetail?> GetBriefingAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Briefings.AsNoTracking()
            .Where(b => b.Id == id)
            .Select(b => new
            {
                Header = new BriefingHeader(b.Id, b.PlanId, b.Date, b.Title, b.Audience, b.Agenda, b.Notes, b.Version,
                    b.Spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new AgendaSpearpoint(s.Id, s.Code, s.Title)).ToList()),
                Plan = new PlanHeader(b.Plan!.Id, b.Plan.Name, b.Plan.Organisation, b.Plan.StartDate, b.Plan.EndDate, b.Plan.IsDemo,
                    b.Plan.ArchivedAt != null, b.Plan.Description),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }
        var (briefing, plan) = (found.Header, found.Plan);

        var others = await db.Briefings.AsNoTracking()
            .Where(b => b.PlanId == plan.Id && b.Id != briefing.Id)
            .Select(b => new BriefingRef(b.Id, b.Date, b.Title))
            .ToListAsync(ct);
        var previous = others.Where(b => (b.Date, b.Id).CompareTo((briefing.Date, briefing.Id)) < 0)
            .OrderByDescending(b => b.Date).ThenByDescending(b => b.Id).FirstOrDefault();
        var next = others.Where(b => (b.Date, b.Id).CompareTo((briefing.Date, briefing.Id)) > 0)
            .OrderBy(b => b.Date).ThenBy(b => b.Id).FirstOrDefault();

        // A briefing still to come shows the state so far; a past one the state at the end of its day.
        var upcoming = briefing.Date > clock.Today;
        var reference = clock.Resolve(plan.EndDate, upcoming ? null : briefing.Date);
        var before = previous is null ? null : clock.Resolve(plan.EndDate, previous.Date);
        var history = await History.LoadAsync(db, briefing.Spearpoints.Select(s => s.Id).ToList(), reference, before, ct);

        var stale = options.Value.StaleAfterDays;
        var spearpoints = history.Spearpoints
            .Select(s =>
            {
                var now = history.At(s, reference, stale);
                SpearpointChanges? changes = null;
                if (before is not null)
                {
                    var then = history.At(s, before, stale);
                    changes = BriefingChanges.Between(
                        new SpearpointSnapshot(then.Summary.Status, then.Milestones, then.Indicators),
                        new SpearpointSnapshot(now.Summary.Status, now.Milestones, now.Indicators),
                        s.Updates.Where(u => !before.Includes(u.RecordedAt)).ToList());
                }
                return new SpearpointBrief(now.Summary, s.Description, now.Milestones, now.Indicators, changes);
            })
            // Reds and oranges first; the rest in the plan's order.
            .OrderBy(s => s.NeedsAttention ? s.Summary.Status.Severity() : int.MaxValue)
            .ThenBy(s => s.Summary.SortOrder).ThenBy(s => s.Summary.Id)
            .ToList();

        return new BriefingDetail(plan, briefing, reference, upcoming, previous, next, spearpoints);
    }

    /// <summary>The history of some spearpoints up to a cut-off, read in a fixed number of queries and replayed in memory.</summary>
    private sealed class History
    {
        public required IReadOnlyList<SpearpointRows> Spearpoints { get; init; }
        public required ILookup<int, MilestoneRows> Milestones { get; init; }
        public required ILookup<int, IndicatorRows> Indicators { get; init; }

        public sealed record SpearpointRows(
            int Id, int PlanId, SpearpointKind Kind, string Code, string Title, string Description, int SortOrder, int Version,
            string? OwnerId, string Owner, DateTime? EndedAt, string? EndReason, IReadOnlyList<StatusUpdateView> Updates);

        public sealed record RevisionRow(long Id, string Title, DateOnly DueDate, DateOnly? CompletedOn, Status State, string? CancelReason,
            int SortOrder, DateTime RecordedAt);

        public sealed record MilestoneRows(int Id, int SpearpointId, DateOnly OriginalDueDate, int Version, IReadOnlyList<RevisionRow> Revisions);

        public sealed record MeasurementRow(DateOnly Date, double Value, string? Note, DateTime RecordedAt);

        public sealed record IndicatorRows(int Id, int SpearpointId, string Name, string Unit, double Baseline, double Target,
            IndicatorDirection Direction, int Version, IReadOnlyList<MeasurementRow> Measurements);

        public sealed record State(SpearpointSummary Summary, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<IndicatorView> Indicators);

        public static async Task<History> LoadAsync(DashboardDbContext db, IReadOnlyList<int> ids, ReferencePoint reference,
            ReferencePoint? before, CancellationToken ct)
        {
            var cutoff = reference.CutoffUtc;
            var day = reference.Date;
            // Updates: everything since the previous briefing, and the last one before it (its status is the "from").
            var since = before?.CutoffUtc ?? DateTime.MinValue;

            var spearpoints = await db.Spearpoints.AsNoTracking()
                .Where(s => ids.Contains(s.Id))
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
                .Select(s => new
                {
                    s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.Description, s.SortOrder, s.Version, s.OwnerId, s.EndedAt, s.EndReason,
                    Owner = s.Owner != null && s.Owner.DisplayName != "" ? s.Owner.DisplayName : s.OwnerRole,
                    Since = s.StatusUpdates
                        .Where(u => u.RecordedAt >= since && u.RecordedAt < cutoff)
                        .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
                        .Select(u => new StatusUpdateView(u.Id, u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt))
                        .ToList(),
                    LastBefore = s.StatusUpdates
                        .Where(u => u.RecordedAt < since)
                        .OrderByDescending(u => u.RecordedAt).ThenByDescending(u => u.Id)
                        .Select(u => new StatusUpdateView(u.Id, u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt))
                        .FirstOrDefault(),
                })
                .AsSplitQuery()
                .ToListAsync(ct);

            var milestones = await db.Milestones.AsNoTracking()
                .Where(m => ids.Contains(m.SpearpointId))
                .Select(m => new MilestoneRows(m.Id, m.SpearpointId, m.OriginalDueDate, m.Version,
                    m.Revisions.Where(r => r.RecordedAt < cutoff)
                        .Select(r => new RevisionRow(r.Id, r.Title, r.DueDate, r.CompletedOn, r.State, r.CancelReason, r.SortOrder, r.RecordedAt))
                        .ToList()))
                .AsSplitQuery()
                .ToListAsync(ct);

            var indicators = await db.Indicators.AsNoTracking()
                .Where(i => ids.Contains(i.SpearpointId))
                .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
                .Select(i => new IndicatorRows(i.Id, i.SpearpointId, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, i.Version,
                    i.Measurements.Where(m => m.Date <= day && m.RecordedAt < cutoff)
                        .OrderBy(m => m.Date).ThenBy(m => m.Id)
                        .Select(m => new MeasurementRow(m.Date, m.Value, m.Note, m.RecordedAt))
                        .ToList()))
                .AsSplitQuery()
                .ToListAsync(ct);

            return new History
            {
                Spearpoints = spearpoints
                    .Select(s => new SpearpointRows(s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.Description, s.SortOrder, s.Version,
                        s.OwnerId, s.Owner, s.EndedAt, s.EndReason, s.LastBefore is null ? s.Since : s.Since.Append(s.LastBefore).ToList()))
                    .ToList(),
                Milestones = milestones.ToLookup(m => m.SpearpointId),
                Indicators = indicators.ToLookup(i => i.SpearpointId),
            };
        }

        /// <summary>The spearpoint as it stood at <paramref name="at"/>: the latest of everything recorded before its cut-off.</summary>
        public State At(SpearpointRows s, ReferencePoint at, int staleAfterDays)
        {
            var latest = s.Updates.Where(u => at.Includes(u.RecordedAt)).MaxBy(u => (u.RecordedAt, u.Id)) is { } u
                ? new LatestUpdate(u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt)
                : null;

            var milestones = Milestones[s.Id]
                .Select(m => (Row: m, Revision: m.Revisions.Where(r => at.Includes(r.RecordedAt)).MaxBy(r => (r.RecordedAt, r.Id))))
                .Where(x => x.Revision is not null) // it did not exist yet
                .Select(x => ProgressRules.Milestone(x.Row.Id, x.Revision!.Title, x.Revision.DueDate, x.Row.OriginalDueDate, x.Revision.CompletedOn,
                    x.Revision.State, x.Revision.CancelReason, x.Revision.SortOrder, x.Row.Version, at.Date))
                .OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
                .ToList();

            var indicators = Indicators[s.Id]
                .Select(i =>
                {
                    var measured = i.Measurements.Where(m => m.Date <= at.Date && at.Includes(m.RecordedAt))
                        .Select(m => new MeasurementView(m.Date, m.Value, m.Note)).ToList();
                    return new IndicatorView(i.Id, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, measured.LastOrDefault(), measured, i.Version);
                })
                .ToList();

            var summary = DashboardQueries.Summarise(
                new SpearpointFacts(s.Id, s.PlanId, s.Kind, s.Code, s.Title, s.SortOrder, s.Version, s.OwnerId, s.Owner, s.EndedAt, s.EndReason),
                latest, milestones, at, staleAfterDays);
            return new State(summary, milestones, indicators);
        }
    }
}
