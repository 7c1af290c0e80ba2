namespace Dashboard.Domain;

/// <summary>What a message is for; a person's preferences are per kind.</summary>
public enum MessageKind
{
    Reminder = 0,
    Digest = 1,
    Test = 2,
    /// <summary>A step of a rapportage, to who must act on it or prepared it; part of the work, so it cannot be turned off.</summary>
    Workflow = 3,
    /// <summary>The daily round-up of answers to technische vragen, to a raadslid who opted in.</summary>
    AnswerRoundUp = 4,
}

/// <summary>
/// An e-mail in the outbox: queued in the same transaction as what caused it, sent by the background sender with
/// retries and back-off. <see cref="MessageId"/> is fixed when it is queued, so a retry after a crash mid-send is the
/// same message, and <see cref="DedupKey"/> (unique) makes a second queueing of the same reminder or digest impossible.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public MessageKind Kind { get; set; }
    /// <summary>The RFC 5322 Message-Id, without angle brackets.</summary>
    public required string MessageId { get; set; }
    /// <summary>E.g. "reminder:{userId}:2026-12-01" or "digest:{briefingId}:{userId}".</summary>
    public required string DedupKey { get; set; }
    public string? UserId { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    /// <summary>The briefing whose brief goes along as a PDF, made when the message is sent.</summary>
    public int? AttachmentBriefingId { get; set; }
    /// <summary>The released rapportage whose stored PDF goes along (printed and stored first if nobody asked for it yet).</summary>
    public int? AttachmentReportId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>Given up after the last attempt; a beheerder can try again.</summary>
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>When its one-click unsubscribe link was used (it works once).</summary>
    public DateTime? UnsubscribedAt { get; set; }
}
