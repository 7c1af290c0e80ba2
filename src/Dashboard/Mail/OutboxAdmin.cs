using Dashboard.Briefings;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Mail;

public enum OutboxState
{
    Queued = 0,
    Sent = 1,
    Failed = 2,
}

/// <summary>A message as the beheerder sees it in Verzonden berichten: no bodies.</summary>
public sealed record OutboxRow(long Id, MessageKind Kind, string To, string Subject, OutboxState State, DateTime CreatedAt,
    DateTime? SentAt, DateTime? FailedAt, DateTime NextAttemptAt, int Attempts, string? LastError);

public sealed record OutboxOverview(int Queued, int Sent, int Failed, IReadOnlyList<OutboxRow> Latest);

/// <summary>The outbox for the beheerder: what is queued, sent and failed, and trying a failed message again. Beheerders only, audited.</summary>
public sealed class OutboxAdmin(EditorKit kit)
{
    public async Task<OutboxOverview?> GetAsync(Actor actor, int take = 50, CancellationToken ct = default)
    {
        if (!actor.IsAdmin || actor.IsApiKey)
        {
            return null;
        }
        await using var db = await kit.CreateDbAsync(ct);
        var queued = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt == null, ct);
        var sent = await db.OutboxMessages.CountAsync(m => m.SentAt != null, ct);
        var failed = await db.OutboxMessages.CountAsync(m => m.SentAt == null && m.FailedAt != null, ct);
        // Failed first (they need the beheerder), then waiting, then the latest sent.
        var latest = await db.OutboxMessages.AsNoTracking()
            .OrderBy(m => m.SentAt == null && m.FailedAt != null ? 0 : m.SentAt == null ? 1 : 2)
            .ThenByDescending(m => m.Id)
            .Take(take)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.To, m.Subject,
                m.SentAt != null ? OutboxState.Sent : m.FailedAt != null ? OutboxState.Failed : OutboxState.Queued,
                m.CreatedAt, m.SentAt, m.FailedAt, m.NextAttemptAt, m.Attempts, m.LastError))
            .ToListAsync(ct);
        return new OutboxOverview(queued, sent, failed, latest);
    }

    /// <summary>A failed message back in the queue, due now, with its attempts counted from zero (same Message-Id).</summary>
    public async Task<SaveResult> RetryAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (await kit.ForbiddenUnlessAsync(new Write(actor, "mail.retry", "OutboxMessage", id, new { id }), Right.Administer, null, ct) is { } forbidden)
        {
            return forbidden;
        }
        await using var db = await kit.CreateDbAsync(ct);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.SentAt is not null || message.FailedAt is null)
        {
            return new SaveResult(SaveOutcome.NotFound, kit.L["Mail.Outbox.NotFailed"]);
        }
        var old = new { message.FailedAt, message.Attempts, message.LastError };
        message.FailedAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = kit.Clock.UtcNow;
        kit.Audit.Add(db, actor, "mail.retry", "OutboxMessage", id, null, old, new { message.Attempts, message.NextAttemptAt });
        await db.SaveChangesAsync(ct);
        return new SaveResult(SaveOutcome.Saved, kit.L["Mail.Outbox.Retried"]);
    }
}
