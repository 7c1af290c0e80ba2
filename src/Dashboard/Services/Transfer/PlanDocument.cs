using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Domain;

namespace Dashboard.Services.Transfer;

// The JSON form of a whole plan. No database ids: an imported plan is a new plan, and briefings
// name their spearpoints by code. The order of the lists is the order on screen.

public sealed record PlanDocument(string Format, int FormatVersion, DateTime ExportedAtUtc, PlanData Plan)
{
    public const string FormatName = "voortgangsdashboard-plan";
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}

public sealed record PlanData(
    string Name, string Organisation, DateOnly StartDate, DateOnly EndDate, bool IsDemo,
    IReadOnlyList<SpearpointData> Spearpoints, IReadOnlyList<BriefingData> Briefings);

public sealed record SpearpointData(
    string Code, SpearpointKind Kind, string Title, string Description, string OwnerRole, int SortOrder,
    IReadOnlyList<StatusUpdateData> StatusUpdates, IReadOnlyList<MilestoneData> Milestones, IReadOnlyList<IndicatorData> Indicators);

public sealed record StatusUpdateData(
    Status Status, string Explanation, string? Cause, string? Consequence, string? CorrectiveAction, string Author, DateTime RecordedAtUtc);

public sealed record MilestoneData(
    string Title, DateOnly DueDate, DateOnly OriginalDueDate, DateOnly? CompletedOn, Status State, string? CancelReason,
    int SortOrder, DateTime CreatedAtUtc, IReadOnlyList<MilestoneRevisionData> Revisions);

public sealed record MilestoneRevisionData(
    string Title, DateOnly DueDate, DateOnly? CompletedOn, Status State, string? CancelReason, int SortOrder, string Author, DateTime RecordedAtUtc);

public sealed record IndicatorData(
    string Name, string Unit, double Baseline, double Target, IndicatorDirection Direction, int SortOrder, IReadOnlyList<MeasurementData> Measurements);

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
