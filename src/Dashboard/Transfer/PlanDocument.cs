using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Briefings;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Editing;

namespace Dashboard.Transfer;

// The JSON form of a whole plan. No database ids: an imported plan is a new plan, and briefings
// name their spearpoints by code. The order of the lists is the order on screen.
//
// Version 2 adds what plans kept in the UI have: the plan's description, creation and archiving; each
// spearpoint's owner, end and revisions (its title history, so the plan on any reference date survives);
// each indicator's baseline date, frequency, creation and end; a carried-over milestone's origin. Version 1
// files still import, with the defaults of the upgrade: a spearpoint existed from the plan's start as it is
// now, an indicator is measured quarterly from the plan's start, nothing is ended or archived.
//
// Links to other plans are by name, never by id (ids do not cross installations): the plan this one follows
// up (previousPlan) and the milestone a carried-over one came from (carriedOverFrom: plan, spearpoint code,
// milestone title). On import each is linked again when that plan (by a name no other plan has), spearpoint and
// milestone exist in the installation; otherwise the plan or milestone is imported without the link, and the
// result message says so. An owner is an account's e-mail address: it becomes the owner again when it is an
// enabled manager or beheerder there; otherwise the spearpoint keeps its owner as a label: the account's name
// (ownerName), which is what the overview showed, and the message says so. Never a reason to refuse the import.

public sealed record PlanDocument(string Format, int FormatVersion, DateTime ExportedAtUtc, PlanData Plan)
{
    public const string FormatName = "voortgangsdashboard-plan";
    public const int CurrentVersion = 2;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}

public sealed record PlanData(
    string Name, string Organisation, string Description, DateOnly StartDate, DateOnly EndDate, bool IsDemo,
    DateTime CreatedAtUtc, DateTime? ArchivedAtUtc, string? PreviousPlan,
    IReadOnlyList<SpearpointData> Spearpoints, IReadOnlyList<BriefingData> Briefings);

public sealed record SpearpointData(
    string Code, SpearpointKind Kind, string Title, string Description, string OwnerRole, string? OwnerEmail, string? OwnerName,
    int SortOrder, DateTime? EndedAtUtc, string? EndReason, IReadOnlyList<SpearpointRevisionData> Revisions,
    IReadOnlyList<StatusUpdateData> StatusUpdates, IReadOnlyList<MilestoneData> Milestones, IReadOnlyList<IndicatorData> Indicators);

/// <summary>One version of a spearpoint, oldest first; the last is the spearpoint as it is now.</summary>
public sealed record SpearpointRevisionData(
    string Code, SpearpointKind Kind, string Title, string Description, int SortOrder, DateTime? EndedAtUtc, string? EndReason,
    string Author, DateTime RecordedAtUtc);

public sealed record StatusUpdateData(
    Status Status, string Explanation, string? Cause, string? Consequence, string? CorrectiveAction, string Author, DateTime RecordedAtUtc);

public sealed record MilestoneData(
    string Title, DateOnly DueDate, DateOnly OriginalDueDate, DateOnly? CompletedOn, Status State, string? CancelReason,
    int SortOrder, DateTime CreatedAtUtc, MilestoneSourceData? CarriedOverFrom, IReadOnlyList<MilestoneRevisionData> Revisions);

/// <summary>Where a carried-over milestone came from, by name: the plan, the spearpoint's code, the milestone's title.</summary>
public sealed record MilestoneSourceData(string Plan, string Spearpoint, string Milestone);

public sealed record MilestoneRevisionData(
    string Title, DateOnly DueDate, DateOnly? CompletedOn, Status State, string? CancelReason, int SortOrder, string Author, DateTime RecordedAtUtc);

public sealed record IndicatorData(
    string Name, string Unit, double Baseline, DateOnly? BaselineDate, double Target, IndicatorDirection Direction,
    MeasurementFrequency Frequency, int SortOrder, DateTime CreatedAtUtc, DateTime? EndedAtUtc, string? EndReason,
    IReadOnlyList<MeasurementData> Measurements);

public sealed record MeasurementData(DateOnly Date, double Value, string? Note, string Author, DateTime RecordedAtUtc);

public sealed record BriefingData(DateOnly Date, string Title, string Audience, string Agenda, string Notes, IReadOnlyList<string> Spearpoints);

/// <summary>One thing wrong with an import: where (a JSON path such as $.plan.spearpoints[0].code, or "Regel 12"), and what, in the UI language.</summary>
public sealed record ImportProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>
/// What an import answers. Nothing is stored unless <see cref="Succeeded"/>; otherwise
/// <see cref="Problems"/> lists every problem found, each with its place in the file.
/// </summary>
public sealed record ImportResult(SaveOutcome Outcome, string Message, IReadOnlyList<ImportProblem> Problems, int? PlanId = null, int Created = 0)
{
    public bool Succeeded => Outcome == SaveOutcome.Saved;
}
