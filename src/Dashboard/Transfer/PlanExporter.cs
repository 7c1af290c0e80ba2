using System.Globalization;
using System.Text.Json;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Transfer;

/// <summary>
/// A whole plan out as JSON (everything needed to make it again: spearpoints with their revisions and owners,
/// status history, milestones with their revisions, indicators with measurements, briefings), archived or not, and its milestones
/// or measurements as CSV for a spreadsheet. Reads in a fixed number of queries.
/// </summary>
public sealed class PlanExporter(IDbContextFactory<DashboardDbContext> dbFactory, DashboardClock clock, IStringLocalizer<SharedResource> L)
{
    public async Task<PlanDocument?> ExportAsync(int planId, CancellationToken ct = default)
    {
        var plan = await LoadAsync(planId, ct);
        if (plan is null)
        {
            return null;
        }
        var codes = plan.Spearpoints.ToDictionary(s => s.Id, s => s.Code);
        return new PlanDocument(PlanDocument.FormatName, PlanDocument.CurrentVersion, clock.UtcNow, new PlanData(
            plan.Name, plan.Organisation, plan.Description, plan.StartDate, plan.EndDate, plan.IsDemo,
            plan.CreatedAt, plan.ArchivedAt, await PreviousPlanNameAsync(plan, ct),
            Ordered(plan.Spearpoints).Select(s => new SpearpointData(
                s.Code, s.Kind, s.Title, s.Description, s.OwnerRole, s.Owner?.Email, NameOf(s.Owner),
                s.SortOrder, s.EndedAt, s.EndReason,
                s.Revisions.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)
                    .Select(r => new SpearpointRevisionData(r.Code, r.Kind, r.Title, r.Description, r.SortOrder, r.EndedAt, r.EndReason, r.Author, r.RecordedAt))
                    .ToList(),
                s.StatusUpdates.OrderBy(u => u.RecordedAt).ThenBy(u => u.Id)
                    .Select(u => new StatusUpdateData(u.Status, u.Explanation, u.Cause, u.Consequence, u.CorrectiveAction, u.Author, u.RecordedAt))
                    .ToList(),
                s.Milestones.OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
                    .Select(m => new MilestoneData(
                        m.Title, m.DueDate, m.OriginalDueDate, m.CompletedOn, m.State, m.CancelReason, m.SortOrder, m.CreatedAt,
                        m.CarriedOverFrom is { Spearpoint: { Plan: { } from } source } origin
                            ? new MilestoneSourceData(from.Name, source.Code, origin.Title)
                            : null,
                        m.Revisions.OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)
                            .Select(r => new MilestoneRevisionData(r.Title, r.DueDate, r.CompletedOn, r.State, r.CancelReason, r.SortOrder, r.Author, r.RecordedAt))
                            .ToList()))
                    .ToList(),
                s.Indicators.OrderBy(i => i.SortOrder).ThenBy(i => i.Id)
                    .Select(i => new IndicatorData(
                        i.Name, i.Unit, i.Baseline, i.BaselineDate, i.Target, i.Direction, i.Frequency, i.SortOrder,
                        i.CreatedAt, i.EndedAt, i.EndReason,
                        i.Measurements.OrderBy(m => m.Date).ThenBy(m => m.RecordedAt).ThenBy(m => m.Id)
                            .Select(m => new MeasurementData(m.Date, m.Value, m.Note, m.Author, m.RecordedAt))
                            .ToList()))
                    .ToList()))
                .ToList(),
            plan.Briefings.OrderBy(b => b.Date).ThenBy(b => b.Id)
                .Select(b => new BriefingData(b.Date, b.Title, b.Audience, b.Agenda, b.Notes,
                    Ordered(b.Spearpoints).Select(s => codes[s.Id]).ToList()))
                .ToList()));
    }

    /// <summary>The name of the plan this one follows up: a name, since ids do not cross installations.</summary>
    private async Task<string?> PreviousPlanNameAsync(Plan plan, CancellationToken ct)
    {
        if (plan.PreviousPlanId is not { } previousId)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Plans.AsNoTracking().Where(p => p.Id == previousId).Select(p => p.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The owner account's name, as the overview shows it; kept as the label where the account is not known.</summary>
    private static string? NameOf(DashboardUser? owner) =>
        owner is null ? null : owner.DisplayName.Length > 0 ? owner.DisplayName : owner.Email;

    /// <summary>Writes the plan as JSON; false when there is no such plan.</summary>
    public async Task<bool> WriteJsonAsync(int planId, Stream output, CancellationToken ct = default)
    {
        if (await ExportAsync(planId, ct) is not { } document)
        {
            return false;
        }
        await JsonSerializer.SerializeAsync(output, document, PlanDocument.Json, ct);
        return true;
    }

    /// <summary>The columns of the milestone CSV, in the UI language; the import reads the same.</summary>
    public IReadOnlyList<string> MilestoneColumns => [.. CsvColumns.Milestones.Select(c => (string)L[$"Field.{c}"])];

    public IReadOnlyList<string> MeasurementColumns => [.. CsvColumns.Measurements.Select(c => (string)L[$"Field.{c}"])];

    public async Task<bool> WriteMilestonesCsvAsync(int planId, Stream output, CancellationToken ct = default)
    {
        if (await LoadAsync(planId, ct) is not { } plan)
        {
            return false;
        }
        await using var writer = new StreamWriter(output, Csv.Utf8WithBom, leaveOpen: true);
        await writer.WriteAsync(Csv.Line(MilestoneColumns));
        foreach (var s in Ordered(plan.Spearpoints))
        {
            foreach (var m in s.Milestones.OrderBy(m => m.SortOrder).ThenBy(m => m.Id))
            {
                await writer.WriteAsync(Csv.Line(s.Code, m.Title, Fmt.Iso(m.DueDate), Fmt.Iso(m.OriginalDueDate),
                    L[$"Status.{m.State}"], m.CompletedOn is { } done ? Fmt.Iso(done) : "", m.CancelReason));
            }
        }
        return true;
    }

    public async Task<bool> WriteMeasurementsCsvAsync(int planId, Stream output, CancellationToken ct = default)
    {
        if (await LoadAsync(planId, ct) is not { } plan)
        {
            return false;
        }
        await using var writer = new StreamWriter(output, Csv.Utf8WithBom, leaveOpen: true);
        await writer.WriteAsync(Csv.Line(MeasurementColumns));
        foreach (var s in Ordered(plan.Spearpoints))
        {
            foreach (var i in s.Indicators.OrderBy(i => i.SortOrder).ThenBy(i => i.Id))
            {
                foreach (var m in i.Measurements.OrderBy(m => m.Date).ThenBy(m => m.RecordedAt).ThenBy(m => m.Id))
                {
                    await writer.WriteAsync(Csv.Line(s.Code, i.Name, Fmt.Iso(m.Date),
                        m.Value.ToString(CultureInfo.CurrentCulture), m.Note));
                }
            }
        }
        return true;
    }

    private async Task<Plan?> LoadAsync(int planId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Plans.AsNoTracking().AsSplitQuery()
            .Include(p => p.Spearpoints).ThenInclude(s => s.StatusUpdates)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Revisions)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Owner)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Milestones).ThenInclude(m => m.Revisions)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Milestones).ThenInclude(m => m.CarriedOverFrom!).ThenInclude(m => m.Spearpoint!).ThenInclude(s => s.Plan)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Indicators).ThenInclude(i => i.Measurements)
            .Include(p => p.Briefings).ThenInclude(b => b.Spearpoints)
            .FirstOrDefaultAsync(p => p.Id == planId, ct);
    }

    private static IEnumerable<Spearpoint> Ordered(IEnumerable<Spearpoint> spearpoints) =>
        spearpoints.OrderBy(s => s.SortOrder).ThenBy(s => s.Id);
}

/// <summary>The fields of the CSV columns (their headers are the Field.* texts), in order.</summary>
public static class CsvColumns
{
    public static readonly IReadOnlyList<string> Milestones =
        ["Spearpoint", "Milestone", "DueDate", "OriginalDueDate", "State", "CompletedOn", "CancelReason"];

    public static readonly IReadOnlyList<string> Measurements = ["Spearpoint", "Indicator", "Date", "Value", "Note"];
}
