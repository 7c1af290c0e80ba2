namespace Dashboard.Domain;

/// <summary>
/// A rapportage: a plan's state at a peildatum, prepared as a concept, handed in for release (ter vaststelling) and
/// released (vastgesteld) by someone who did not prepare it. From hand-in on its content is a stored
/// <see cref="ReportSnapshot"/>; what the council reads of a released one comes from those bytes only.
/// </summary>
public class Report : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public DateOnly ReferenceDate { get; set; }
    /// <summary>The samenvatting: the college's words above the figures.</summary>
    public string Summary { get; set; } = "";
    public ReportState State { get; set; }
    public required string PreparedById { get; set; }
    public required string PreparedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The briefing this rapportage is the brief of, if any.</summary>
    public int? BriefingId { get; set; }
    public int Version { get; set; }

    public List<ReportNote> Notes { get; set; } = [];
    /// <summary>Everyone who prepared it or changed its texts or peildatum: none of them may release it.</summary>
    public List<ReportAuthor> Authors { get; set; } = [];
    public List<ReportTransition> Transitions { get; set; } = [];

    /// <summary>Moves to the next state, recording who did it, when and (sending it back) why.</summary>
    public void Step(ReportState to, string actorId, string actor, DateTime at, string? reason = null)
    {
        Transitions.Add(new ReportTransition { ReportId = Id, From = State, To = to, ActorId = actorId, Actor = actor, At = at, Reason = reason });
        State = to;
        Version++;
    }

    /// <summary>Whoever prepared or changed it may not release it.</summary>
    public bool IsAuthor(string userId) => PreparedById == userId || Authors.Any(a => a.UserId == userId);

    public void AddAuthor(string userId)
    {
        if (!IsAuthor(userId))
        {
            Authors.Add(new ReportAuthor { ReportId = Id, UserId = userId });
        }
    }
}

public enum ReportState
{
    Concept = 0,
    Submitted = 1,
    Released = 2,
}

/// <summary>An optional note of the preparer on one spearpoint, shown beside its figures.</summary>
public class ReportNote
{
    public int ReportId { get; set; }
    public int SpearpointId { get; set; }
    public required string Text { get; set; }
}

public class ReportAuthor
{
    public int ReportId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>One step of a rapportage's life (opgesteld, aangeboden, teruggestuurd with its reason, vastgesteld). Append-only.</summary>
public class ReportTransition
{
    public long Id { get; set; }
    public int ReportId { get; set; }
    public ReportState From { get; set; }
    public ReportState To { get; set; }
    public required string ActorId { get; set; }
    public required string Actor { get; set; }
    public DateTime At { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// What was handed in, as a document (the rapportage's read model as UTF-8 JSON) with the SHA-256 of those bytes. Sending
/// it back deletes it; release stamps it, and from then on the database refuses to change or delete it.
/// </summary>
public class ReportSnapshot
{
    public int ReportId { get; set; }
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public DateTime SubmittedAt { get; set; }
    public DateTime? ReleasedAt { get; set; }
    public string? ReleasedById { get; set; }
    public string? ReleasedBy { get; set; }
}

/// <summary>The PDF of a released rapportage, printed once at release. Never changed.</summary>
public class ReportPdf
{
    public int ReportId { get; set; }
    public required byte[] Content { get; set; }
    public DateTime CreatedAt { get; set; }
}
