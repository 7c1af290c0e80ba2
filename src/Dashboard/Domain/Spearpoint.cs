namespace Dashboard.Domain;

public enum SpearpointKind
{
    Development = 0,
    Substantive = 1,
}

/// <summary>A spearpoint (speerpunt) of a plan.</summary>
public class Spearpoint
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public SpearpointKind Kind { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public string OwnerRole { get; set; } = "";
    public int SortOrder { get; set; }
    /// <summary>App-managed concurrency token: bumped by every change to the spearpoint or its status.</summary>
    public int Version { get; set; }

    public List<StatusUpdate> StatusUpdates { get; set; } = [];
    public List<Milestone> Milestones { get; set; } = [];
    public List<Indicator> Indicators { get; set; } = [];
}
