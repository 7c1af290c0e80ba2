using Dashboard.Editing;

namespace Dashboard.Domain;

public enum AuditResult
{
    Success = 0,
    Refused = 1,
    Conflict = 2,
    Forbidden = 3,
}

/// <summary>One line of the append-only audit trail: every change, and every refused one.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string ObjectType { get; set; }
    public string? ObjectId { get; set; }
    /// <summary>The spearpoint the change belongs to, for its "Wijzigingen" list.</summary>
    public int? SpearpointId { get; set; }
    public AuditResult Result { get; set; }
    public string Origin { get; set; } = "";
    public string? OldValues { get; set; }
    public string? NewValues { get; set; }
    public string? Message { get; set; }
}
