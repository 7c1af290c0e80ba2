namespace Dashboard.Domain;

/// <summary>A progress report (voortgangsbericht). Append-only: a correction is a new update.</summary>
public class StatusUpdate
{
    public long Id { get; set; }
    public int SpearpointId { get; set; }
    public Spearpoint? Spearpoint { get; set; }
    public Status Status { get; set; }
    public string Explanation { get; set; } = "";
    public string? Cause { get; set; }
    public string? Consequence { get; set; }
    public string? CorrectiveAction { get; set; }
    public required string Author { get; set; }
    /// <summary>When the update was recorded, UTC.</summary>
    public DateTime RecordedAt { get; set; }
}
