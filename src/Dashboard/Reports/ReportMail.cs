using Dashboard.Briefings;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Mail;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Reports;

/// <summary>
/// The messages of a rapportage's steps, put into the outbox in the step's own transaction (the editor's context), so they
/// go exactly when the step is stored and never twice: handed in, to the vaststellers who may release it (the beheerders when
/// there is no such vaststeller); sent back, with the reason, and released, to its preparer; released, to every council member
/// who wants digests, with its stored PDF. Where the rapportage is a briefing's brief, that message is the briefing's digest:
/// the scheduler sends no digest of that briefing to whoever got it (<see cref="MailScheduler"/>).
/// </summary>
public sealed class ReportMail(MailComposer composer, Outbox outbox, ChromiumPdf chromium)
{
    /// <summary>One message per step (the report's version after it) and recipient: handed in again after sending back is a new step.</summary>
    public static string StepKey(int reportId, int version, string userId) => $"report:{reportId}:{version}:{userId}";

    /// <summary>The released rapportage to a council member, when it is no briefing's digest.</summary>
    public static string CouncilKey(int reportId, string userId) => $"report:{reportId}:released:{userId}";

    private sealed record Recipient(string Id, string Email, string Language);

    /// <summary>Ter vaststelling: every enabled vaststeller who did not write it; without one, every such beheerder.</summary>
    public async Task SubmittedAsync(DashboardDbContext db, Report report, Actor actor, CancellationToken ct)
    {
        var authors = report.Authors.Select(a => a.UserId).Append(report.PreparedById).ToList();
        var releasers = await WithRole(db, DashboardRoles.Releaser, authors).ToListAsync(ct);
        if (releasers.Count == 0)
        {
            releasers = await WithRole(db, DashboardRoles.Admin, authors).ToListAsync(ct);
        }
        var facts = Facts(report, actor);
        foreach (var to in releasers)
        {
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(to.Language);
            var body = await composer.ReportSubmittedAsync(to.Language, messageId, facts);
            outbox.Add(db, MessageKind.Workflow, StepKey(report.Id, report.Version, to.Id), messageId, to.Id, to.Email,
                composer.ReportSubmittedSubject(facts), body);
        }
    }

    /// <summary>Teruggestuurd: the preparer reads why.</summary>
    public async Task SentBackAsync(DashboardDbContext db, Report report, Actor actor, string reason, CancellationToken ct)
    {
        if (await PreparerAsync(db, report, ct) is not { } to)
        {
            return;
        }
        var facts = Facts(report, actor);
        var messageId = outbox.NewMessageId();
        using var culture = MailCulture.Use(to.Language);
        var body = await composer.ReportSentBackAsync(to.Language, messageId, facts, reason);
        outbox.Add(db, MessageKind.Workflow, StepKey(report.Id, report.Version, to.Id), messageId, to.Id, to.Email, composer.ReportSentBackSubject(facts), body);
    }

    /// <summary>Vastgesteld: the preparer hears it, and the council members who want digests get the rapportage with its PDF.</summary>
    public async Task ReleasedAsync(DashboardDbContext db, Report report, ReportSnapshot snapshot, Actor actor, CancellationToken ct)
    {
        var facts = Facts(report, actor);
        if (await PreparerAsync(db, report, ct) is { } preparer)
        {
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(preparer.Language);
            var body = await composer.ReportReleasedAsync(preparer.Language, messageId, facts);
            outbox.Add(db, MessageKind.Workflow, StepKey(report.Id, report.Version, preparer.Id), messageId, preparer.Id, preparer.Email,
                composer.ReportReleasedSubject(facts), body);
        }

        var readers = await UserDirectory.CouncilMembers(db)
            .Where(u => u.ReceiveDigests)
            .OrderBy(u => u.Email)
            .Select(u => new Recipient(u.Id, u.Email!, u.Language))
            .ToListAsync(ct);
        if (readers.Count == 0)
        {
            return;
        }
        var released = new ReleasedReport(ReportContent.FromBytes(snapshot.Content), snapshot.Sha256, snapshot.ReleasedBy!, snapshot.ReleasedAt!.Value,
            report.BriefingId);
        var briefingTitle = report.BriefingId is { } briefingId
            ? await db.Briefings.AsNoTracking().Where(b => b.Id == briefingId).Select(b => b.Title).FirstOrDefaultAsync(ct)
            : null;
        foreach (var reader in readers)
        {
            // Where this is a briefing's brief, the scheduler sees this key and sends that briefing no digest of its own.
            var key = CouncilKey(report.Id, reader.Id);
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(reader.Language);
            var (subject, body) = await composer.ReportToCouncilAsync(reader.Language, messageId, released, briefingTitle, chromium.IsAvailable);
            outbox.Add(db, MessageKind.Digest, key, messageId, reader.Id, reader.Email, subject, body, attachmentReportId: report.Id);
        }
    }

    private static ReportMailFacts Facts(Report report, Actor actor) =>
        new(report.Id, report.Plan?.Name ?? "", report.ReferenceDate, actor.Name, report.Plan?.IsDemo ?? false);

    private static Task<Recipient?> PreparerAsync(DashboardDbContext db, Report report, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == report.PreparedById && !u.IsDisabled && u.Email != null)
            .Select(u => new Recipient(u.Id, u.Email!, u.Language)).FirstOrDefaultAsync(ct);

    /// <summary>The enabled accounts with the role, except <paramref name="except"/>.</summary>
    private static IQueryable<Recipient> WithRole(DashboardDbContext db, string role, List<string> except) =>
        db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && u.Email != null && !except.Contains(u.Id)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .OrderBy(u => u.Email)
            .Select(u => new Recipient(u.Id, u.Email!, u.Language));
}
