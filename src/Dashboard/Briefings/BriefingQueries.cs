using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Briefings;

/// <summary>
/// The read models of the briefing pages and the printable brief, each in a fixed number of queries:
/// the history of the spearpoints on the agenda is read once and replayed in memory on both dates
/// (the briefing's and the previous briefing's), so that the state and the changes come from the same rows.
/// History stays true, as on the overview (DashboardQueries): on each date a spearpoint is what its latest revision
/// before that date says (code, kind, order, title, description, ended or not); one added later is not there yet, and
/// an indicator counts from its CreatedAt and is ended from its EndedAt.
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
                b.Spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new AgendaSpearpoint(s.Id, s.Code, s.Title)).ToList())
            {
                QuestionsUntil = b.QuestionsUntil,
                AnswersBy = b.AnswersBy,
            })
            .AsSplitQuery()
            .ToListAsync(ct);
        briefings = await AgendasAsOfTheirDatesAsync(db, plan, briefings, ct);
        // The agenda picker offers the spearpoints still running; an ended one stays on the agendas it was on.
        var spearpoints = await db.Spearpoints.AsNoTracking()
            .Where(s => s.PlanId == plan.Id && s.EndedAt == null)
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

    /// <summary>
    /// Each briefing's agenda with the codes, titles and order of its own date, as its page and presentation show it (one
    /// still to come: as they are now); a spearpoint without a revision by then keeps today's.
    /// </summary>
    private async Task<List<BriefingHeader>> AgendasAsOfTheirDatesAsync(
        DashboardDbContext db, PlanHeader plan, List<BriefingHeader> briefings, CancellationToken ct)
    {
        var ids = briefings.SelectMany(b => b.Spearpoints.Select(s => s.Id)).ToHashSet();
        if (ids.Count == 0)
        {
            return briefings;
        }
        var revisions = (await db.SpearpointRevisions.AsNoTracking()
                .Where(r => ids.Contains(r.SpearpointId))
                .Select(r => new { r.SpearpointId, r.Id, r.Code, r.Title, r.SortOrder, r.RecordedAt })
                .ToListAsync(ct))
            .ToLookup(r => r.SpearpointId);
        return briefings.Select(b =>
        {
            var cutoff = clock.Resolve(plan.EndDate, b.Date > clock.Today ? null : b.Date).CutoffUtc;
            var agenda = b.Spearpoints
                .Select(s => revisions[s.Id].Where(r => r.RecordedAt < cutoff).MaxBy(r => (r.RecordedAt, r.Id)) is { } then
                    ? (Item: new AgendaSpearpoint(s.Id, then.Code, then.Title), Order: then.SortOrder)
                    : (Item: s, Order: int.MaxValue))
                .OrderBy(x => x.Order).ThenBy(x => x.Item.Id)
                .Select(x => x.Item)
                .ToList();
            return b with { Spearpoints = agenda };
        }).ToList();
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
        var (spearpoints, planChanges, history) = await StateAsync(db, plan.Id, briefing.Spearpoints.Select(s => s.Id).ToList(), reference, before, ct);

        // The agenda with the codes and titles of the briefing's date.
        var agenda = briefing.Spearpoints
            .Where(a => history.Now.ContainsKey(a.Id))
            .Select(a => new AgendaSpearpoint(a.Id, history.Now[a.Id].Code, history.Now[a.Id].Title))
            .OrderBy(a => history.Now[a.Id].SortOrder).ThenBy(a => a.Id)
            .ToList();
        return new BriefingDetail(plan, briefing with { Spearpoints = agenda }, reference, upcoming, previous, next, spearpoints, planChanges);
    }

    /// <summary>
    /// The given spearpoints of a plan on a reference date, with what changed since <paramref name="before"/> (none without one):
    /// reds and oranges first, then the plan's order; and the plan's own changes (spearpoints added, renamed, ended). A briefing
    /// shows its agenda this way, a rapportage all of the plan's spearpoints.
    /// </summary>
    internal async Task<(IReadOnlyList<SpearpointBrief> Spearpoints, IReadOnlyList<PlanChange> PlanChanges, History History)> StateAsync(
        DashboardDbContext db, int planId, IReadOnlyList<int> spearpointIds, ReferencePoint reference, ReferencePoint? before, CancellationToken ct)
    {
        var history = await History.LoadAsync(db, planId, spearpointIds, reference, before, ct);
        var stale = options.Value.StaleAfterDays;
        var spearpoints = history.Spearpoints
            // Asked for but added after the reference date: not there yet on that date.
            .Where(s => history.Now.ContainsKey(s.Id))
            .Select(s =>
            {
                var now = history.At(s, history.Now[s.Id], reference, stale);
                SpearpointChanges? changes = null;
                if (before is not null)
                {
                    var then = history.Then.TryGetValue(s.Id, out var facts) ? history.At(s, facts, before, stale) : null;
                    changes = BriefingChanges.Between(
                        then is null ? SpearpointSnapshot.None : new SpearpointSnapshot(then.Summary.Status, then.Milestones, then.Indicators),
                        new SpearpointSnapshot(now.Summary.Status, now.Milestones, now.Indicators),
                        s.Updates.Where(u => !before.Includes(u.RecordedAt)).ToList());
                }
                return new SpearpointBrief(now.Summary, history.Now[s.Id].Description, now.Milestones, now.Indicators, changes);
            })
            // Reds and oranges first; the rest in the plan's order.
            .OrderBy(s => s.NeedsAttention ? s.Summary.Status.Severity() : int.MaxValue)
            .ThenBy(s => s.Summary.SortOrder).ThenBy(s => s.Summary.Id)
            .ToList();
        var planChanges = before is null
            ? []
            : BriefingChanges.Plan(history.Then.Values.Select(t => t.Facts).ToList(), history.Now.Values.Select(t => t.Facts).ToList());
        return (spearpoints, planChanges, history);
    }

    /// <summary>
    /// The history of a plan's spearpoints up to a cut-off, read in a fixed number of queries and replayed in memory: every
    /// spearpoint of the plan as its revisions left it on both dates (for the plan's changes), and the status updates,
    /// milestones and indicators of those on the agenda.
    /// </summary>
    internal sealed class History
    {
        public required IReadOnlyList<SpearpointRows> Spearpoints { get; init; }
        /// <summary>The plan's spearpoints on the reference date, by id; one added later is not in it.</summary>
        public required IReadOnlyDictionary<int, TitleAt> Now { get; init; }
        /// <summary>The plan's spearpoints on the previous briefing's date (empty without one).</summary>
        public required IReadOnlyDictionary<int, TitleAt> Then { get; init; }
        public required ILookup<int, MilestoneRows> Milestones { get; init; }
        public required ILookup<int, IndicatorRows> Indicators { get; init; }

        public sealed record SpearpointRows(int Id, IReadOnlyList<StatusUpdateView> Updates);

        /// <summary>What a spearpoint revision says: the spearpoint on one date, and its description then.</summary>
        public sealed record TitleAt(SpearpointFacts Facts, string Description)
        {
            public string Code => Facts.Code;
            public string Title => Facts.Title;
            public int SortOrder => Facts.SortOrder;
        }

        public sealed record SpearpointRevisionRow(SpearpointKind Kind, string Code, string Title, string Description, int SortOrder,
            DateTime? EndedAt, string? EndReason);

        public sealed record RevisionRow(long Id, string Title, DateOnly DueDate, DateOnly? CompletedOn, Status State, string? CancelReason,
            int SortOrder, DateTime RecordedAt);

        public sealed record MilestoneRows(int Id, int SpearpointId, DateOnly OriginalDueDate, int Version, MilestoneOrigin? From,
            IReadOnlyList<RevisionRow> Revisions);

        public sealed record MeasurementRow(DateOnly Date, double Value, string? Note, DateTime RecordedAt);

        public sealed record IndicatorRows(int Id, int SpearpointId, string Name, string Unit, double Baseline, double Target,
            IndicatorDirection Direction, int Version, MeasurementFrequency Frequency, DateOnly? BaselineDate, DateTime CreatedAt,
            DateTime? EndedAt, string? EndReason, IReadOnlyList<MeasurementRow> Measurements);

        public sealed record State(SpearpointSummary Summary, IReadOnlyList<MilestoneView> Milestones, IReadOnlyList<IndicatorView> Indicators);

        public static async Task<History> LoadAsync(DashboardDbContext db, int planId, IReadOnlyList<int> ids, ReferencePoint reference,
            ReferencePoint? before, CancellationToken ct)
        {
            var cutoff = reference.CutoffUtc;
            var day = reference.Date;
            // Updates: everything since the previous briefing, and the last one before it (its status is the "from").
            var since = before?.CutoffUtc ?? DateTime.MinValue;

            var spearpoints = await db.Spearpoints.AsNoTracking()
                .Where(s => ids.Contains(s.Id))
                .Select(s => new
                {
                    s.Id,
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

            // One query: every spearpoint of the plan with its latest revision before each cut-off, found by id in a
            // correlated subquery (an index seek per spearpoint), as DashboardQueries.GetOverviewAsync does.
            var titles = await db.Spearpoints.AsNoTracking()
                .Where(s => s.PlanId == planId)
                .Select(s => new
                {
                    s.Id, s.PlanId, s.Version, s.OwnerId,
                    Owner = s.Owner != null && s.Owner.DisplayName != "" ? s.Owner.DisplayName : s.OwnerRole,
                    NowId = s.Revisions
                        .Where(r => r.RecordedAt < cutoff)
                        .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
                        .Select(r => (long?)r.Id)
                        .FirstOrDefault(),
                    ThenId = s.Revisions
                        .Where(r => r.RecordedAt < since)
                        .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
                        .Select(r => (long?)r.Id)
                        .FirstOrDefault(),
                })
                .LeftJoin(db.SpearpointRevisions, x => x.NowId, r => (long?)r.Id, (x, now) => new { x, now })
                .LeftJoin(db.SpearpointRevisions, xn => xn.x.ThenId, r => (long?)r.Id, (xn, then) => new
                {
                    xn.x.Id, xn.x.PlanId, xn.x.Version, xn.x.OwnerId, xn.x.Owner,
                    Now = xn.now == null ? null
                        : new SpearpointRevisionRow(xn.now.Kind, xn.now.Code, xn.now.Title, xn.now.Description, xn.now.SortOrder, xn.now.EndedAt, xn.now.EndReason),
                    Then = then == null ? null
                        : new SpearpointRevisionRow(then.Kind, then.Code, then.Title, then.Description, then.SortOrder, then.EndedAt, then.EndReason),
                })
                .ToListAsync(ct);

            var milestones = await db.Milestones.AsNoTracking()
                .Where(m => ids.Contains(m.SpearpointId))
                .Select(m => new MilestoneRows(m.Id, m.SpearpointId, m.OriginalDueDate, m.Version,
                    m.CarriedOverFrom == null ? null : new MilestoneOrigin(m.CarriedOverFrom.SpearpointId, m.CarriedOverFrom.Spearpoint!.Plan!.Name),
                    m.Revisions.Where(r => r.RecordedAt < cutoff)
                        .Select(r => new RevisionRow(r.Id, r.Title, r.DueDate, r.CompletedOn, r.State, r.CancelReason, r.SortOrder, r.RecordedAt))
                        .ToList()))
                .AsSplitQuery()
                .ToListAsync(ct);

            // Indicators added after the reference date were not there yet.
            var indicators = await db.Indicators.AsNoTracking()
                .Where(i => ids.Contains(i.SpearpointId) && i.CreatedAt < cutoff)
                .OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
                .Select(i => new IndicatorRows(i.Id, i.SpearpointId, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, i.Version,
                    i.Frequency, i.BaselineDate, i.CreatedAt, i.EndedAt, i.EndReason,
                    i.Measurements.Where(m => m.Date <= day && m.RecordedAt < cutoff)
                        .OrderBy(m => m.Date).ThenBy(m => m.Id)
                        .Select(m => new MeasurementRow(m.Date, m.Value, m.Note, m.RecordedAt))
                        .ToList()))
                .AsSplitQuery()
                .ToListAsync(ct);

            return new History
            {
                Spearpoints = spearpoints
                    .Select(s => new SpearpointRows(s.Id, s.LastBefore is null ? s.Since : s.Since.Append(s.LastBefore).ToList()))
                    .ToList(),
                Now = titles.Where(t => t.Now is not null).ToDictionary(t => t.Id, t => Of(t.Id, t.PlanId, t.Version, t.OwnerId, t.Owner, t.Now!)),
                Then = titles.Where(t => t.Then is not null).ToDictionary(t => t.Id, t => Of(t.Id, t.PlanId, t.Version, t.OwnerId, t.Owner, t.Then!)),
                Milestones = milestones.ToLookup(m => m.SpearpointId),
                Indicators = indicators.ToLookup(i => i.SpearpointId),
            };
        }

        private static TitleAt Of(int id, int planId, int version, string? ownerId, string owner, SpearpointRevisionRow r) =>
            new(new SpearpointFacts(id, planId, r.Kind, r.Code, r.Title, r.SortOrder, version, ownerId, owner, r.EndedAt, r.EndReason), r.Description);

        /// <summary>The spearpoint as it stood at <paramref name="at"/>: <paramref name="title"/> (its revision then) and the latest of everything recorded before its cut-off.</summary>
        public State At(SpearpointRows s, TitleAt title, ReferencePoint at, int staleAfterDays)
        {
            var latest = s.Updates.Where(u => at.Includes(u.RecordedAt)).MaxBy(u => (u.RecordedAt, u.Id)) is { } u
                ? new LatestUpdate(u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt)
                : null;

            var milestones = Milestones[s.Id]
                .Select(m => (Row: m, Revision: m.Revisions.Where(r => at.Includes(r.RecordedAt)).MaxBy(r => (r.RecordedAt, r.Id))))
                .Where(x => x.Revision is not null) // it did not exist yet
                .Select(x => ProgressRules.Milestone(x.Row.Id, x.Revision!.Title, x.Revision.DueDate, x.Row.OriginalDueDate, x.Revision.CompletedOn,
                    x.Revision.State, x.Revision.CancelReason, x.Revision.SortOrder, x.Row.Version, at.Date, x.Row.From))
                .OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
                .ToList();

            var indicators = Indicators[s.Id]
                .Where(i => at.Includes(i.CreatedAt))
                .Select(i =>
                {
                    var measured = i.Measurements.Where(m => m.Date <= at.Date && at.Includes(m.RecordedAt))
                        .Select(m => new MeasurementView(m.Date, m.Value, m.Note)).ToList();
                    var ended = i.EndedAt is { } e && at.Includes(e);
                    return DashboardQueries.Indicator(i.Id, i.Name, i.Unit, i.Baseline, i.Target, i.Direction, measured, i.Version,
                        i.Frequency, i.BaselineDate, i.CreatedAt, ended ? i.EndedAt : null, ended ? i.EndReason : null, at);
                })
                .ToList();

            var summary = DashboardQueries.Summarise(title.Facts, latest, milestones, at, staleAfterDays);
            return new State(summary, milestones, indicators);
        }
    }
}
