using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Reports;

/// <summary>
/// The rapportages of a plan and their content. A concept's figures are built from the history at its peildatum each time
/// it is read; from hand-in on the content is the stored snapshot, read back from its bytes.
/// The pages read through the methods that take an <see cref="Actor"/>: only those who prepare or release rapportages see a
/// concept or one that waits for release; everyone else who may read sees the released ones only.
/// </summary>
public sealed class ReportQueries(IDbContextFactory<DashboardDbContext> dbFactory, DashboardClock clock, BriefingQueries briefings)
{
    /// <summary>Managers, vaststellers and beheerders see concepts and rapportages ter vaststelling; council, presenter and public do not.</summary>
    public static bool MaySeeUnreleased(Actor actor) => actor.MayEdit || actor.MayRelease;

    /// <summary>
    /// The /rapportages page for <paramref name="actor"/>: the plan's rapportages they may see (the current plan when
    /// <paramref name="planId"/> is null), and the plan's briefings a new rapportage can be the brief of.
    /// </summary>
    public async Task<ReportsModel?> GetReportsAsync(Actor actor, int? planId, CancellationToken ct = default)
    {
        int id;
        if (planId is { } given)
        {
            id = given;
        }
        else
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var current = await DashboardQueries.CurrentFirst(db.Plans.AsNoTracking(), clock.Today).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (current is null)
            {
                return null;
            }
            id = current.Value;
        }
        var model = await ReadReportsAsync(id, ct);
        return model is null || MaySeeUnreleased(actor)
            ? model
            : model with { Reports = model.Reports.Where(r => r.State == ReportState.Released).ToList(), Briefings = [] };
    }

    /// <summary>One rapportage for <paramref name="actor"/>: null when there is none, or when it is not released and they may not see it.</summary>
    public async Task<ReportDetail?> GetReportAsync(Actor actor, int id, CancellationToken ct = default)
    {
        int planId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var found = await db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.PlanId, r.State }).FirstOrDefaultAsync(ct);
            if (found is null || (found.State != ReportState.Released && !MaySeeUnreleased(actor)))
            {
                return null;
            }
            planId = found.PlanId;
        }
        return await ReadReportAsync(planId, id, ct);
    }

    // Unchecked: only through the two reads above, which apply who may see a concept.
    private async Task<ReportsModel?> ReadReportsAsync(int planId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(DashboardQueries.ToHeader).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }
        var reports = await Headers(db.Reports.AsNoTracking().Where(r => r.PlanId == planId))
            .ToListAsync(ct);
        var briefingChoices = await db.Briefings.AsNoTracking().Where(b => b.PlanId == planId)
            .OrderByDescending(b => b.Date).ThenByDescending(b => b.Id)
            .Select(b => new BriefingRef(b.Id, b.Date, b.Title))
            .ToListAsync(ct);
        return new ReportsModel(plan, reports
            .OrderBy(r => r.State switch { ReportState.Submitted => 0, ReportState.Concept => 1, _ => 2 })
            .ThenByDescending(r => r.ReferenceDate).ThenByDescending(r => r.Id)
            .ToList(), briefingChoices);
    }

    private async Task<ReportDetail?> ReadReportAsync(int planId, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var header = await Headers(db.Reports.AsNoTracking().Where(r => r.Id == id && r.PlanId == planId)).FirstOrDefaultAsync(ct);
        if (header is null)
        {
            return null;
        }
        var report = await db.Reports.AsNoTracking().Include(r => r.Notes).Include(r => r.Authors).FirstAsync(r => r.Id == id, ct);
        var snapshot = await db.ReportSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.ReportId == id, ct);
        var content = snapshot is null ? await BuildContentAsync(db, report, ct) : ReportContent.FromBytes(snapshot.Content);
        var steps = await db.ReportTransitions.AsNoTracking().Where(t => t.ReportId == id)
            .OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new ReportStep(t.From, t.To, t.Actor, t.At, t.Reason))
            .ToListAsync(ct);
        return new ReportDetail(header, content, snapshot?.Sha256, snapshot?.ReleasedBy, snapshot?.ReleasedAt,
            report.Authors.Select(a => a.UserId).ToHashSet(), steps, clock.Resolve(content.Plan.EndDate, content.ReferenceDate));
    }

    /// <summary>The plan's released rapportages with their stamps, oldest peildatum first; null for an unknown plan.</summary>
    public async Task<ReleasedReports?> GetReleasedAsync(int planId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(DashboardQueries.ToHeader).FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return null;
        }
        var released = await db.Reports.AsNoTracking()
            .Where(r => r.PlanId == planId && r.State == ReportState.Released)
            .Join(db.ReportSnapshots.AsNoTracking(), r => r.Id, s => s.ReportId,
                (r, s) => new ReleasedHeader(r.Id, r.ReferenceDate, s.ReleasedBy!, s.ReleasedAt!.Value, s.Sha256, r.BriefingId))
            .ToListAsync(ct);
        return new ReleasedReports(plan, released.OrderBy(r => r.ReferenceDate).ThenBy(r => r.Id).ToList());
    }

    /// <summary>
    /// The plan's state at the rapportage's peildatum as the history has it now, with the changes since the latest released
    /// rapportage before that date.
    /// </summary>
    internal async Task<ReportContent> BuildContentAsync(DashboardDbContext db, Report report, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == report.PlanId).Select(DashboardQueries.ToHeader).FirstAsync(ct);
        var previous = await db.Reports.AsNoTracking()
            .Where(r => r.PlanId == report.PlanId && r.State == ReportState.Released && r.ReferenceDate < report.ReferenceDate)
            .OrderByDescending(r => r.ReferenceDate).ThenByDescending(r => r.Id)
            .Select(r => new ReportRef(r.Id, r.ReferenceDate))
            .FirstOrDefaultAsync(ct);
        var ids = await db.Spearpoints.AsNoTracking().Where(s => s.PlanId == report.PlanId).Select(s => s.Id).ToListAsync(ct);
        var reference = clock.Resolve(plan.EndDate, report.ReferenceDate);
        var before = previous is null ? null : clock.Resolve(plan.EndDate, previous.ReferenceDate);
        var (spearpoints, planChanges, _) = await briefings.StateAsync(db, report.PlanId, ids, reference, before, ct);
        return new ReportContent(report.Id, plan, report.ReferenceDate, report.Summary, report.PreparedBy, previous, spearpoints,
            planChanges, report.Notes.ToDictionary(n => n.SpearpointId, n => n.Text));
    }

    private static IQueryable<ReportHeader> Headers(IQueryable<Report> reports) =>
        reports.Select(r => new ReportHeader(r.Id, r.PlanId, r.ReferenceDate, r.State, r.Summary, r.PreparedBy, r.CreatedAt, r.BriefingId,
            r.Version));
}

