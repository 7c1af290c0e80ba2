using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dashboard.Mail;

/// <summary>What one round of sending did.</summary>
public sealed record SendReport(int Sent, int Retrying, int Failed);

/// <summary>
/// Sends the due messages of the outbox, one at a time. A message is first claimed with a conditional update
/// (its attempt count and next-attempt time as they were read), so two senders never send the same one; the
/// claim pushes its next attempt <see cref="ClaimLease"/> ahead, so a sender that dies mid-send leaves it to be
/// tried again later, with the same Message-Id. A failure waits <see cref="MailOptions.RetryAfterSeconds"/>,
/// doubling each time; after <see cref="MailOptions.MaxAttempts"/> the message is given up (FailedAt, LastError).
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DashboardClock clock,
    IOptions<MailOptions> options,
    IMailTransport transport,
    MailAttachments attachments,
    UnsubscribeTokens tokens,
    ILogger<OutboxSender> log)
{
    /// <summary>Longer than a send can take (SMTP time-out, a PDF): a claimed message is nobody else's for this long.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan MaxWait = TimeSpan.FromHours(6);

    /// <summary>Sends every due message (or only the one with id <paramref name="only"/>) until none is left that is due now.</summary>
    public async Task<SendReport> SendDueAsync(CancellationToken ct = default, long? only = null)
    {
        int sent = 0, retrying = 0, failed = 0;
        while (await ClaimNextAsync(only, ct) is { } message)
        {
            switch (await SendAsync(message, ct))
            {
                case Outcome.Sent: sent++; break;
                case Outcome.Retrying: retrying++; break;
                default: failed++; break;
            }
        }
        return new SendReport(sent, retrying, failed);
    }

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var wait = TimeSpan.FromSeconds(Math.Max(1, options.Value.RetryAfterSeconds) * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20)));
        return wait > MaxWait ? MaxWait : wait;
    }

    private enum Outcome { Sent, Retrying, Failed }

    private async Task<OutboxMessage?> ClaimNextAsync(long? only, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.UtcNow;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (only == null || m.Id == only))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.Attempts, m.NextAttemptAt })
            .Take(20)
            .ToListAsync(ct);
        foreach (var candidate in due)
        {
            var lease = now + ClaimLease;
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == candidate.Id && m.SentAt == null && m.FailedAt == null
                    && m.Attempts == candidate.Attempts && m.NextAttemptAt == candidate.NextAttemptAt)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, candidate.Attempts + 1).SetProperty(m => m.NextAttemptAt, lease), ct);
            if (claimed == 1)
            {
                return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == candidate.Id, ct);
            }
            // Another sender took it first.
        }
        return null;
    }

    private async Task<Outcome> SendAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            if (await WhyNotAsync(message, ct) is { } reason)
            {
                await FinishAsync(message.Id, m => m.SetProperty(x => x.FailedAt, clock.UtcNow).SetProperty(x => x.LastError, reason));
                log.LogInformation("Message {MessageId} ({Kind}) not sent: {Reason}", message.MessageId, message.Kind, reason);
                return Outcome.Failed;
            }
            using var mime = await ToMimeAsync(message, ct);
            await transport.SendAsync(mime, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped mid-send: give the claim back, so the next sender tries it soon (same Message-Id).
            await FinishAsync(message.Id, m => m.SetProperty(x => x.NextAttemptAt, clock.UtcNow));
            throw;
        }
        catch (Exception ex)
        {
            var error = Outbox.OneLine($"{ex.GetType().Name}: {ex.Message}", 2000);
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                await FinishAsync(message.Id, m => m.SetProperty(x => x.FailedAt, clock.UtcNow).SetProperty(x => x.LastError, error));
                log.LogError("Message {MessageId} ({Kind}) to {UserId} given up after {Attempts} attempts via {Transport}: {Reason}",
                    message.MessageId, message.Kind, message.UserId, message.Attempts, transport.Describe(), error);
                return Outcome.Failed;
            }
            var next = clock.UtcNow + Backoff(message.Attempts);
            await FinishAsync(message.Id, m => m.SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, error));
            log.LogWarning("Message {MessageId} ({Kind}) attempt {Attempts} via {Transport} failed, next at {Next:u}: {Reason}",
                message.MessageId, message.Kind, message.Attempts, transport.Describe(), next, error);
            return Outcome.Retrying;
        }
        await FinishAsync(message.Id, m => m.SetProperty(x => x.SentAt, clock.UtcNow).SetProperty(x => x.LastError, (string?)null));
        log.LogInformation("Message {MessageId} ({Kind}) sent via {Transport}", message.MessageId, message.Kind, transport.Describe());
        return Outcome.Sent;
    }

    /// <summary>A reason not to send after all: the account was disabled, or opted out, after the message was queued.</summary>
    private async Task<string?> WhyNotAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.UserId is null || message.Kind == MessageKind.Test)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == message.UserId)
            .Select(u => new { u.IsDisabled, u.ReceiveReminders, u.ReceiveDigests, u.ReceiveAnswerRoundUps }).FirstOrDefaultAsync(ct);
        return user is null ? "The account no longer exists."
            : user.IsDisabled ? "The account is disabled."
            : message.Kind == MessageKind.Reminder && !user.ReceiveReminders ? "The account no longer receives reminders."
            : message.Kind == MessageKind.Digest && !user.ReceiveDigests ? "The account no longer receives digests."
            : message.Kind == MessageKind.AnswerRoundUp && !user.ReceiveAnswerRoundUps ? "The account no longer receives answer round-ups."
            : null;
    }

    /// <summary>Recorded whatever happens to the caller's token: the message has left (or not) by now.</summary>
    private async Task FinishAsync(long id, Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> set)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(set, CancellationToken.None);
    }

    /// <summary>The message as it goes out: both bodies, the fixed Message-Id, the unsubscribe headers, the brief when there is one.</summary>
    public async Task<MimeMessage> ToMimeAsync(OutboxMessage message, CancellationToken ct)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject, Date = message.CreatedAt };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (message.Kind != MessageKind.Workflow)
        {
            // RFC 8058: mail programs POST "List-Unsubscribe=One-Click" to this address, without a sign-in.
            mime.Headers.Add("List-Unsubscribe", $"<{tokens.OneClickUrl(tokens.Create(message.MessageId))}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        if (message.AttachmentBriefingId is { } briefingId && await attachments.BriefPdfAsync(briefingId, message.UserId, ct) is { } pdf)
        {
            body.Attachments.Add(pdf.FileName, pdf.Content, new ContentType("application", "pdf"));
        }
        if (message.AttachmentReportId is { } reportId && await attachments.ReportPdfAsync(reportId, ct) is { } report)
        {
            body.Attachments.Add(report.FileName, report.Content, new ContentType("application", "pdf"));
        }
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
