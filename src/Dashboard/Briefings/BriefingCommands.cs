namespace Dashboard.Briefings;

// What the briefing form sends to the write methods: the plan it was made in, and for an edit the version it started from.

/// <summary>A new briefing (bijpraatsessie): its date, title, audience, agenda text, notes and the spearpoints on its agenda.</summary>
/// <summary>
/// <see cref="QuestionsUntil"/> (vragen tot) and <see cref="AnswersBy"/> (antwoord uiterlijk) are Dutch date and time as the
/// form has them; null takes the default from the settings.
/// </summary>
public sealed record AddBriefingCommand(
    int PlanId, DateOnly? Date, string? Title, string? Audience, string? Agenda, string? Notes, IReadOnlyList<int>? SpearpointIds,
    DateTime? QuestionsUntil = null, DateTime? AnswersBy = null);

public sealed record EditBriefingCommand(
    int PlanId, int BriefingId, int ExpectedVersion, DateOnly? Date, string? Title, string? Audience, string? Agenda, string? Notes,
    IReadOnlyList<int>? SpearpointIds, DateTime? QuestionsUntil = null, DateTime? AnswersBy = null);
