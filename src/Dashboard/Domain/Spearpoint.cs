namespace Dashboard.Domain;

public enum SpearpointKind
{
    Development = 0,
    Substantive = 1,
}

/// <summary>
/// A spearpoint (speerpunt) of a plan: its current values, with every earlier version in
/// <see cref="Revisions"/> so that the plan on any reference date shows it as it was then.
/// Never deleted: a spearpoint that stops is ended, with a reason.
/// </summary>
public class Spearpoint : IEndable, IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public SpearpointKind Kind { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    /// <summary>The owner as free text (a role title), from before owners were accounts; shown until an account is picked.</summary>
    public string OwnerRole { get; set; } = "";
    /// <summary>The owner's account (a manager or beheerder), if one was picked.</summary>
    public string? OwnerId { get; set; }
    public DashboardUser? Owner { get; set; }
    public int SortOrder { get; set; }
    /// <summary>When it was ended (UTC), and why; null while it runs.</summary>
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
    /// <summary>App-managed concurrency token: bumped by every change to the spearpoint or its status.</summary>
    public int Version { get; set; }

    public List<StatusUpdate> StatusUpdates { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
    public List<Indicator> Indicators { get; set; } = [];
    public List<SpearpointRevision> Revisions { get; set; } = [];

    public void End(DateTime at, string reason)
    {
        EndedAt = at;
        EndReason = reason;
    }
}

/// <summary>
/// Append-only snapshot of a spearpoint after each change (added, edited, moved, ended): the plan's
/// spearpoints on a reference date are the latest revisions before it. No revision: it did not exist yet.
/// </summary>
public class SpearpointRevision
{
    public long Id { get; set; }
    public int SpearpointId { get; set; }
    public Spearpoint? Spearpoint { get; set; }
    public SpearpointKind Kind { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public required string Author { get; set; }
    public DateTime RecordedAt { get; set; }

    public static SpearpointRevision Of(Spearpoint s, string author, DateTime recordedAt) => new()
    {
        SpearpointId = s.Id,
        Spearpoint = s,
        Kind = s.Kind,
        Code = s.Code,
        Title = s.Title,
        Description = s.Description,
        SortOrder = s.SortOrder,
        EndedAt = s.EndedAt,
        EndReason = s.EndReason,
        Author = author,
        RecordedAt = recordedAt,
    };
}
