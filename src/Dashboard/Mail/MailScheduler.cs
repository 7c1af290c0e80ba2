using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Hosting;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Mail;

/// <summary>What one round of queueing found.</summary>
public sealed record QueueReport(int Reminders, int Digests, int AnswerRoundUps = 0);

/// <summary>
/// Decides what is due now, in Dutch time, and queues it: at most one reminder per owner per Dutch day
/// ("reminder:{userId}:{date}"), exactly one digest per briefing and reader ("digest:{briefingId}:{userId}") and at most one
/// round-up of answers to technische vragen per raadslid per Dutch day ("answers:{userId}:{date}").
/// The keys are unique in the outbox, so running this twice, or on two instances at once, queues nothing twice.
/// </summary>
public sealed class MailScheduler(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DashboardClock clock,
    DashboardQueries queries,
    CouncilReads council,
    MailComposer composer,
    Outbox outbox,
    ChromiumPdf chromium,
    QuestionQueries questions,
    AnswerRoundUps roundUps,
    IOptions<MailOptions> mailOptions,
    IOptions<DashboardOptions> dashboardOptions,
    ILogger<MailScheduler> log)
{
    public static string ReminderKey(string userId, DateOnly day) => $"reminder:{userId}:{Fmt.Iso(day)}";

    public static string DigestKey(int briefingId, string userId) => $"digest:{briefingId}:{userId}";

    public async Task<QueueReport> QueueDueAsync(CancellationToken ct = default) =>
        new(await QueueRemindersAsync(ct), await QueueDigestsAsync(ct), await QueueAnswerRoundUpsAsync(ct));

    /// <summary>One test message to any address, queued; the sender sends it.</summary>
    public async Task<OutboxMessage> QueueTestAsync(string to, string transport, CancellationToken ct = default)
    {
        var messageId = outbox.NewMessageId();
        using var culture = MailCulture.Use(null);
        var body = await composer.TestAsync(Cultures.Dutch, messageId, transport);
        OutboxMessage? queued = null;
        await outbox.TryQueueAsync(db => queued = outbox.Add(db, MessageKind.Test, $"test:{messageId}", messageId, null, to, composer.TestSubject, body), ct);
        return queued!;
    }

    private sealed record Recipient(string Id, string Email, string Language);

    public async Task<int> QueueRemindersAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        List<Recipient> owners;
        Dictionary<string, List<int>> owned;
        // A due answer joins the reminder of whoever answers it, also of an owner with nothing else due.
        var due = await questions.DueAsync(ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // Running plans only: not archived, started, not ended. Ended spearpoints are not worked on.
            var spearpoints = await db.Spearpoints.AsNoTracking()
                .Where(s => s.OwnerId != null && s.EndedAt == null && s.Plan!.ArchivedAt == null
                    && s.Plan.StartDate <= today && s.Plan.EndDate >= today)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Id)
                .Select(s => new { s.Id, OwnerId = s.OwnerId! })
                .ToListAsync(ct);
            owned = spearpoints.GroupBy(s => s.OwnerId).ToDictionary(g => g.Key, g => g.Select(s => s.Id).ToList());
            var ids = owned.Keys.Concat(due.SelectMany(q => q.AnswererIds)).Distinct().ToList();
            // Enabled accounts that may own a spearpoint (managers, beheerders) and want reminders; never a raadslid.
            owners = await UserDirectory.Owners(db)
                .Where(u => ids.Contains(u.Id) && u.ReceiveReminders && u.Email != null
                    && !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == DashboardRoles.CouncilMember)))
                .Select(u => new Recipient(u.Id, u.Email!, u.Language))
                .ToListAsync(ct);
        }

        var stale = dashboardOptions.Value.StaleAfterDays;
        var ahead = Math.Max(0, mailOptions.Value.RemindDaysBeforeStale);
        var queued = 0;
        foreach (var owner in owners)
        {
            var key = ReminderKey(owner.Id, today);
            if (await outbox.ExistsAsync(key, ct))
            {
                continue;
            }
            var items = new List<ReminderSpearpoint>();
            foreach (var id in owned.GetValueOrDefault(owner.Id) ?? [])
            {
                if (await queries.GetSpearpointAsync(id, null, ct) is not { } detail)
                {
                    continue;
                }
                var latest = detail.Summary.Latest;
                var isStale = ProgressRules.IsNotRecentlyUpdated(latest, today, stale);
                DateOnly? staleOn = isStale ? null
                    : Enumerable.Range(1, ahead).Select(d => today.AddDays(d))
                        .Cast<DateOnly?>().FirstOrDefault(d => ProgressRules.IsNotRecentlyUpdated(latest, d!.Value, stale));
                items.Add(new ReminderSpearpoint(detail, isStale, staleOn));
            }
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(owner.Language);
            if (await composer.ReminderAsync(owner.Language, messageId, today, items,
                    due.Where(q => q.AnswererIds.Contains(owner.Id)).ToList()) is not { } mail)
            {
                continue;
            }
            if (await outbox.TryQueueAsync(db => outbox.Add(db, MessageKind.Reminder, key, messageId, owner.Id, owner.Email, mail.Subject, mail.Body), ct))
            {
                queued++;
            }
        }
        if (queued > 0)
        {
            log.LogInformation("Queued {Count} reminders for {Day}", queued, today);
        }
        return queued;
    }

    /// <summary>
    /// From <see cref="Briefing.DigestDaysBefore"/> days before a briefing until its day (a day missed while the
    /// app was down is made up), every enabled raadslid who wants digests gets one. Briefing.Audience is a free
    /// text shown in the message; the recipients are all raadsleden, the role the briefings are for.
    /// </summary>
    public async Task<int> QueueDigestsAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        List<(int Id, DateOnly Date, int DaysBefore)> due;
        List<Recipient> readers;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var coming = await db.Briefings.AsNoTracking()
                .Where(b => b.Date >= today && b.Plan!.ArchivedAt == null)
                .Select(b => new { b.Id, b.Date, b.DigestDaysBefore })
                .ToListAsync(ct);
            due = coming.Where(b => b.Date.AddDays(-Math.Max(0, b.DigestDaysBefore)) <= today)
                .OrderBy(b => b.Date).ThenBy(b => b.Id)
                .Select(b => (b.Id, b.Date, b.DigestDaysBefore)).ToList();
            if (due.Count == 0)
            {
                return 0;
            }
            readers = await UserDirectory.CouncilMembers(db)
                .Where(u => u.ReceiveDigests)
                .OrderBy(u => u.Email)
                .Select(u => new Recipient(u.Id, u.Email!, u.Language))
                .ToListAsync(ct);
        }

        var queued = 0;
        foreach (var briefing in due)
        {
            BriefingDetail? model = null;
            var released = await ReleasedReportsAsync(briefing.Id, ct);
            foreach (var reader in readers)
            {
                var key = DigestKey(briefing.Id, reader.Id);
                if (await outbox.ExistsAsync(key, ct) || await ReportWasTheDigestAsync(released, reader.Id, ct))
                {
                    continue;
                }
                // The digest goes to council members: what the council sees (a released plan's rapportage).
                model ??= await council.BriefingAsync(CouncilReads.Council, briefing.Id, ct);
                if (model is null)
                {
                    break;
                }
                var messageId = outbox.NewMessageId();
                using var culture = MailCulture.Use(reader.Language);
                var mail = await composer.DigestAsync(reader.Language, messageId, model, chromium.IsAvailable);
                if (await outbox.TryQueueAsync(db => outbox.Add(db, MessageKind.Digest, key, messageId, reader.Id, reader.Email, mail.Subject, mail.Body,
                        attachmentBriefingId: briefing.Id), ct))
                {
                    queued++;
                }
            }
        }
        if (queued > 0)
        {
            log.LogInformation("Queued {Count} digests", queued);
        }
        return queued;
    }

    /// <summary>The daily round-up of answers to each raadslid who turned it on (<see cref="AnswerRoundUps"/>); nothing when nothing was answered.</summary>
    public async Task<int> QueueAnswerRoundUpsAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var cache = new Dictionary<int, (PlanQuestions, string, bool)>();
        var queued = 0;
        foreach (var reader in await roundUps.ReadersAsync(ct))
        {
            var key = AnswerRoundUps.Key(reader.Id, today);
            if (await outbox.ExistsAsync(key, ct) || await roundUps.ForAsync(reader.Id, cache, ct) is not { Count: > 0 } plans)
            {
                continue;
            }
            var messageId = outbox.NewMessageId();
            using var culture = MailCulture.Use(reader.Language);
            var mail = await composer.AnswerRoundUpAsync(reader.Language, messageId, today, plans);
            if (await outbox.TryQueueAsync(db => outbox.Add(db, MessageKind.AnswerRoundUp, key, messageId, reader.Id, reader.Email, mail.Subject, mail.Body), ct))
            {
                queued++;
            }
        }
        if (queued > 0)
        {
            log.LogInformation("Queued {Count} round-ups of answers", queued);
        }
        return queued;
    }

    /// <summary>The released rapportages that are this briefing's brief.</summary>
    private async Task<List<int>> ReleasedReportsAsync(int briefingId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Reports.AsNoTracking().Where(r => r.BriefingId == briefingId && r.State == ReportState.Released)
            .Select(r => r.Id).ToListAsync(ct);
    }

    /// <summary>
    /// The reader already got the briefing's released rapportage when it was released (Reports.ReportMail): that message was
    /// this briefing's digest, so no second one goes.
    /// </summary>
    private async Task<bool> ReportWasTheDigestAsync(List<int> released, string userId, CancellationToken ct)
    {
        foreach (var reportId in released)
        {
            if (await outbox.ExistsAsync(Reports.ReportMail.CouncilKey(reportId, userId), ct))
            {
                return true;
            }
        }
        return false;
    }
}
