using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Reports;

/// <summary>
/// A rapportage from concept to vastgesteld: the preparer writes the samenvatting and notes and picks the peildatum, hands it
/// in (the content is then stored and no longer follows the live data), and a vaststeller who did not write it releases it or
/// sends it back with a reason. Four eyes are checked here, whatever the page shows.
/// </summary>
public sealed class ReportEditor(EditorKit kit, ReportQueries queries, ReportMail mail)
{
    public const int SummaryMax = 8000;
    public const int NoteMax = 4000;
    public const int ReasonMax = 2000;
    private const string Type = nameof(Report);

    private static readonly Records<Report> Reports =
        new("Report", (db, plan, id) => db.Reports.Include(r => r.Plan).Include(r => r.Notes).Include(r => r.Authors)
            .Where(r => r.Id == id && r.PlanId == plan))
        {
            Current = CurrentAsync,
        };

    /// <summary>The plan of a new rapportage is one of the form's values, so a missing one is invalid input.</summary>
    private static readonly Records<Plan> Plans = Records.Plans with { MissingIsInvalid = true };

    public Task<SaveResult> CreateAsync(Actor actor, CreateReportCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "CreateReport", Type, null, cmd), Right.Edit, Plans.In(cmd.PlanId, cmd.PlanId), null,
            async (db, plan, errors) =>
            {
                var date = ReferenceDate(errors, plan, cmd.ReferenceDate);
                var summary = errors.Text("Summary", cmd.Summary, SummaryMax, required: false, multiline: true);
                if (cmd.BriefingId is { } briefingId && !await db.Briefings.AnyAsync(b => b.Id == briefingId && b.PlanId == plan.Id, ct))
                {
                    errors.Add("Briefing", kit.L["Validation.NotInPlan", errors.Label("Briefing")]);
                }
                if (errors.Any)
                {
                    return null;
                }
                var author = AuthorId(actor);
                var report = new Report
                {
                    PlanId = plan.Id,
                    ReferenceDate = date!.Value,
                    Summary = summary ?? "",
                    PreparedById = author,
                    PreparedBy = actor.Name,
                    CreatedAt = kit.Clock.UtcNow,
                    BriefingId = cmd.BriefingId,
                    Authors = [new ReportAuthor { UserId = author }],
                };
                report.Transitions.Add(new ReportTransition
                {
                    From = ReportState.Concept, To = ReportState.Concept, ActorId = author, Actor = actor.Name, At = kit.Clock.UtcNow,
                });
                return new Audited(null, Snapshot(report))
                {
                    Added = report,
                    Named = () => (report.Id, null),
                    Answer = () => kit.Saved(report.Version, report.Id),
                };
            }, ct);

    public Task<SaveResult> EditAsync(Actor actor, EditReportCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "EditReport", Type, cmd.ReportId, cmd), Right.Edit, Reports.In(cmd.PlanId, cmd.ReportId),
            cmd.ExpectedVersion, async (db, report, errors) =>
            {
                InState(errors, report, ReportState.Concept);
                var date = ReferenceDate(errors, report.Plan!, cmd.ReferenceDate);
                var summary = errors.Text("Summary", cmd.Summary, SummaryMax, required: false, multiline: true);
                var notes = await NotesAsync(db, report, errors, cmd.Notes, ct);
                if (errors.Any)
                {
                    return null;
                }
                var before = Snapshot(report);
                report.ReferenceDate = date!.Value;
                report.Summary = summary ?? "";
                foreach (var (spearpointId, note) in notes)
                {
                    report.Notes.RemoveAll(n => n.SpearpointId == spearpointId);
                    if (note is not null)
                    {
                        report.Notes.Add(new ReportNote { ReportId = report.Id, SpearpointId = spearpointId, Text = note });
                    }
                }
                report.AddAuthor(AuthorId(actor));
                report.Version++;
                return new Audited(before, Snapshot(report));
            }, ct);

    /// <summary>Ter vaststelling aanbieden: the content is built once more from the history at the peildatum, and stored.</summary>
    public Task<SaveResult> SubmitAsync(Actor actor, ReportStepCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "SubmitReport", Type, cmd.ReportId, cmd), Right.Edit, Reports.In(cmd.PlanId, cmd.ReportId),
            cmd.ExpectedVersion, async (db, report, errors) =>
            {
                InState(errors, report, ReportState.Concept);
                errors.Text("Summary", report.Summary, SummaryMax, required: true, multiline: true);
                if (errors.Any)
                {
                    return null;
                }
                var bytes = (await queries.BuildContentAsync(db, report, ct)).ToBytes();
                var sha = ReportContent.Hash(bytes);
                db.ReportSnapshots.Add(new ReportSnapshot { ReportId = report.Id, Content = bytes, Sha256 = sha, SubmittedAt = kit.Clock.UtcNow });
                var step = Step(report, actor, ReportState.Submitted, null, new { Sha256 = sha });
                await mail.SubmittedAsync(db, report, actor, ct);
                return step;
            }, ct);

    /// <summary>Terugsturen: back to concept with the reason; the snapshot that was handed in goes.</summary>
    public Task<SaveResult> SendBackAsync(Actor actor, SendBackReportCommand cmd, CancellationToken ct = default) =>
        kit.ChangeAsync(new Write(actor, "SendBackReport", Type, cmd.ReportId, cmd), Right.Release, Reports.In(cmd.PlanId, cmd.ReportId),
            cmd.ExpectedVersion, async (db, report, errors) =>
            {
                InState(errors, report, ReportState.Submitted);
                var reason = errors.Text("Reason", cmd.Reason, ReasonMax, required: true, multiline: true);
                if (errors.Any)
                {
                    return null;
                }
                db.ReportSnapshots.Remove(await db.ReportSnapshots.FirstAsync(s => s.ReportId == report.Id, ct));
                var step = Step(report, actor, ReportState.Concept, reason, new { Reason = reason });
                await mail.SentBackAsync(db, report, actor, reason!, ct);
                return step;
            }, ct);

    /// <summary>Vaststellen: by someone who neither prepared nor changed it; the stored snapshot is stamped and never changes again.</summary>
    public Task<SaveResult> ReleaseAsync(Actor actor, ReportStepCommand cmd, CancellationToken ct = default)
    {
        var at = kit.Clock.UtcNow;
        // The stamp is one conditional statement in the release's transaction: of two vaststellers releasing at once, the
        // second waits for the first's row and then finds it released, and gets the conflict answer (never the trigger's
        // refusal of a change to a released snapshot).
        var write = new Write(actor, "ReleaseReport", Type, cmd.ReportId, cmd) { Alongside = db => StampOnce(db, cmd.ReportId, actor, at) };
        return kit.ChangeAsync(write, Right.Release, Reports.In(cmd.PlanId, cmd.ReportId),
            cmd.ExpectedVersion, async (db, report, errors) =>
            {
                InState(errors, report, ReportState.Submitted);
                if (!errors.Any && report.IsAuthor(AuthorId(actor)))
                {
                    errors.Add("Report", kit.L["Validation.ReportOwnWork"]);
                }
                if (errors.Any)
                {
                    return null;
                }
                var snapshot = await db.ReportSnapshots.AsNoTracking().FirstAsync(s => s.ReportId == report.Id, ct);
                (snapshot.ReleasedAt, snapshot.ReleasedById, snapshot.ReleasedBy) = (at, AuthorId(actor), actor.Name);
                var step = Step(report, actor, ReportState.Released, null, new { snapshot.Sha256 });
                // The messages go in this transaction; the PDF is printed after it, on the first request for it.
                await mail.ReleasedAsync(db, report, snapshot, actor, ct);
                // The council's screens, briefs and slides move to it.
                return step with { Tell = () => [Change.OfRelease(report.PlanId)] };
            }, ct);
    }

    private static void StampOnce(DashboardDbContext db, int reportId, Actor actor, DateTime at)
    {
        var stamped = db.Database.ExecuteSql($"""
            UPDATE "ReportSnapshots" SET "ReleasedAt" = {at}, "ReleasedById" = {AuthorId(actor)}, "ReleasedBy" = {actor.Name}
            WHERE "ReportId" = {reportId} AND "ReleasedAt" IS NULL
            """);
        if (stamped != 1)
        {
            throw new DbUpdateConcurrencyException($"Rapportage {reportId} was released a moment ago.");
        }
    }

    private Audited Step(Report report, Actor actor, ReportState to, string? reason, object details)
    {
        var from = report.State;
        report.Step(to, AuthorId(actor), actor.Name, kit.Clock.UtcNow, reason);
        return new Audited(new { State = from }, new { State = to, Details = details });
    }

    /// <summary>The notes of the form, checked: a spearpoint of this plan each, an empty one removes the note.</summary>
    private async Task<IReadOnlyDictionary<int, string?>> NotesAsync(DashboardDbContext db, Report report, FieldErrors errors,
        IReadOnlyDictionary<int, string?>? notes, CancellationToken ct)
    {
        if (notes is not { Count: > 0 })
        {
            return new Dictionary<int, string?>();
        }
        var ids = notes.Keys.ToList();
        var known = await db.Spearpoints.CountAsync(s => s.PlanId == report.PlanId && ids.Contains(s.Id), ct);
        if (known != ids.Count)
        {
            errors.Add("Spearpoint", kit.L["Validation.NotInPlan", errors.Label("Spearpoint")]);
        }
        return notes.ToDictionary(n => n.Key, n => errors.Text("Note", n.Value, NoteMax, required: false, multiline: true));
    }

    /// <summary>The peildatum lies in the plan's period and is not in the future: a rapportage reports what happened.</summary>
    private DateOnly? ReferenceDate(FieldErrors errors, Plan plan, DateOnly? date)
    {
        var latest = plan.EndDate < kit.Clock.Today ? plan.EndDate : kit.Clock.Today;
        return errors.Date("ReferenceDate", date, plan.StartDate, latest);
    }

    private void InState(FieldErrors errors, Report report, ReportState expected)
    {
        if (report.State != expected)
        {
            errors.Add("State", kit.L[$"Validation.Report.{expected}", kit.L[$"Report.State.{report.State}"]]);
        }
    }

    /// <summary>Who did it: the account, or for a command-line actor without one its name.</summary>
    private static string AuthorId(Actor actor) => actor.UserId ?? actor.AuditName;

    private static async Task<(string Details, int Version)> CurrentAsync(DashboardDbContext db, IStringLocalizer l, int id, CancellationToken ct)
    {
        var current = await db.Reports.Where(r => r.Id == id).Select(r => new { r.State, r.ReferenceDate, r.Version }).FirstAsync(ct);
        return (l["Conflict.Report", l[$"Report.State.{current.State}"], Fmt.Date(current.ReferenceDate)], current.Version);
    }

    private static object Snapshot(Report r) => new
    {
        r.ReferenceDate,
        r.Summary,
        r.State,
        r.BriefingId,
        Notes = r.Notes.OrderBy(n => n.SpearpointId).Select(n => new { n.SpearpointId, n.Text }).ToList(),
    };
}
