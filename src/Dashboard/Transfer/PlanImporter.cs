using System.Text.Json;
using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Shared;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Resources;
using Dashboard.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dashboard.Transfer;

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
        var links = new Links();
        var plan = await ReadAsync(json, problems, links, ct);
        if (plan is null || problems.Any)
        {
            return await InvalidAsync(actor, problems, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var notes = await LinkAsync(db, plan, links, ct);
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        audit.Add(db, actor, Action, nameof(Plan), plan.Id, null, null, Summary(plan));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("Imported plan {PlanId} ({PlanName}) with {Spearpoints} spearpoints, by {Actor} from {Origin}",
            plan.Id, plan.Name, plan.Spearpoints.Count, actor.Name, actor.Origin);
        var message = string.Join(" ", [L["Import.PlanImported", plan.Name, plan.Id], .. notes]);
        return new ImportResult(SaveOutcome.Saved, message, [], plan.Id, 1);
    }

    /// <summary>
    /// What a document names in another plan or an account: linked here when found, kept as it is when not
    /// (see PlanDocument.cs). Returns a sentence for each kind of name that was not found.
    /// </summary>
    private async Task<List<string>> LinkAsync(DashboardDbContext db, Plan plan, Links links, CancellationToken ct)
    {
        var notes = new List<string>();
        var planNames = links.Sources.Select(s => s.Source.Plan).Append(links.PreviousPlan).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList();
        // A name two plans share names neither.
        var plans = (await db.Plans.AsNoTracking().Where(p => planNames.Contains(p.Name)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .GroupBy(p => p.Name).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id, StringComparer.Ordinal);

        if (links.PreviousPlan is { } previous)
        {
            if (plans.TryGetValue(previous, out var previousId))
            {
                plan.PreviousPlanId = previousId;
            }
            else
            {
                notes.Add(L["Import.PreviousPlanNotFound", previous]);
            }
        }

        if (links.Sources.Count > 0)
        {
            var planIds = plans.Values.ToList();
            var candidates = (await db.Milestones.AsNoTracking().Where(m => planIds.Contains(m.Spearpoint!.PlanId))
                    .Select(m => new { m.Id, m.Title, m.Spearpoint!.Code, m.Spearpoint.Plan!.Name }).ToListAsync(ct))
                .GroupBy(m => (m.Name, Code: m.Code.ToUpperInvariant(), Title: m.Title.Trim().ToUpperInvariant()))
                .Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.Single().Id);
            var missing = 0;
            foreach (var (milestone, source) in links.Sources)
            {
                if (candidates.TryGetValue((source.Plan, source.Spearpoint.ToUpperInvariant(), source.Milestone.Trim().ToUpperInvariant()), out var id))
                {
                    milestone.CarriedOverFromId = id;
                }
                else
                {
                    missing++;
                }
            }
            if (missing > 0)
            {
                notes.Add(L.Count("Import.SourcesNotFound", missing));
            }
        }

        if (links.Owners.Count > 0)
        {
            var emails = links.Owners.Select(o => o.Email.ToUpperInvariant()).Distinct().ToList();
            var accounts = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var account in accounts.GroupBy(a => a.NormalizedEmail!).Where(g => g.Count() == 1).Select(g => g.Single()))
            {
                if (await UserDirectory.IsOwnerAsync(db, account.Id, ct))
                {
                    owners[account.NormalizedEmail!] = account.Id;
                }
            }
            var unknown = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (spearpoint, email, name) in links.Owners)
            {
                if (owners.TryGetValue(email.ToUpperInvariant(), out var ownerId))
                {
                    spearpoint.OwnerId = ownerId;
                }
                else
                {
                    // The overview showed the account's name (a label only shows without an account): it still does.
                    unknown.Add(email);
                    if (name is not null)
                    {
                        spearpoint.OwnerRole = name;
                    }
                }
            }
            if (unknown.Count > 0)
            {
                notes.Add(L["Import.OwnersNotFound", string.Join(", ", unknown)]);
            }
        }
        return notes;
    }

    /// <summary>What a document names outside itself, found while reading and linked just before storing.</summary>
    private sealed class Links
    {
        public string? PreviousPlan { get; set; }
        public List<(Milestone Milestone, MilestoneSourceData Source)> Sources { get; } = [];
        public List<(Spearpoint Spearpoint, string Email, string? Name)> Owners { get; } = [];
    }

    private async Task<ImportResult> InvalidAsync(Actor actor, ImportProblems problems, CancellationToken ct)
    {
        var message = L["Import.Refused", problems.All.Count];
        await audit.RefusedAsync(actor, Action, nameof(Plan), null, null, AuditResult.Refused, null,
            string.Join(" ", problems.All.Take(10)), ct);
        log.LogInformation("Refused a plan import by {Actor}: {ProblemCount} problems", actor.Name, problems.All.Count);
        return new ImportResult(SaveOutcome.Invalid, message, problems.All);
    }

    private async Task<Plan?> ReadAsync(Stream json, ImportProblems problems, Links links, CancellationToken ct)
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
            return ReadDocument(document.RootElement, problems, links);
        }
    }

    private Plan? ReadDocument(JsonElement root, ImportProblems problems, Links links)
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
        var plan = file.Object("plan") is { } scope ? ReadPlan(scope, problems, links) : null;
        file.CheckUnknown();
        return plan;
    }

    private Plan ReadPlan(JsonScope p, ImportProblems problems, Links links)
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
            Description = p.Text("description", PlanEditor.DescriptionMax, required: false, multiline: true) ?? "",
            StartDate = first,
            EndDate = last,
            IsDemo = p.Bool("isDemo", false),
            CreatedAt = p.Instant("createdAtUtc", now, required: false) ?? now,
            ArchivedAt = p.Instant("archivedAtUtc", now, required: false),
            // The plan file does not carry Raad ziet: an imported plan is a plan made here, and shows the council what was released.
            CouncilSees = CouncilView.Released,
        };
        links.PreviousPlan = p.Text("previousPlan", PlanEditor.NameMax, required: false);

        var byCode = new Dictionary<string, Spearpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sp, index) in p.Objects("spearpoints").Select((x, i) => (x, i)))
        {
            var spearpoint = ReadSpearpoint(sp, index, plan, links, today, now);
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

    private Spearpoint ReadSpearpoint(JsonScope sp, int index, Plan plan, Links links, DateOnly today, DateTime now)
    {
        var (first, last) = (plan.StartDate, plan.EndDate);
        var problemsBefore = sp.Problems.Count;
        var spearpoint = new Spearpoint
        {
            Plan = plan,
            Code = sp.Text("code", SpearpointEditor.CodeMax, required: true) ?? "",
            Kind = sp.Enum("kind", Enum.GetValues<SpearpointKind>()) ?? default,
            Title = sp.Text("title", SpearpointEditor.TitleMax, required: true) ?? "",
            Description = sp.Text("description", SpearpointEditor.DescriptionMax, required: false, multiline: true) ?? "",
            OwnerRole = sp.Text("ownerRole", 200, required: false) ?? "",
            SortOrder = sp.Int("sortOrder", required: false, 0, 1_000_000) ?? index + 1,
        };
        var email = sp.Text("ownerEmail", 256, required: false);
        var ownerName = sp.Text("ownerName", 200, required: false);
        if (email is not null)
        {
            links.Owners.Add((spearpoint, email.Trim(), ownerName));
        }
        (spearpoint.EndedAt, spearpoint.EndReason) = ReadEnd(sp, FieldErrors.EndReasonMax, now);
        ReadRevisions(sp, spearpoint, now, problemsBefore);

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
            spearpoint.Milestones.Add(ReadMilestone(m, mIndex, first, last, today, now, links));
        }

        foreach (var (i, iIndex) in sp.Objects("indicators").Select((x, i) => (x, i)))
        {
            var unit = i.Text("unit", IndicatorEditor.UnitMax, required: false) ?? "";
            var (min, max) = IndicatorEditor.Range(unit);
            var indicator = new Indicator
            {
                Name = i.Text("name", IndicatorEditor.NameMax, required: true) ?? "",
                Unit = unit,
                Baseline = i.Number("baseline", min, max) ?? 0,
                // As in the editor: a baseline is measured before or during the plan, never after it.
                BaselineDate = i.Date("baselineDate", required: false, FieldErrors.EarliestDate, last),
                Target = i.Number("target", min, max) ?? 0,
                Direction = i.Enum("direction", Enum.GetValues<IndicatorDirection>()) ?? default,
                // Before version 2 every indicator was measured quarterly, and there from the plan's start.
                Frequency = i.Enum("frequency", Enum.GetValues<MeasurementFrequency>(), required: false) ?? MeasurementFrequency.Quarterly,
                SortOrder = i.Int("sortOrder", required: false, 0, 1_000_000) ?? iIndex + 1,
                CreatedAt = i.Instant("createdAtUtc", now, required: false) ?? StartUtc(plan),
            };
            (indicator.EndedAt, indicator.EndReason) = ReadEnd(i, FieldErrors.EndReasonMax, now);
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

    private Milestone ReadMilestone(JsonScope m, int index, DateOnly first, DateOnly last, DateOnly today, DateTime now, Links links)
    {
        var state = m.Enum("state", Enum.GetValues<Status>());
        var due = m.Date("dueDate", required: true, first, last);
        var source = m.Object("carriedOverFrom", required: false) is { } from ? ReadSource(from) : null;
        var milestone = new Milestone
        {
            Title = m.Text("title", MilestoneEditor.TitleMax, required: true) ?? "",
            DueDate = due ?? default,
            // A milestone carried over from an earlier plan keeps the date it was first planned for, before this plan.
            OriginalDueDate = m.Date("originalDueDate", required: false, source is null ? first : FieldErrors.EarliestDate, last) ?? due ?? default,
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
        if (source is not null)
        {
            links.Sources.Add((milestone, source));
        }
        return milestone;
    }

    /// <summary>When the plan starts (UTC); a plan without a valid start date is refused anyway.</summary>
    private static DateTime StartUtc(Plan plan) => plan.StartDate == DateOnly.MinValue
        ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc)
        : DashboardClock.StartOfDayUtc(plan.StartDate);

    private static MilestoneSourceData? ReadSource(JsonScope from)
    {
        var plan = from.Text("plan", PlanEditor.NameMax, required: true);
        var spearpoint = from.Text("spearpoint", SpearpointEditor.CodeMax, required: true);
        var milestone = from.Text("milestone", MilestoneEditor.TitleMax, required: true);
        from.CheckUnknown();
        return plan is null || spearpoint is null || milestone is null ? null : new MilestoneSourceData(plan, spearpoint, milestone);
    }

    /// <summary>When it was ended, and why: a reason with an end, none without (as the editors' Beëindigen).</summary>
    private (DateTime? EndedAt, string? Reason) ReadEnd(JsonScope x, int reasonMax, DateTime now)
    {
        var endedAt = x.Instant("endedAtUtc", now, required: false);
        var ended = endedAt is not null || x.Has("endedAtUtc");
        var reason = x.Text("endReason", reasonMax, required: ended, multiline: true);
        if (reason is not null && !ended)
        {
            x.Problems.Add(x.At("endReason"), L["Import.OnlyWhenEnded"]);
        }
        return (endedAt, reason);
    }

    /// <summary>
    /// The spearpoint's versions, oldest first, the last one equal to the spearpoint itself. Without any (a
    /// version-1 file) it existed from the plan's start as it is now (the database adds that version), and
    /// an ended one was ended at its end.
    /// </summary>
    private void ReadRevisions(JsonScope sp, Spearpoint spearpoint, DateTime now, int problemsBefore)
    {
        var revisions = sp.Objects("revisions");
        if (revisions.Count == 0)
        {
            if (spearpoint.EndedAt is { } endedAt)
            {
                var start = StartUtc(spearpoint.Plan!);
                var running = SpearpointRevision.Of(spearpoint, "Systeem", start < endedAt ? start : endedAt);
                (running.EndedAt, running.EndReason) = (null, null);
                spearpoint.Revisions.Add(running);
                spearpoint.Revisions.Add(SpearpointRevision.Of(spearpoint, "Systeem", endedAt));
            }
            return;
        }

        DateTime? previous = null;
        foreach (var r in revisions)
        {
            var revision = new SpearpointRevision
            {
                Spearpoint = spearpoint,
                Code = r.Text("code", SpearpointEditor.CodeMax, required: true) ?? "",
                Kind = r.Enum("kind", Enum.GetValues<SpearpointKind>()) ?? default,
                Title = r.Text("title", SpearpointEditor.TitleMax, required: true) ?? "",
                Description = r.Text("description", SpearpointEditor.DescriptionMax, required: false, multiline: true) ?? "",
                SortOrder = r.Int("sortOrder", required: false, 0, 1_000_000) ?? spearpoint.SortOrder,
                Author = r.Text("author", 200, required: true) ?? "",
            };
            (revision.EndedAt, revision.EndReason) = ReadEnd(r, FieldErrors.EndReasonMax, now);
            if (r.Instant("recordedAtUtc", now) is { } recordedAt)
            {
                if (recordedAt < previous)
                {
                    r.Problems.Add(r.At("recordedAtUtc"), L["Import.RevisionsOutOfOrder"]);
                }
                revision.RecordedAt = recordedAt;
                previous = recordedAt;
            }
            r.CheckUnknown();
            spearpoint.Revisions.Add(revision);
        }

        // The overview on any date reads the versions; the spearpoint is the last of them. (Compared only
        // when all its values could be read: a wrong value is reported once, where it is.)
        if (sp.Problems.Count > problemsBefore)
        {
            return;
        }
        var last = spearpoint.Revisions[^1];
        var lastScope = revisions[^1];
        void Same<T>(string name, T ofRevision, T ofSpearpoint)
        {
            if (!EqualityComparer<T>.Default.Equals(ofRevision, ofSpearpoint))
            {
                lastScope.Problems.Add(lastScope.At(name), L["Import.LastRevisionDiffers", lastScope.Problems.Label(char.ToUpperInvariant(name[0]) + name[1..])]);
            }
        }
        Same("code", last.Code, spearpoint.Code);
        Same("kind", last.Kind, spearpoint.Kind);
        Same("title", last.Title, spearpoint.Title);
        Same("description", last.Description, spearpoint.Description);
        Same("sortOrder", last.SortOrder, spearpoint.SortOrder);
        Same("endedAtUtc", last.EndedAt, spearpoint.EndedAt);
        Same("endReason", last.EndReason, spearpoint.EndReason);
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
        SpearpointRevisions = plan.Spearpoints.Sum(s => s.Revisions.Count),
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
