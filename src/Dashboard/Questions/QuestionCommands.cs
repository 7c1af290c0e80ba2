namespace Dashboard.Questions;

// What the question forms send to the write methods: the plan they were made in, and for a change the version it started from.

/// <summary>Vraag stellen: on a spearpoint, optionally for a briefing of the plan.</summary>
public sealed record AskQuestionCommand(int PlanId, int SpearpointId, string? Text, bool NotPublic = false, int? BriefingId = null);

/// <summary>Beantwoorden, or the correction of an answer (a new revision): the text of the answer.</summary>
public sealed record AnswerQuestionCommand(int PlanId, int QuestionId, string? Text, int? ExpectedVersion = null);

/// <summary>Intrekken: the asker takes the question back, before it is answered.</summary>
public sealed record WithdrawQuestionCommand(int PlanId, int QuestionId, int? ExpectedVersion = null);

/// <summary>A link from a spearpoint to a council document: an https address and its title.</summary>
public sealed record AddSpearpointLinkCommand(int PlanId, int SpearpointId, string? Url, string? Title);
