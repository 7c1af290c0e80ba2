namespace Dashboard.Domain;

/// <summary>A briefing session (bijpraatsessie) for the council.</summary>
public class Briefing : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public DateOnly Date { get; set; }
    public required string Title { get; set; }
    public string Audience { get; set; } = "";
    public string Agenda { get; set; } = "";
    public string Notes { get; set; } = "";
    /// <summary>How many days before the briefing its digest goes to the audience.</summary>
    public int DigestDaysBefore { get; set; } = 3;
    /// <summary>Vragen tot (UTC): technische vragen for this briefing are in by then; null takes the default from the settings.</summary>
    public DateTime? QuestionsUntil { get; set; }
    /// <summary>Antwoord uiterlijk (UTC): the team answers by then; null takes the default from the settings.</summary>
    public DateTime? AnswersBy { get; set; }
    public int Version { get; set; }

    /// <summary>The spearpoints on the agenda.</summary>
    public List<Spearpoint> Spearpoints { get; set; } = [];
}