public sealed record ReportHeader(
    int Id, int PlanId, DateOnly ReferenceDate, ReportState State, string Summary, string PreparedBy, DateTime CreatedAt, int? BriefingId,
    int Version);

/// <summary>
/// The /rapportages page: ter vaststelling first, then concepts, then the released ones, latest peildatum first; and the
/// plan's briefings, latest first, that a new rapportage can be the brief of.
/// </summary>
public sealed record ReportsModel(PlanHeader Plan, IReadOnlyList<ReportHeader> Reports, IReadOnlyList<BriefingRef> Briefings);

/// <summary>One step in a rapportage's history, with the reason when it was sent back.</summary>
public sealed record ReportStep(ReportState From, ReportState To, string Actor, DateTime At, string? Reason);

/// <summary>
/// One rapportage: its content (frozen from hand-in on), the hash and who released it when, who may not release it
/// (<see cref="AuthorIds"/>), its history, and its peildatum as the reference point the spearpoint sections show.
/// </summary>
public sealed record ReportDetail(
    ReportHeader Report,
    ReportContent Content,
    string? Sha256,
    string? ReleasedBy,
    DateTime? ReleasedAt,
    IReadOnlySet<string> AuthorIds,
    IReadOnlyList<ReportStep> Steps,
    ReferencePoint Reference)
{
    /// <summary>Whoever prepared it or changed its texts or peildatum: the service refuses their release, so the page offers none.</summary>
    public bool IsAuthor(Actor actor) => AuthorIds.Contains(actor.UserId ?? actor.AuditName);
}

/// <summary>A released rapportage in a list: its peildatum and the stamp of its release.</summary>
public sealed record ReleasedHeader(int Id, DateOnly ReferenceDate, string ReleasedBy, DateTime ReleasedAt, string Sha256, int? BriefingId);

public sealed record ReleasedReports(PlanHeader Plan, IReadOnlyList<ReleasedHeader> Reports);
