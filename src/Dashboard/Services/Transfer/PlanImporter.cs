using System.Text.Json;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Services.Transfer;

/// <summary>
/// Imports a whole plan from JSON as a new plan (to move a plan between installations, or to start
/// next year's plan from last year's). Everything is checked first, with the editors' rules; on any
/// problem nothing is stored and every problem is reported with its JSON path. Only a beheerder may
/// import; every attempt is audited.
/// </summary>
public sealed class PlanImporter(
    IDbContextFactory<DashboardDbContext> dbFactory,
    AuditTrail audit,
    DashboardClock clock,
    IStringLocalizer<SharedResource> L,
    ILogger<PlanImporter> log)
{
    /// <summary>Far above the demo plan's 60 KiB; refuses a file that is not a plan before reading it.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;
    private const string Action = "ImportPlan";

    public async Task<ImportResult> ImportPlanAsync(Actor actor, Stream json, CancellationToken ct = default)
    {
        if (!actor.Roles.Contains(DashboardRoles.Admin))
        {
            var refused = L["Import.Forbidden"];
            await audit.RefusedAsync(actor, Action, nameof(Plan), null, null, AuditResult.Forbidden, null, refused, ct);
            return new ImportResult(SaveOutcome.Forbidden, refused, []);
        }

        var problems = new ImportProblems(L);
        var plan = await ReadAsync(json, problems, ct);
        if (plan is null || problems.Any)
        {
            return await InvalidAsync(actor, problems, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, Action, nameof(Plan), plan.Id, null, null, Summary(plan));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("Imported plan {PlanId} ({PlanName}) with {Spearpoints} spearpoints, by {Actor} from {Origin}",
            plan.Id, plan.Name, plan.Spearpoints.Count, actor.Name, actor.Origin);
        return new ImportResult(SaveOutcome.Saved, L["Import.PlanImported", plan.Name, plan.Id], [], plan.Id, 1);
    }

    private async Task<ImportResult> InvalidAsync(Actor actor, ImportProblems problems, CancellationToken ct)
    {
        var message = L["Import.Refused", problems.All.Count];
        await audit.RefusedAsync(actor, Action, nameof(Plan), null, null, AuditResult.Refused, null,
            string.Join(" ", problems.All.Take(10)), ct);
        log.LogInformation("Refused a plan import by {Actor}: {ProblemCount} problems", actor.Name, problems.All.Count);
        return new ImportResult(SaveOutcome.Invalid, message, problems.All);
    }

    private async Task<Plan?> ReadAsync(Stream json, ImportProblems problems, CancellationToken ct)
    {
        var bytes = await ImportFiles.ReadLimitedAsync(json, MaxBytes, ct);
        if (bytes is null)
        {
            problems.Add("$", L["Import.TooLarge", MaxBytes / (1024 * 1024)]);
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            problems.Add(L["Import.LineAndPosition", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1], L["Import.NotJson"]);
            return null;
        }
        using (document)
        {
            return ReadDocument(document.RootElement, problems);
        }
    }

    private Plan? ReadDocument(JsonElement root, ImportProblems problems)
    {
        if (JsonScope.Of(root, "$", problems) is not { } file)
        {
            return null;
        }
        var format = file.Text("format", 100, required: true);
        if (format is not null && format != PlanDocument.FormatName)
        {
            problems.Add(file.At("format"), L["Import.WrongFormat", PlanDocument.FormatName]);
        }
        var version = file.Int("formatVersion", required: true, 1, int.MaxValue);
        if (version > PlanDocument.CurrentVersion)
        {
            problems.Add(file.At("formatVersion"), L["Import.NewerFormat", version, PlanDocument.CurrentVersion]);
        }
        if (problems.Any)
        {
            return null; // not a plan file of ours: its contents would only give noise
        }
        file.Ignore("exportedAtUtc");
        var plan = file.Object("plan") is { } scope ? ReadPlan(scope, problems) : null;
        file.CheckUnknown();
        return plan;
    }

    private Plan ReadPlan(JsonScope p, ImportProblems problems)
    {
        var now = clock.UtcNow;
        var today = clock.Today;
        var name = p.Text("name", 200, required: true);
        var organisation = p.Text("organisation", 200, required: true);
        var start = p.Date("startDate", required: true);
        var end = p.Date("endDate", required: true);
        if (start is { } s0 && end is { } e0 && e0 < s0)
        {
            problems.Add(p.At("endDate"), L["Import.EndBeforeStart"]);
        }
        // When the plan's own dates are wrong, the dates inside it are checked as dates only.
        var first = start ?? DateOnly.MinValue;
        var last = end ?? DateOnly.MaxValue;
        var plan = new Plan
        {
            Name = name ?? "",
            Organisation = organisation ?? "",
            StartDate = first,
            EndDate = last,
            IsDemo = p.Bool("isDemo", false),
        };

        var byCode = new Dictionary<string, Spearpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sp, index) in p.Objects("spearpoints").Select((x, i) => (x, i)))
        {
            var spearpoint = ReadSpearpoint(sp, index, first, last, today, now);
            if (spearpoint.Code.Length > 0 && !byCode.TryAdd(spearpoint.Code, spearpoint))
            {
                problems.Add(sp.At("code"), L["Import.DuplicateCode", spearpoint.Code]);
            }
            plan.Spearpoints.Add(spearpoint);
        }

        foreach (var b in p.Objects("briefings"))
        {
            var briefing = new Briefing
            {
                Date = b.Date("date", required: true) ?? default,
                Title = b.Text("title", 200, required: true) ?? "",
                Audience = b.Text("audience", 200, required: false) ?? "",
                Agenda = b.Text("agenda", 4000, required: false, multiline: true) ?? "",
                Notes = b.Text("notes", 4000, required: false, multiline: true) ?? "",
            };
            foreach (var (path, code) in b.Strings("spearpoints"))
            {
                if (!byCode.TryGetValue(code, out var spearpoint))
                {
                    problems.Add(path, L["Import.UnknownSpearpoint", code]);
                }
                else if (!briefing.Spearpoints.Contains(spearpoint))
                {
                    briefing.Spearpoints.Add(spearpoint);
                }
            }
            b.CheckUnknown();
            plan.Briefings.Add(briefing);
        }
        p.CheckUnknown();
        return plan;
    }

    private Spearpoint ReadSpearpoint(JsonScope sp, int index, DateOnly first, DateOnly last, DateOnly today, DateTime now)
    {
        var spearpoint = new Spearpoint
        {
            Code = sp.Text("code", 20, required: true) ?? "",
            Kind = sp.Enum("kind", Enum.GetValues<SpearpointKind>()) ?? default,
            Title = sp.Text("title", 200, required: true) ?? "",
            Description = sp.Text("description", 4000, required: false, multiline: true) ?? "",
            OwnerRole = sp.Text("ownerRole", 200, required: false) ?? "",
            SortOrder = sp.Int("sortOrder", required: false, 0, 1_000_000) ?? index + 1,
        };

        foreach (var u in sp.Objects("statusUpdates"))
        {
            var status = u.Enum("status", StatusRules.SpearpointStatuses);
            var needsReasons = status?.RequiresExplanation() == true;
            spearpoint.StatusUpdates.Add(new StatusUpdate
            {
                Status = status ?? default,
                Explanation = u.Text("explanation", StatusEditor.ExplanationMax, required: true, multiline: true) ?? "",
                Cause = u.Text("cause", StatusEditor.ReasonMax, needsReasons, multiline: true),
                Consequence = u.Text("consequence", StatusEditor.ReasonMax, needsReasons, multiline: true),
                CorrectiveAction = u.Text("correctiveAction", StatusEditor.ReasonMax, needsReasons, multiline: true),
                Author = u.Text("author", 200, required: true) ?? "",
                RecordedAt = u.Instant("recordedAtUtc", now) ?? default,
            });
            u.CheckUnknown();
        }

        foreach (var (m, mIndex) in sp.Objects("milestones").Select((x, i) => (x, i)))
        {
            spearpoint.Milestones.Add(ReadMilestone(m, mIndex, first, last, today, now));
        }

        foreach (var (i, iIndex) in sp.Objects("indicators").Select((x, i) => (x, i)))
        {
            var unit = i.Text("unit", 40, required: false) ?? "";
            var (min, max) = IndicatorEditor.Range(unit);
            var indicator = new Indicator
            {
                Name = i.Text("name", 200, required: true) ?? "",
                Unit = unit,
                Baseline = i.Number("baseline", min, max) ?? 0,
                Target = i.Number("target", min, max) ?? 0,
                Direction = i.Enum("direction", Enum.GetValues<IndicatorDirection>()) ?? default,
                SortOrder = i.Int("sortOrder", required: false, 0, 1_000_000) ?? iIndex + 1,
            };
            var latest = today < last ? today : last;
            foreach (var x in i.Objects("measurements"))
            {
                indicator.Measurements.Add(new Measurement
                {
                    Date = x.Date("date", required: true, first, latest) ?? default,
                    Value = x.Number("value", min, max) ?? 0,
                    Note = x.Text("note", IndicatorEditor.NoteMax, required: false, multiline: true),
                    Author = x.Text("author", 200, required: true) ?? "",
                    RecordedAt = x.Instant("recordedAtUtc", now) ?? default,
                });
                x.CheckUnknown();
            }
            i.CheckUnknown();
            spearpoint.Indicators.Add(indicator);
        }
        sp.CheckUnknown();
        return spearpoint;
    }

    private Milestone ReadMilestone(JsonScope m, int index, DateOnly first, DateOnly last, DateOnly today, DateTime now)
    {
        var state = m.Enum("state", Enum.GetValues<Status>());
        var due = m.Date("dueDate", required: true, first, last);
        var milestone = new Milestone
        {
            Title = m.Text("title", MilestoneEditor.TitleMax, required: true) ?? "",
            DueDate = due ?? default,
            OriginalDueDate = m.Date("originalDueDate", required: false, first, last) ?? due ?? default,
            State = state ?? default,
            CompletedOn = ReadCompletedOn(m, state, first, today),
            CancelReason = ReadCancelReason(m, state),
            SortOrder = m.Int("sortOrder", required: false, 0, 1_000_000) ?? index + 1,
            CreatedAt = m.Instant("createdAtUtc", now) ?? default,
        };

        var revisions = m.Objects("revisions");
        if (revisions.Count == 0)
        {
            m.Ignore("revisions");
            m.Problems.Add(m.At("revisions"), L["Import.NoRevisions"]);
        }
        foreach (var r in revisions)
        {
            var revisionState = r.Enum("state", Enum.GetValues<Status>());
            milestone.Revisions.Add(new MilestoneRevision
            {
                Title = r.Text("title", MilestoneEditor.TitleMax, required: true) ?? "",
                DueDate = r.Date("dueDate", required: true, first, last) ?? default,
                State = revisionState ?? default,
                CompletedOn = ReadCompletedOn(r, revisionState, first, today),
                CancelReason = ReadCancelReason(r, revisionState),
                SortOrder = r.Int("sortOrder", required: false, 0, 1_000_000) ?? milestone.SortOrder,
                Author = r.Text("author", 200, required: true) ?? "",
                RecordedAt = r.Instant("recordedAtUtc", now) ?? default,
            });
            r.CheckUnknown();
        }
        m.CheckUnknown();
        return milestone;
    }

    /// <summary>A done milestone says when (not before the plan, not after today); another state has no such date.</summary>
    private DateOnly? ReadCompletedOn(JsonScope m, Status? state, DateOnly first, DateOnly today)
    {
        var completedOn = m.Date("completedOn", required: state == Status.Done, first, today);
        if (completedOn is not null && state is { } s && s != Status.Done)
        {
            m.Problems.Add(m.At("completedOn"), L["Import.OnlyWhenDone"]);
        }
        return completedOn;
    }

    /// <summary>A cancelled milestone says why; another state has no reason.</summary>
    private string? ReadCancelReason(JsonScope m, Status? state)
    {
        var reason = m.Text("cancelReason", MilestoneEditor.ReasonMax, required: state == Status.Cancelled, multiline: true);
        if (reason is not null && state is { } s && s != Status.Cancelled)
        {
            m.Problems.Add(m.At("cancelReason"), L["Import.OnlyWhenCancelled"]);
        }
        return reason;
    }

    private static object Summary(Plan plan) => new
    {
        plan.Name,
        Spearpoints = plan.Spearpoints.Count,
        StatusUpdates = plan.Spearpoints.Sum(s => s.StatusUpdates.Count),
        Milestones = plan.Spearpoints.Sum(s => s.Milestones.Count),
        MilestoneRevisions = plan.Spearpoints.Sum(s => s.Milestones.Sum(m => m.Revisions.Count)),
        Indicators = plan.Spearpoints.Sum(s => s.Indicators.Count),
        Measurements = plan.Spearpoints.Sum(s => s.Indicators.Sum(i => i.Measurements.Count)),
        Briefings = plan.Briefings.Count,
    };
}

public static class ImportFiles
{
    /// <summary>The whole stream, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadLimitedAsync(Stream input, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
