using Dashboard.Domain;

namespace Dashboard.Services;

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
    IReadOnlyList<AgendaSpearpoint> Spearpoints);

/// <summary>Another briefing, to refer to ("sinds de bijpraatsessie van 11 oktober 2022").</summary>
public sealed record BriefingRef(int Id, DateOnly Date, string Title);

/// <summary>The /bijpraatsessies page: coming briefings first (soonest first), then past ones (latest first).</summary>
public sealed record BriefingsModel(
    PlanHeader Plan,
    DateOnly Today,
    IReadOnlyList<BriefingHeader> Coming,
    IReadOnlyList<BriefingHeader> Past,
    IReadOnlyList<AgendaSpearpoint> PlanSpearpoints);

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
    IReadOnlyList<SpearpointBrief> Spearpoints);

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
    IReadOnlyList<IndicatorMovement> Indicators)
{
    /// <summary>No progress report (voortgangsbericht) was recorded between the two dates.</summary>
    public bool NoUpdateSince => NewUpdates.Count == 0;

    public bool IsEmpty => Status is null && NewUpdates.Count == 0 && Milestones.Count == 0 && Indicators.Count == 0;
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
