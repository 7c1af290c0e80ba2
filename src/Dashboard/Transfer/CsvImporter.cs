using System.Globalization;
using System.Text;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Resources;
using Dashboard.Servers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Transfer;

/// <summary>
/// Adds milestones or measurements from a CSV file (the columns of the export, in any order) to an
/// existing plan (not into an ended spearpoint or indicator). The columns are those of version 1 still, so
/// every earlier file imports. Every row is checked first with the editors' rules; on any problem nothing is
/// stored and each problem is reported with its line. Only a beheerder may import; it is audited,
/// and open screens of the changed spearpoints are updated.
/// </summary>
public sealed class CsvImporter(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AuditTrail audit,
    ChangeFeed feed,
    DashboardClock clock,
    IStringLocalizer<SharedResource> L,
    ILogger<CsvImporter> log)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public Task<ImportResult> ImportMilestonesAsync(Actor actor, int planId, Stream csv, CancellationToken ct = default) =>
        ImportAsync(actor, "ImportMilestones", planId, csv, CsvColumns.Milestones, ["Spearpoint", "Milestone", "DueDate"], ReadMilestone, ct);

    public Task<ImportResult> ImportMeasurementsAsync(Actor actor, int planId, Stream csv, CancellationToken ct = default) =>
        ImportAsync(actor, "ImportMeasurements", planId, csv, CsvColumns.Measurements, ["Spearpoint", "Indicator", "Date", "Value"], ReadMeasurement, ct);

    /// <summary>One row: its cells by field, the plan loaded with its spearpoints, milestones and indicators.</summary>
    private delegate void RowReader(Row row, Plan plan, DashboardDbContext db, Actor actor);

    private async Task<ImportResult> ImportAsync(Actor actor, string action, int planId, Stream csv,
        IReadOnlyList<string> columns, IReadOnlyList<string> required, RowReader readRow, CancellationToken ct)
    {
        if (!actor.Roles.Contains(DashboardRoles.Admin))
        {
            var refused = L["Import.Forbidden"];
            await audit.RefusedAsync(actor, action, nameof(Plan), planId, null, AuditResult.Forbidden, null, refused, ct);
            return new ImportResult(SaveOutcome.Forbidden, refused, []);
        }

        var problems = new ImportProblems(L);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Plans.AsSplitQuery()
            .Include(p => p.Spearpoints).ThenInclude(s => s.Milestones)
            .Include(p => p.Spearpoints).ThenInclude(s => s.Indicators).ThenInclude(i => i.Measurements)
            .FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            problems.Add("--plan", L["Import.NoPlan", planId]);
            return await InvalidAsync(actor, action, planId, problems, ct);
        }

        var records = await ReadRecordsAsync(csv, problems, ct);
        var rows = records is null ? [] : Rows(records, columns, required, problems);
        if (rows.Count == 0 && !problems.Any)
        {
            problems.Add(L["Import.Line", 2], L["Import.Empty"]);
        }
        foreach (var row in rows)
        {
            readRow(row, plan, db, actor);
        }
        if (problems.Any)
        {
            return await InvalidAsync(actor, action, planId, problems, ct);
        }

        var created = db.ChangeTracker.Entries().Count(e => e.State == EntityState.Added && e.Entity is Milestone or Measurement);
        audit.Add(db, actor, action, nameof(Plan), plan.Id, null, null, new { Plan = plan.Name, Rows = created });
        var changed = rows.Select(r => r.SpearpointId).OfType<int>().Distinct().Select(Change.OfSpearpoint).ToList();
        await feed.SaveAsync(db, changed, () => db.SaveChangesAsync(ct), ct);
        log.LogInformation("{Action}: {Rows} rows into plan {PlanId} by {Actor} from {Origin}", action, created, plan.Id, actor.Name, actor.Origin);
        return new ImportResult(SaveOutcome.Saved, L.Count("Import.RowsImported", created), [], plan.Id, created);
    }

    private void ReadMilestone(Row row, Plan plan, DashboardDbContext db, Actor actor)
    {
        if (row.Spearpoint(plan) is not { } spearpoint)
        {
            return;
        }
        var errors = row.Errors;
        // As in the editors: an ended spearpoint takes no new milestones.
        if (errors.Ended("Spearpoint", spearpoint.EndedAt))
        {
            row.Report();
            return;
        }
        var title = errors.Text("Milestone", row["Milestone"], MilestoneEditor.TitleMax, required: true);
        var due = errors.Date("DueDate", row.Date("DueDate"), plan.StartDate, plan.EndDate);
        var original = errors.Date("OriginalDueDate", row.Date("OriginalDueDate"), plan.StartDate, plan.EndDate, required: false) ?? due;
        var state = row.State() ?? Status.NotStarted;
        var completedOn = errors.Date("CompletedOn", row.Date("CompletedOn"), plan.StartDate, clock.Today, required: state == Status.Done);
        var reason = errors.Text("CancelReason", row["CancelReason"], MilestoneEditor.ReasonMax, required: state == Status.Cancelled, multiline: true);
        if (completedOn is not null && state != Status.Done)
        {
            errors.Add("CompletedOn", L["Import.OnlyWhenDone"]);
        }
        if (reason is not null && state != Status.Cancelled)
        {
            errors.Add("CancelReason", L["Import.OnlyWhenCancelled"]);
        }
        if (title is not null && spearpoint.Milestones.Any(m => string.Equals(m.Title, title, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("Milestone", L["Import.DuplicateMilestone", title, spearpoint.Code]);
        }
        if (row.Report())
        {
            return;
        }

        var now = clock.UtcNow;
        var milestone = new Milestone
        {
            SpearpointId = spearpoint.Id,
            Title = title!,
            DueDate = due!.Value,
            OriginalDueDate = original!.Value,
            State = state,
            CompletedOn = completedOn,
            CancelReason = reason,
            SortOrder = spearpoint.Milestones.Select(m => m.SortOrder).DefaultIfEmpty(0).Max() + 1,
            CreatedAt = now,
        };
        milestone.Revisions.Add(MilestoneRevision.Of(milestone, actor.Name, now));
        spearpoint.Milestones.Add(milestone);
    }

    private void ReadMeasurement(Row row, Plan plan, DashboardDbContext db, Actor actor)
    {
        if (row.Spearpoint(plan) is not { } spearpoint)
        {
            return;
        }
        var errors = row.Errors;
        var name = row["Indicator"]?.Trim() ?? "";
        var indicator = spearpoint.Indicators.FirstOrDefault(i => string.Equals(i.Name.Trim(), name, StringComparison.OrdinalIgnoreCase));
        if (indicator is null)
        {
            errors.Add("Indicator", name.Length == 0
                ? L["Validation.Required", errors.Label("Indicator")]
                : L["Import.UnknownIndicator", name, spearpoint.Code]);
            row.Report();
            return;
        }
        // As in the editor: an ended indicator is no longer measured.
        if (errors.Ended("Indicator", indicator.EndedAt))
        {
            row.Report();
            return;
        }
        var latest = clock.Today < plan.EndDate ? clock.Today : plan.EndDate;
        var date = errors.Date("Date", row.Date("Date"), plan.StartDate, latest);
        var (min, max) = IndicatorEditor.Range(indicator.Unit);
        var value = errors.Number("Value", row.Number("Value"), min, max);
        var note = errors.Text("Note", row["Note"], IndicatorEditor.NoteMax, required: false, multiline: true);
        if (date is { } d && value is { } v && indicator.Measurements.Any(m => m.Date == d && m.Value.Equals(v)))
        {
            errors.Add("Date", L["Import.DuplicateMeasurement", indicator.Name, Fmt.Date(d)]);
        }
        if (row.Report())
        {
            return;
        }
        indicator.Measurements.Add(new Measurement
        {
            IndicatorId = indicator.Id,
            Date = date!.Value,
            Value = value!.Value,
            Note = note,
            Author = actor.Name,
            RecordedAt = clock.UtcNow,
        });
    }

    private async Task<ImportResult> InvalidAsync(Actor actor, string action, int planId, ImportProblems problems, CancellationToken ct)
    {
        await audit.RefusedAsync(actor, action, nameof(Plan), planId, null, AuditResult.Refused, null,
            string.Join(" ", problems.All.Take(10)), ct);
        log.LogInformation("Refused {Action} by {Actor}: {ProblemCount} problems", action, actor.Name, problems.All.Count);
        return new ImportResult(SaveOutcome.Invalid, L["Import.Refused", problems.All.Count], problems.All);
    }

    private async Task<List<CsvRecord>?> ReadRecordsAsync(Stream csv, ImportProblems problems, CancellationToken ct)
    {
        var bytes = await ImportFiles.ReadLimitedAsync(csv, MaxBytes, ct);
        if (bytes is null)
        {
            problems.Add(L["Import.Line", 1], L["Import.TooLarge", MaxBytes / (1024 * 1024)]);
            return null;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(L["Import.Line", 1], L["Import.NotUtf8"]);
            return null;
        }
        var records = Csv.Parse(text.TrimStart('\uFEFF'), out var brokenLine);
        if (brokenLine is { } line)
        {
            problems.Add(L["Import.Line", line], L["Import.UnclosedQuote"]);
            return null;
        }
        return records;
    }

    /// <summary>Maps the header to the fields by their column names and returns the data rows.</summary>
    private List<Row> Rows(List<CsvRecord> records, IReadOnlyList<string> columns, IReadOnlyList<string> required, ImportProblems problems)
    {
        if (records.Count == 0)
        {
            problems.Add(L["Import.Line", 1], L["Import.Empty"]);
            return [];
        }
        var header = records[0];
        var byName = columns.ToDictionary(c => ((string)L[$"Field.{c}"]).ToUpperInvariant(), c => c);
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var cell = header.Cells[i].Trim();
            if (byName.TryGetValue(cell.ToUpperInvariant(), out var field) && index.TryAdd(field, i))
            {
                continue;
            }
            problems.Add(L["Import.Line", header.Line], L["Import.UnknownColumn", cell]);
        }
        foreach (var field in required.Where(f => !index.ContainsKey(f)))
        {
            problems.Add(L["Import.Line", header.Line], L["Import.MissingColumn", L[$"Field.{field}"]]);
        }
        if (problems.Any)
        {
            return [];
        }
        var rows = new List<Row>();
        foreach (var record in records.Skip(1))
        {
            if (record.Cells.Length != header.Cells.Length)
            {
                problems.Add(L["Import.Line", record.Line], L.CountOf("Import.CellCount", record.Cells.Length, record.Cells.Length, header.Cells.Length));
                continue;
            }
            rows.Add(new Row(record, index, problems, L));
        }
        return rows;
    }

    /// <summary>One data row of the CSV: its cells by field, and its problems reported at its line.</summary>
    private sealed class Row(CsvRecord record, IReadOnlyDictionary<string, int> index, ImportProblems problems, IStringLocalizer<SharedResource> L)
    {
        public FieldErrors Errors { get; } = new(L);
        public int? SpearpointId { get; private set; }

        /// <summary>The cell of a field; null when the column is absent or the cell empty.</summary>
        public string? this[string field]
        {
            get
            {
                if (!index.TryGetValue(field, out var i))
                {
                    return null;
                }
                var cell = Csv.Unguard(record.Cells[i]);
                return cell.Trim().Length > 0 ? cell : null;
            }
        }

        public Spearpoint? Spearpoint(Plan plan)
        {
            var code = this["Spearpoint"]?.Trim();
            var spearpoint = code is null ? null
                : plan.Spearpoints.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));
            if (spearpoint is null)
            {
                Errors.Add("Spearpoint", code is null ? L["Validation.Required", Errors.Label("Spearpoint")] : L["Import.UnknownCode", code]);
                Report();
            }
            SpearpointId = spearpoint?.Id;
            return spearpoint;
        }

        /// <summary>A date as 2023-03-31 (as exported) or 31-3-2023 (as a Dutch spreadsheet writes it).</summary>
        public DateOnly? Date(string field)
        {
            if (this[field]?.Trim() is not { } text)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d-M-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            Errors.Add(field, L["Import.Expected.Date", Errors.Label(field)]);
            return null;
        }

        /// <summary>A number with a decimal comma or point, without thousands separators.</summary>
        public double? Number(string field)
        {
            if (this[field]?.Trim() is not { } text)
            {
                return null;
            }
            if (!(text.Contains(',') && text.Contains('.'))
                && double.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
            Errors.Add(field, L["Import.Expected.Number", Errors.Label(field)]);
            return null;
        }

        /// <summary>A state by its word in the UI language ("Op koers") or its name ("OnTrack"); empty is Niet gestart.</summary>
        public Status? State()
        {
            if (this["State"]?.Trim() is not { } text)
            {
                return null;
            }
            foreach (var status in Enum.GetValues<Status>())
            {
                if (string.Equals(text, L[$"Status.{status}"], StringComparison.OrdinalIgnoreCase)
                    || string.Equals(text, status.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    return status;
                }
            }
            Errors.Add("State", L["Validation.InvalidChoice", Errors.Label("State")]);
            return null;
        }

        /// <summary>Reports the row's errors (those not reported yet) at its line; true if it has any.</summary>
        public bool Report()
        {
            foreach (var message in Errors.All.Values.Skip(_reported))
            {
                problems.Add(L["Import.Line", record.Line], message);
            }
            _reported = Errors.All.Count;
            return Errors.Any;
        }

        private int _reported;
    }
}
