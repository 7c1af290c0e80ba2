using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Mail;

/// <summary>What a person receives: the Meldingen section of Mijn account.</summary>
public sealed record MailPreferenceValues(bool ReceiveReminders, bool ReceiveDigests, string Language, bool ReceiveAnswerRoundUps = false);

/// <summary>What an unsubscribe link is about, for its confirmation page.</summary>
public enum UnsubscribeState
{
    Invalid = 0,
    Ready = 1,
    AlreadyUsed = 2,
    Done = 3,
}

public sealed record UnsubscribeInfo(UnsubscribeState State, MessageKind Kind = MessageKind.Test, string? Email = null);

/// <summary>
/// Saving one's own message preferences, and the one-click unsubscribe of a message: both audited in the
/// same transaction as the change. The unsubscribe link needs no sign-in; its signed token is the proof.
/// </summary>
public sealed class MailPreferences(IDbContextFactory<DashboardDbContext> dbFactory, EditorKit kit, UnsubscribeTokens tokens, DashboardClock clock)
{
    public async Task<MailPreferenceValues?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new MailPreferenceValues(u.ReceiveReminders, u.ReceiveDigests, u.Language, u.ReceiveAnswerRoundUps))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Only one's own preferences, and only when signed in with an enabled account.</summary>
    public async Task<SaveResult> SaveAsync(Actor actor, MailPreferenceValues values, CancellationToken ct = default)
    {
        var write = new Write(actor, "mail.preferences", "User", actor.UserId, values);
        if (actor.UserId is null || actor.Roles.Count == 0 || actor.IsApiKey)
        {
            return await kit.ForbiddenAsync(write, ct);
        }
        var language = MailCulture.Normalise(values.Language);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == actor.UserId, ct);
        if (user is null)
        {
            return await kit.ForbiddenAsync(write, ct);
        }
        var old = new MailPreferenceValues(user.ReceiveReminders, user.ReceiveDigests, user.Language, user.ReceiveAnswerRoundUps);
        var saved = values with { Language = language };
        user.ReceiveReminders = saved.ReceiveReminders;
        user.ReceiveDigests = saved.ReceiveDigests;
        user.ReceiveAnswerRoundUps = saved.ReceiveAnswerRoundUps;
        user.Language = saved.Language;
        kit.Audit.Add(db, actor, "mail.preferences", "User", user.Id, null, old, saved);
        await db.SaveChangesAsync(ct);
        return new SaveResult(SaveOutcome.Saved, kit.L["Mail.PreferencesSaved"]);
    }

    /// <summary>What the link would do, without doing it (the GET of the confirmation page).</summary>
    public async Task<UnsubscribeInfo> CheckAsync(string? token, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } messageId)
        {
            return new(UnsubscribeState.Invalid);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.MessageId == messageId)
            .Select(m => new { m.Kind, m.To, m.UnsubscribedAt }).FirstOrDefaultAsync(ct);
        return message is null ? new(UnsubscribeState.Invalid)
            : new(message.UnsubscribedAt is null ? UnsubscribeState.Ready : UnsubscribeState.AlreadyUsed, message.Kind, message.To);
    }

    /// <summary>
    /// Turns off the kind of the message for its recipient. Works once per message: a conditional update on
    /// UnsubscribedAt, in one transaction with the preference and the audit entry.
    /// </summary>
    public async Task<UnsubscribeInfo> UnsubscribeAsync(string? token, string origin, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } messageId)
        {
            await kit.Audit.RefusedAsync(Actor.Anonymous with { Origin = origin }, "mail.unsubscribe", "OutboxMessage", null, null,
                AuditResult.Refused, null, "Invalid or expired token", ct);
            return new(UnsubscribeState.Invalid);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId, ct);
        if (message is null)
        {
            return new(UnsubscribeState.Invalid);
        }
        var now = clock.UtcNow;
        var first = await db.OutboxMessages.Where(m => m.Id == message.Id && m.UnsubscribedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UnsubscribedAt, now), ct);
        if (first == 0)
        {
            return new(UnsubscribeState.AlreadyUsed, message.Kind, message.To);
        }
        var user = message.UserId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == message.UserId, ct);
        var actor = new Actor(user?.DisplayName is { Length: > 0 } name ? name : message.To, new HashSet<string>(), origin, user?.Email ?? message.To, user?.Id);
        if (user is not null)
        {
            var old = new MailPreferenceValues(user.ReceiveReminders, user.ReceiveDigests, user.Language, user.ReceiveAnswerRoundUps);
            if (message.Kind == MessageKind.Reminder)
            {
                user.ReceiveReminders = false;
            }
            else if (message.Kind == MessageKind.Digest)
            {
                user.ReceiveDigests = false;
            }
            else if (message.Kind == MessageKind.AnswerRoundUp)
            {
                user.ReceiveAnswerRoundUps = false;
            }
            kit.Audit.Add(db, actor, "mail.unsubscribe", "OutboxMessage", message.Id, null, old,
                new MailPreferenceValues(user.ReceiveReminders, user.ReceiveDigests, user.Language, user.ReceiveAnswerRoundUps), $"{message.Kind} {message.MessageId}");
        }
        else
        {
            kit.Audit.Add(db, actor, "mail.unsubscribe", "OutboxMessage", message.Id, null, null, null, $"{message.Kind} {message.MessageId}");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(UnsubscribeState.Done, message.Kind, message.To);
    }

    public static IReadOnlyList<string> Languages => Cultures.Supported;
}
