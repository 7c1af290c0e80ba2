namespace Dashboard.Domain;

/// <summary>A plan (jaarplan) with its spearpoints. Never deleted: an old plan is archived.</summary>
public class Plan : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Organisation { get; set; }
    public string Description { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    /// <summary>Seeded demo data: the UI says so wherever it is shown.</summary>
    public bool IsDemo { get; set; }
    /// <summary>When it was archived (UTC): out of the default lists and the plan switcher, still readable by its address.</summary>
    public DateTime? ArchivedAt { get; set; }
    /// <summary>The plan this one follows up (Vervolgplan maken), if it was made that way.</summary>
    public int? PreviousPlanId { get; set; }
    /// <summary>
    /// What council members and the public see: the latest released rapportage (what a plan made in the browser starts
    /// with) or the live state. Plans made before rapportages existed keep the live state, so nobody's view changed unasked.
    /// </summary>
    public CouncilView CouncilSees { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }

    public List<Spearpoint> Spearpoints { get; set; } = [];
    public List<Briefing> Briefings { get; set; } = [];
    /// <summary>The redacteuren: the accounts that change this plan's data besides the beheerders.</summary>
    public List<PlanEditorship> Editors { get; set; } = [];
}

/// <summary>Raad ziet: Vastgestelde stand or Actuele stand.</summary>
public enum CouncilView
{
    Live = 0,
    Released = 1,
}

/// <summary>Where a plan stands today: lopend, komend, afgelopen, gearchiveerd.</summary>
public enum PlanState
{
    Running = 0,
    Coming = 1,
    Ended = 2,
    Archived = 3,
}
