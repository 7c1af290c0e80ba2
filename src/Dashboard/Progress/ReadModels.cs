using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Reports;

namespace Dashboard.Progress;

// Read models for pages: plain records built by DashboardQueries, never EF entities.

public sealed record PlanHeader(int Id, string Name, string Organisation, DateOnly StartDate, DateOnly EndDate, bool IsDemo,
    bool IsArchived = false, string Description = "");

/// <summary>A plan as the /plannen list and the plan forms show it, with what its council sees (Raad ziet).</summary>
public sealed record PlanListItem(PlanHeader Plan, PlanState State, int SpearpointCount, int BriefingCount, int Version, int? PreviousPlanId,
    CouncilView CouncilSees = CouncilView.Live);

/// <summary>What a spearpoint is on a reference date, before its status and milestones are added: the card's facts.</summary>
public sealed record SpearpointFacts(
    int Id, int PlanId, SpearpointKind Kind, string Code, string Title, int SortOrder, int Version,
    string? OwnerId, string Owner, DateTime? EndedAt, string? EndReason);

public sealed record MilestoneProgress(int Done, int Total)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Done / Total;
}

public sealed record NextMilestone(string Title, DateOnly DueDate, bool IsOverdue);

public sealed record LatestUpdate(
    Status Status,
    string Explanation,
    string? Cause,
    string? Consequence,
    string? CorrectiveAction,
    string Author,
    DateTime RecordedAt);

/// <summary>What a card on the overview shows of one spearpoint.</summary>
public sealed record SpearpointSummary(
    int Id,
    int PlanId,
    SpearpointKind Kind,
    string Code,
    string Title,
    int SortOrder,
    LatestUpdate? Latest,
    MilestoneProgress Progress,
    NextMilestone? Next,
    int OverdueCount,
    bool NotRecentlyUpdated,
    int Version,
    string Owner = "",
    string? OwnerId = null,
    DateTime? EndedAt = null,
    string? EndReason = null)
{
    /// <summary>Without any update a spearpoint has not started.</summary>
    public Status Status => Latest?.Status ?? Status.NotStarted;

    /// <summary>Ended (beëindigd) on the reference date: kept, shown as ended, no longer worked on.</summary>
    public bool IsEnded => EndedAt is not null;
}

/// <summary>
/// A plan's overview: the running spearpoints by kind, and those ended by the reference date. <see cref="Shown"/> says
/// whether it is live or a released rapportage (<see cref="CouncilReads"/>); null from the live queries themselves.
/// </summary>
public sealed record OverviewModel(
    PlanHeader Plan,
    ReferencePoint Reference,
    IReadOnlyList<SpearpointSummary> Development,
    IReadOnlyList<SpearpointSummary> Substantive,
    IReadOnlyList<SpearpointSummary>? Ended = null,
    Showing? Shown = null)
{
    public IReadOnlyList<SpearpointSummary> EndedSpearpoints => Ended ?? [];
}

/// <summary>Where a carried-over milestone came from: its spearpoint in the earlier plan.</summary>
public sealed record MilestoneOrigin(int SpearpointId, string PlanName);

public sealed record MilestoneView(
    int Id,
    string Title,
    DateOnly DueDate,
    DateOnly OriginalDueDate,
    DateOnly? CompletedOn,
    Status State,
    string? CancelReason,
    int SortOrder,
    bool IsOverdue,
    bool IsSlipped,
    int Version,
    MilestoneOrigin? CarriedOverFrom = null);

public sealed record StatusUpdateView(
    long Id,
    Status Status,
    string Explanation,
    string? Cause,
    string? Consequence,
    string? CorrectiveAction,
    string Author,
    DateTime RecordedAt);

public sealed record MeasurementView(DateOnly Date, double Value, string? Note);

public sealed record IndicatorView(
    int Id,
    string Name,
    string Unit,
    double Baseline,
    double Target,
    IndicatorDirection Direction,
    MeasurementView? Latest,
    IReadOnlyList<MeasurementView> Measurements,
    int Version,
    MeasurementFrequency Frequency = MeasurementFrequency.Quarterly,
    DateOnly? BaselineDate = null,
    DateTime? EndedAt = null,
    string? EndReason = null,
    bool MeasurementDue = false)
{
    public bool IsEnded => EndedAt is not null;
}

/// <summary>
/// Everything the spearpoint page shows; the card is part of it. <see cref="History"/> holds the newest
/// updates; <see cref="OlderHistory"/> says there are more (DashboardQueries.GetStatusHistoryAsync).
/// </summary>
public sealed record SpearpointDetail(
    PlanHeader Plan,
    ReferencePoint Reference,
    SpearpointSummary Summary,
    string Description,
    string Owner,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<StatusUpdateView> History,
    IReadOnlyList<IndicatorView> Indicators,
    IReadOnlyList<AuditEntryView> Changes,
    bool OlderHistory = false,
    bool ExistsOnReference = true,
    Showing? Shown = null);

/// <summary>One changed field of an audit entry, values as stored (ISO dates, enum names).</summary>
public sealed record AuditChange(string Field, string? Old, string? New);

/// <summary>A line of the "Wijzigingen" list: who did what when, with what result.</summary>
public sealed record AuditEntryView(
    long Id,
    DateTime AtUtc,
    string Actor,
    string Action,
    AuditResult Result,
    string? Message,
    IReadOnlyList<AuditChange> Changes);
