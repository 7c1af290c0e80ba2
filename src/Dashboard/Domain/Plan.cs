namespace Dashboard.Domain;

/// <summary>A plan (jaarplan) with its spearpoints.</summary>
public class Plan
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Organisation { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    /// <summary>Seeded demo data: the UI says so wherever it is shown.</summary>
    public bool IsDemo { get; set; }
    public int Version { get; set; }

    public List<Spearpoint> Spearpoints { get; set; } = [];
    public List<Briefing> Briefings { get; set; } = [];
}
