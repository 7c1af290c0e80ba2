namespace Dashboard.Domain;

/// <summary>
/// A technische vraag: a council member's factual question about a spearpoint, optionally for a coming briefing, with the
/// deadlines that held when it was asked (the briefing's, or the next coming briefing's, or none). Its answers are
/// <see cref="QuestionAnswer"/> rows: a correction is a new one, the earlier stay visible with their times.
/// </summary>
public class Question : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int SpearpointId { get; set; }
    public Spearpoint? Spearpoint { get; set; }
    /// <summary>The briefing the question is for, if the asker chose one.</summary>
    public int? BriefingId { get; set; }
    public required string AskedById { get; set; }
    public required string AskedBy { get; set; }
    /// <summary>The Vraag, as typed (rendered as text).</summary>
    public required string Text { get; set; }
    /// <summary>Niet openbaar: only the asker, the plan's editors, the spearpoint's owner and beheerders see it.</summary>
    public bool NotPublic { get; set; }
    public DateTime AskedAt { get; set; }
    /// <summary>Vragen tot (UTC) that held when it was asked; a question after it is accepted and marked late for the team.</summary>
    public DateTime? QuestionsUntil { get; set; }
    /// <summary>Antwoord uiterlijk (UTC): a first answer after it makes the question Te laat beantwoord.</summary>
    public DateTime? AnswerBy { get; set; }
    /// <summary>When it was first answered; a correction does not move it.</summary>
    public DateTime? AnsweredAt { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public int Version { get; set; }

    public List<QuestionAnswer> Answers { get; set; } = [];

    public bool AskedLate => QuestionsUntil is { } until && AskedAt > until;

    public QuestionState State => StateOf(WithdrawnAt, AnsweredAt, AnswerBy);

    /// <summary>The state from the times: withdrawn, answered (late after antwoord uiterlijk), or open. Also of a question as it stood on a peildatum.</summary>
    public static QuestionState StateOf(DateTime? withdrawnAt, DateTime? answeredAt, DateTime? answerBy) =>
        withdrawnAt is not null ? QuestionState.Withdrawn
        : answeredAt is { } answered ? (answerBy is { } by && answered > by ? QuestionState.AnsweredLate : QuestionState.Answered)
        : QuestionState.Open;
}

/// <summary>Open, Beantwoord, Te laat beantwoord, Ingetrokken.</summary>
public enum QuestionState
{
    Open = 0,
    Answered = 1,
    AnsweredLate = 2,
    Withdrawn = 3,
}

/// <summary>One revision of the answer to a question; the latest is the answer, earlier ones are shown with their times. Append-only.</summary>
public class QuestionAnswer
{
    public long Id { get; set; }
    public int QuestionId { get; set; }
    public required string Text { get; set; }
    public required string AnsweredById { get; set; }
    public required string AnsweredBy { get; set; }
    public DateTime AnsweredAt { get; set; }
}

/// <summary>A link from a spearpoint to a council document (an ORI or RIS document), shown beside its questions.</summary>
public class SpearpointLink
{
    public int Id { get; set; }
    public int SpearpointId { get; set; }
    public required string Url { get; set; }
    public required string Title { get; set; }
    public required string AddedBy { get; set; }
    public DateTime AddedAt { get; set; }
}
