using Dashboard.Common;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;

namespace Dashboard.Briefings;

// Read models of the briefing pages and the printable brief, built by BriefingQueries.

public sealed record AgendaSpearpoint(int Id, string Code, string Title);

/// <summary>A briefing as the list and the forms show it.</summary>
public sealed record BriefingHeader(
    int Id,
    int PlanId,
    DateOnly Date,
    string Title,
    string Audience,
    string Agenda,
    string Notes,
    int Version,
    IReadOnlyList<AgendaSpearpoint> Spearpoints)
{
    /// <summary>Vragen tot (UTC) as set on the briefing; null: the default from the settings.</summary>
    public DateTime? QuestionsUntil { get; init; }
    /// <summary>Antwoord uiterlijk (UTC) as set on the briefing; null: the default from the settings.</summary>
    public DateTime? AnswersBy { get; init; }
}

/// <summary>Another briefing, to refer to ("sinds de bijpraatsessie van 11 oktober 2022").</summary>
public sealed record BriefingRef(int Id, DateOnly Date, string Title);

/// <summary>The /bijpraatsessies page: coming briefings first (soonest first), then past ones (latest first).</summary>
public sealed record BriefingsModel(
    PlanHeader Plan,
    DateOnly Today,
    IReadOnlyList<BriefingHeader> Coming,
    IReadOnlyList<BriefingHeader> Past,
    IReadOnlyList<AgendaSpearpoint> PlanSpearpoints)
{
    /// <summary>
    /// What the agenda picker offers for a briefing: the running spearpoints (<see cref="PlanSpearpoints"/>), plus those already
    /// on its agenda that have ended since, so that editing an older briefing keeps its agenda.
    /// </summary>
    public IReadOnlyList<AgendaSpearpoint> AgendaChoices(BriefingHeader? briefing) =>
        briefing is null ? PlanSpearpoints : PlanSpearpoints.UnionBy(briefing.Spearpoints, s => s.Id).ToList();
}

/// <summary>
/// One briefing: the state of each spearpoint on the agenda on the briefing's date and, when there was
/// an earlier briefing, what changed since. Needs-attention and delayed spearpoints come first.
/// </summary>
public sealed record BriefingDetail(
    PlanHeader Plan,
    BriefingHeader Briefing,
    ReferencePoint Reference,
    bool IsUpcoming,
    BriefingRef? Previous,
    BriefingRef? Next,
    IReadOnlyList<SpearpointBrief> Spearpoints,
    IReadOnlyList<PlanChange> PlanChanges,
    Showing? Shown = null)
{
    /// <summary>
    /// The briefing's public technische vragen, the brief's appendix and the presentation's Vragen slides: the team's own words,
    /// shown at once, also where the council sees released rapportages.
    /// </summary>
    public IReadOnlyList<QuestionView> Questions { get; init; } = [];
}

public enum PlanChangeKind
{
    Added = 0,
    Renamed = 1,
    Ended = 2,
}

/// <summary>
/// A change to the plan's spearpoints between two briefings (all of the plan's, not only the agenda's). Code and title are
/// those of the later date; for Renamed the old ones too; for Ended when and why.
/// </summary>
public sealed record PlanChange(
    PlanChangeKind Kind,
    int SpearpointId,
    SpearpointKind SpearpointKind,
    string Code,
    string Title,
    string? OldCode = null,
    string? OldTitle = null,
    DateTime? EndedAt = null,
    string? Reason = null);

public enum IndicatorChangeKind
{
    Added = 0,
    Ended = 1,
}

/// <summary>An indicator of a spearpoint added or ended between two briefings; for Ended when and why.</summary>
public sealed record IndicatorChange(IndicatorChangeKind Kind, int IndicatorId, string Name, DateTime? EndedAt = null, string? Reason = null);

/// <summary>A spearpoint on the agenda: its state on the reference date, and the changes since the previous briefing (null without one).</summary>
public sealed record SpearpointBrief(
    SpearpointSummary Summary,
    string Description,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<IndicatorView> Indicators,
    SpearpointChanges? Changes)
{
    /// <summary>Aandachtspunt and Vertraagd: shown first, with cause, consequence and corrective action.</summary>
    public bool NeedsAttention => Summary.Status.RequiresExplanation();
}

/// <summary>What changed for one spearpoint between two reference points.</summary>
public sealed record SpearpointChanges(
    StatusChange? Status,
    IReadOnlyList<StatusUpdateView> NewUpdates,
    IReadOnlyList<MilestoneChange> Milestones,
    IReadOnlyList<IndicatorMovement> Indicators,
    IReadOnlyList<IndicatorChange> IndicatorChanges)
{
    /// <summary>No progress report (voortgangsbericht) was recorded between the two dates.</summary>
    public bool NoUpdateSince => NewUpdates.Count == 0;

    public bool IsEmpty => Status is null && NewUpdates.Count == 0 && Milestones.Count == 0 && Indicators.Count == 0
        && IndicatorChanges.Count == 0;
}

public sealed record StatusChange(Status From, Status To);

public enum MilestoneChangeKind
{
    Added = 0,
    Completed = 1,
    Slipped = 2,
    BroughtForward = 3,
    Cancelled = 4,
    BecameOverdue = 5,
    StateChanged = 6,
}

/// <summary>
/// One change to a milestone. Dates: for Slipped and BroughtForward the due date before and after; for
/// Added and BecameOverdue the due date; for Completed the completion date. States before and after for StateChanged.
/// </summary>
public sealed record MilestoneChange(
    MilestoneChangeKind Kind,
    int MilestoneId,
    string Title,
    DateOnly? OldDate,
    DateOnly? NewDate,
    Status? OldState,
    Status NewState,
    string? Reason = null);

public enum IndicatorTrend
{
    /// <summary>Measured for the first time since the previous briefing.</summary>
    FirstMeasurement = 0,
    Toward = 1,
    Away = 2,
    Unchanged = 3,
}

/// <summary>An indicator with a new measurement since the previous briefing, and which way it moved relative to its target.</summary>
public sealed record IndicatorMovement(
    int IndicatorId,
    string Name,
    string Unit,
    IndicatorDirection Direction,
    double Target,
    MeasurementView? Before,
    MeasurementView After,
    IndicatorTrend Trend);
