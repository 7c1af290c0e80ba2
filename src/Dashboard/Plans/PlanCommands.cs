using Dashboard.Domain;

namespace Dashboard.Plans;

// What the plan, spearpoint and indicator forms send to the write methods. As for every command: the
// plan it was made in, and for an edit the version it started from.

/// <summary>Plan aanmaken. <see cref="CouncilSees"/> (Raad ziet) left out: the vastgestelde stand.</summary>
public sealed record CreatePlanCommand(string? Name, string? Organisation, DateOnly? StartDate, DateOnly? EndDate, string? Description,
    CouncilView? CouncilSees = null);

/// <summary>
/// Plan bewerken. <see cref="CouncilSees"/> (Raad ziet) left out: as it is. <see cref="EditorIds"/> (Redacteuren), the
/// accounts with role manager that edit the plan; left out: as they are.
/// </summary>
public sealed record EditPlanCommand(
    int PlanId, int ExpectedVersion, string? Name, string? Organisation, DateOnly? StartDate, DateOnly? EndDate, string? Description,
    CouncilView? CouncilSees = null, IReadOnlyList<string>? EditorIds = null);

/// <summary>Archive (true) or bring back (false) a plan.</summary>
public sealed record ArchivePlanCommand(int PlanId, int ExpectedVersion, bool Archived);

/// <summary>
/// A plan for the next period from an existing one (Vervolgplan maken): the chosen spearpoints (null: all that
/// still run), their unfinished milestones, their indicators with the latest value as baseline, their owners.
/// </summary>
public sealed record FollowUpPlanCommand(
    int FromPlanId, string? Name, string? Organisation, DateOnly? StartDate, DateOnly? EndDate, string? Description,
    IReadOnlyList<int>? SpearpointIds);

public sealed record AddSpearpointCommand(
    int PlanId, string? Code, string? Title, string? Description, SpearpointKind Kind, string? OwnerId);

public sealed record EditSpearpointCommand(
    int PlanId, int SpearpointId, int ExpectedVersion, string? Code, string? Title, string? Description, SpearpointKind Kind, string? OwnerId);

/// <summary>
/// Moves a spearpoint one place up (-1) or down (+1) among the running spearpoints of its kind. No version: a
/// move is relative to the order as it is now, so it overwrites nobody's edit.
/// </summary>
public sealed record MoveSpearpointCommand(int PlanId, int SpearpointId, int Direction);

public sealed record EndSpearpointCommand(int PlanId, int SpearpointId, int ExpectedVersion, string? Reason);
