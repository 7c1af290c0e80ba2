using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Questions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Reports;

/// <summary>
/// What a reader sees of a plan: every page, brief, slide, API answer and mail that shows a plan's state reads it here.
/// For a plan set to <i>Vastgestelde stand</i> a council member, an anonymous reader and an API key without the live scope
/// get the released rapportage that applied on the asked date (the latest when none is asked), read back from its stored
/// bytes, and nothing newer; staff see live and are told what the council sees. Plans set to <i>Actuele stand</i> are
/// live for everyone, as before.
/// </summary>
public sealed class CouncilReads(IDbContextFactory<DashboardDbContext> dbFactory, DashboardQueries live, BriefingQueries briefings,
    QuestionQueries questions, DashboardClock clock)
{
    /// <summary>The reader the council's own channels stand for: the presentation of a released plan, the digest.</summary>
    public static Actor Council => Actor.Anonymous;

    /// <summary>
    /// The one rule: managers, vaststellers, beheerders and presenters see live, as does an API key with the live scope;
    /// council members, anonymous readers and other keys see what was released.
    /// </summary>
    public static bool SeesLive(Actor reader) =>
        reader.MayEdit || reader.MayRelease || reader.Roles.Contains(DashboardRoles.Presenter) || reader.Scopes?.Contains(ApiScopes.Live) == true;

    public async Task<OverviewModel?> OverviewAsync(Actor reader, int? planId, DateOnly? date, CancellationToken ct = default)
    {
        var id = planId ?? (await live.GetCurrentPlanAsync(ct))?.Id;
        if (id is not { } plan)
        {
            return null;
        }
        var (showing, content) = await DecideAsync(reader, plan, date, null, ct);
        if (content is not null)
        {
            return Overview(content, showing);
        }
        if (showing.IsNothingReleased)
        {
            return await live.GetPlanHeaderAsync(plan, ct) is { } header
                ? new OverviewModel(header, clock.Resolve(header.EndDate, date), [], [], [], showing)
                : null;
        }
        return await live.GetOverviewAsync(plan, date, ct) is { } overview ? overview with { Shown = showing } : null;
    }

    public async Task<SpearpointDetail?> SpearpointAsync(Actor reader, int id, DateOnly? date, CancellationToken ct = default)
    {
        int? planId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            planId = await db.Spearpoints.Where(s => s.Id == id).Select(s => (int?)s.PlanId).FirstOrDefaultAsync(ct);
        }
        if (planId is not { } plan)
        {
            return null;
        }
        var (showing, content) = await DecideAsync(reader, plan, date, null, ct);
        if (content is not null)
        {
            return content.Spearpoints.FirstOrDefault(s => s.Summary.Id == id) is { } brief ? Spearpoint(content, brief, showing) : null;
        }
        if (showing.IsNothingReleased)
        {
            // Not even the title: a spearpoint's name is plan data too.
            return await live.GetPlanHeaderAsync(plan, ct) is { } header
                ? new SpearpointDetail(header, clock.Resolve(header.EndDate, date),
                    new SpearpointSummary(id, plan, SpearpointKind.Development, "", "", 0, null, new MilestoneProgress(0, 0), null, 0, false, 0),
                    "", "", [], [], [], [], ExistsOnReference: false, Shown: showing)
                : null;
        }
        return await live.GetSpearpointAsync(id, date, ct) is { } detail ? detail with { Shown = showing } : null;
    }

    /// <summary>
    /// A briefing: for the council of a released plan, the rapportage released for it (its brief) or else the released one
    /// that applied on its date, with the agenda's spearpoints as that rapportage has them.
    /// </summary>
    public async Task<BriefingDetail?> BriefingAsync(Actor reader, int id, CancellationToken ct = default)
    {
        if (await briefings.GetBriefingAsync(id, ct) is not { } detail)
        {
            return null;
        }
        // The questions are the team's own words: at once, not through a rapportage.
        detail = detail with { Questions = await questions.PublicOfBriefingAsync(reader, detail.Plan.Id, id, ct) };
        var (showing, content) = await DecideAsync(reader, detail.Plan.Id, detail.IsUpcoming ? null : detail.Briefing.Date, id, ct);
        if (content is null)
        {
            return showing.IsNothingReleased
                ? detail with { Briefing = detail.Briefing with { Spearpoints = [] }, Spearpoints = [], PlanChanges = [], Shown = showing }
                : detail with { Shown = showing };
        }
        var agenda = detail.Briefing.Spearpoints.Select(a => a.Id).ToHashSet();
        var shown = content.Spearpoints.Where(s => agenda.Count == 0 || agenda.Contains(s.Summary.Id)).ToList();
        return detail with
        {
            Briefing = detail.Briefing with
            {
                Spearpoints = shown.OrderBy(s => s.Summary.SortOrder).ThenBy(s => s.Summary.Id)
                    .Select(s => new AgendaSpearpoint(s.Summary.Id, s.Summary.Code, s.Summary.Title)).ToList(),
            },
            Reference = Reference(content),
            Spearpoints = shown,
            PlanChanges = content.PlanChanges,
            Shown = showing,
        };
    }

    /// <summary>
    /// What the reader sees of the plan: live (content null), or the released rapportage for <paramref name="briefingId"/>
    /// if there is one, else the latest released with a peildatum on or before <paramref name="date"/> (any, without a date).
    /// </summary>
    public async Task<(Showing Showing, ReportContent? Content)> DecideAsync(Actor reader, int planId, DateOnly? date, int? briefingId,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sees = await db.Plans.Where(p => p.Id == planId).Select(p => (CouncilView?)p.CouncilSees).FirstOrDefaultAsync(ct);
        if (sees != CouncilView.Released)
        {
            return (Showing.Live, null);
        }
        var released =
            from snapshot in db.ReportSnapshots.AsNoTracking()
            join report in db.Reports on snapshot.ReportId equals report.Id
            where snapshot.ReleasedAt != null && report.PlanId == planId && report.State == ReportState.Released
            orderby report.ReferenceDate descending, snapshot.ReleasedAt descending
            select new { report.Id, report.ReferenceDate, report.BriefingId, snapshot.ReleasedBy, snapshot.ReleasedAt, snapshot.Sha256 };
        if (SeesLive(reader))
        {
            var latest = await released.FirstOrDefaultAsync(ct);
            return (new Showing(ShowingKind.Live, true,
                latest is null ? null : new ReleaseStamp(latest.Id, latest.ReferenceDate, latest.ReleasedBy ?? "", latest.ReleasedAt!.Value, latest.Sha256)),
                null);
        }
        var chosen = briefingId is { } briefing ? await released.FirstOrDefaultAsync(r => r.BriefingId == briefing, ct) : null;
        chosen ??= date is { } d ? await released.FirstOrDefaultAsync(r => r.ReferenceDate <= d, ct) : await released.FirstOrDefaultAsync(ct);
        if (chosen is null)
        {
            return (new Showing(ShowingKind.NothingReleased, true, null), null);
        }
        var bytes = await db.ReportSnapshots.AsNoTracking().Where(s => s.ReportId == chosen.Id).Select(s => s.Content).FirstAsync(ct);
        return (new Showing(ShowingKind.Released, true,
            new ReleaseStamp(chosen.Id, chosen.ReferenceDate, chosen.ReleasedBy ?? "", chosen.ReleasedAt!.Value, chosen.Sha256)),
            ReportContent.FromBytes(bytes));
    }

    /// <summary>A released rapportage's state is the state on its peildatum: fixed, so no live screen follows it.</summary>
    private ReferencePoint Reference(ReportContent content) => clock.Resolve(content.Plan.EndDate, content.ReferenceDate);

    private OverviewModel Overview(ReportContent content, Showing showing)
    {
        var all = content.Spearpoints.Select(s => s.Summary).OrderBy(s => s.SortOrder).ThenBy(s => s.Id).ToList();
        return new OverviewModel(content.Plan, Reference(content),
            all.Where(s => s is { Kind: SpearpointKind.Development, IsEnded: false }).ToList(),
            all.Where(s => s is { Kind: SpearpointKind.Substantive, IsEnded: false }).ToList(),
            all.Where(s => s.IsEnded).OrderBy(s => s.Kind).ThenBy(s => s.SortOrder).ThenBy(s => s.Id).ToList(),
            showing);
    }

    /// <summary>
    /// A spearpoint as the rapportage has it. Its history is what the rapportage reports: the updates since the previous
    /// released one, or the latest; the list of changes (the audit trail) is the team's, not the college's word.
    /// </summary>
    private SpearpointDetail Spearpoint(ReportContent content, SpearpointBrief brief, Showing showing)
    {
        var s = brief.Summary;
        IReadOnlyList<StatusUpdateView> history = brief.Changes is { NewUpdates.Count: > 0 } changes
            ? changes.NewUpdates.OrderByDescending(u => u.RecordedAt).ToList()
            : s.Latest is { } u
                ? [new StatusUpdateView(0, u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt)]
                : [];
        return new SpearpointDetail(content.Plan, Reference(content), s, brief.Description, s.Owner, brief.Milestones, history,
            brief.Indicators, [], Shown: showing);
    }
}
