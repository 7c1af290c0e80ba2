using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Npgsql;

namespace Dashboard.Mail;

/// <summary>
/// Queues messages into the outbox table. <see cref="Add"/> puts one into the caller's own context, so it is
/// saved in the same transaction as what caused it; <see cref="TryQueueAsync"/> saves one on its own. The unique
/// DedupKey makes a second queueing of the same reminder or digest fail harmlessly, also from another instance.
/// </summary>
public sealed class Outbox(IDbContextFactory<DashboardDbContext> dbFactory, DashboardClock clock, IOptions<MailOptions> options)
{
    /// <summary>A new, globally unique Message-Id in the sender's domain; fixed from queueing on.</summary>
    public string NewMessageId()
    {
        var domain = MailboxAddress.TryParse(options.Value.From, out var from) && from.Domain is { Length: > 0 } d ? d : "voortgangsdashboard.local";
        return $"{Guid.NewGuid():N}@{domain}";
    }

    public OutboxMessage Add(DashboardDbContext db, MessageKind kind, string dedupKey, string messageId, string? userId, string to,
        string subject, MailRenderer.Rendered body, int? attachmentBriefingId = null, int? attachmentReportId = null)
    {
        var now = clock.UtcNow;
        var message = new OutboxMessage
        {
            Kind = kind,
            MessageId = messageId,
            DedupKey = dedupKey,
            UserId = userId,
            To = to,
            // A header is one line.
            Subject = OneLine(subject, 400),
            HtmlBody = body.Html,
            TextBody = body.Text,
            AttachmentBriefingId = attachmentBriefingId,
            AttachmentReportId = attachmentReportId,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Whether a message with this key was ever queued (sent, failed or waiting).</summary>
    public async Task<bool> ExistsAsync(string dedupKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OutboxMessages.AnyAsync(m => m.DedupKey == dedupKey, ct);
    }

    /// <summary>Saves one message on its own; false when its DedupKey was already queued (by this or another instance).</summary>
    public async Task<bool> TryQueueAsync(Func<DashboardDbContext, OutboxMessage> add, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        add(db);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// A unique index refused the row, on either database: SQLite's constraint error 19 naming UNIQUE, PostgreSQL's
    /// SQLSTATE 23505. The save was its own transaction, rolled back by EF Core, so the context may be used again.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } sqlite => sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    public static string OneLine(string text, int max)
    {
        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
