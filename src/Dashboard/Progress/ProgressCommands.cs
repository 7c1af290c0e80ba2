using Dashboard.Briefings;
using Dashboard.Domain;

namespace Dashboard.Progress;

// What the forms send to the write methods. Every command names the plan it was made in, so an id
// from another plan is refused; edits carry the version they started from, so no save overwrites
// a colleague's change unknowingly.

public sealed record StatusCommand(
    int PlanId, int SpearpointId, int ExpectedVersion, Status Status, string? Explanation,
    string? Cause = null, string? Consequence = null, string? CorrectiveAction = null);

public sealed record AddMilestoneCommand(int PlanId, int SpearpointId, string? Title, DateOnly? DueDate);

/// <summary>Title, due date (a later date is a reschedule; the original stays) and state of an open milestone.</summary>
public sealed record EditMilestoneCommand(int PlanId, int MilestoneId, int ExpectedVersion, string? Title, DateOnly? DueDate, Status State);

public sealed record CompleteMilestoneCommand(int PlanId, int MilestoneId, int ExpectedVersion, DateOnly? CompletedOn);

public sealed record CancelMilestoneCommand(int PlanId, int MilestoneId, int ExpectedVersion, string? CancelReason);

/// <summary>Moves a milestone one place up (-1) or down (+1) in its spearpoint's list.</summary>
public sealed record MoveMilestoneCommand(int PlanId, int MilestoneId, int ExpectedVersion, int Direction);

public sealed record AddMeasurementCommand(int PlanId, int IndicatorId, DateOnly? Date, double? Value, string? Note);

public sealed record AddIndicatorCommand(
    int PlanId, int SpearpointId, string? Name, string? Unit, double? Baseline, DateOnly? BaselineDate, double? Target,
    IndicatorDirection Direction, MeasurementFrequency Frequency);

public sealed record EditIndicatorCommand(
    int PlanId, int IndicatorId, int ExpectedVersion, string? Name, string? Unit, double? Baseline, DateOnly? BaselineDate, double? Target,
    IndicatorDirection Direction, MeasurementFrequency Frequency);

public sealed record EndIndicatorCommand(int PlanId, int IndicatorId, int ExpectedVersion, string? Reason);
