using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Dashboard.Transfer;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Transfer;

/// <summary>A whole plan out as JSON and in again as a new plan; a bad file is refused whole, each problem with its path.</summary>
[Trait("Category", Database.Category)]
public class PlanTransferTests
{
    private static async Task<int> DemoPlanIdAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.Plans.Where(p => p.IsDemo).Select(p => p.Id).SingleAsync();
    }

    private static async Task<string> ExportJsonAsync(TestApp app, int planId)
    {
        using var stream = new MemoryStream();
        Assert.True(await app.Get<PlanExporter>().WriteJsonAsync(planId, stream));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Task<ImportResult> ImportAsync(TestApp app, string json, Actor? actor = null) =>
        app.Get<PlanImporter>().ImportPlanAsync(actor ?? Actors.Admin, new MemoryStream(Encoding.UTF8.GetBytes(json)));

    /// <summary>The content of a plan: its export without the moment of export.</summary>
    private static async Task<string> ContentAsync(TestApp app, int planId)
    {
        var document = await app.Get<PlanExporter>().ExportAsync(planId);
        return JsonSerializer.Serialize(document! with { ExportedAtUtc = default }, PlanDocument.Json);
    }

    [Fact]
    public async Task ExportThenImport_IntoAnotherInstallation_GivesTheSamePlan()
    {
        await using var from = await TestApp.InMemoryAsync();
        var planId = await DemoPlanIdAsync(from);
        var json = await ExportJsonAsync(from, planId);
        await using var to = await TestApp.InMemoryAsync(seedDemo: false);

        var result = await ImportAsync(to, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(await ContentAsync(from, planId), await ContentAsync(to, result.PlanId!.Value));
        // Everything the export holds came across: the history too, not only the current state.
        await using var db = to.CreateDb();
        Assert.Equal(6, await db.Spearpoints.CountAsync());
        Assert.Equal(DemoPlan.Build().Spearpoints.Sum(s => s.StatusUpdates.Count), await db.StatusUpdates.CountAsync());
        Assert.Equal(DemoPlan.Build().Spearpoints.Sum(s => s.Milestones.Sum(m => m.Revisions.Count)), await db.MilestoneRevisions.CountAsync());
        Assert.Equal(DemoPlan.Build().Spearpoints.Sum(s => s.Indicators.Sum(i => i.Measurements.Count)), await db.Measurements.CountAsync());
        Assert.Equal(10, await db.Set<Dictionary<string, object>>("BriefingSpearpoints").CountAsync());
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "ImportPlan");
        Assert.Equal((AuditResult.Success, "Beheerder", result.PlanId.ToString()), (audit.Result, audit.Actor, audit.ObjectId));
        // The file does not carry Raad ziet: an imported plan is a plan made here, and shows the council the released state.
        Assert.Equal(CouncilView.Released, (await db.Plans.SingleAsync()).CouncilSees);
    }

    [Fact]
    public async Task ImportingAPlanAgain_MakesANewPlan_AndTheDashboardShowsItAsTheOriginal()
    {
        await using var app = await TestApp.InMemoryAsync();
        var planId = await DemoPlanIdAsync(app);
        var json = await ExportJsonAsync(app, planId);

        var result = await ImportAsync(app, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.NotEqual(planId, result.PlanId);
        Assert.Equal("Plan 'Jaarplan handhaven openbare ruimte 2022-2023' is geïmporteerd als nieuw plan met nummer 2.", result.Message);
        Assert.Equal(await ContentAsync(app, planId), await ContentAsync(app, result.PlanId!.Value));
        var queries = app.Get<DashboardQueries>();
        var original = (await queries.GetOverviewAsync(planId, null))!;
        var copy = (await queries.GetOverviewAsync(result.PlanId, null))!;
        Assert.Equal(Shown(original), Shown(copy));
    }

    /// <summary>What the overview shows of each spearpoint, without the database ids.</summary>
    private static List<SpearpointSummary> Shown(OverviewModel overview) =>
        [.. overview.Development.Concat(overview.Substantive).Select(s => s with { Id = 0, PlanId = 0 })];

    private static JsonNode Plan(JsonNode root) => root["plan"]!;
    private static JsonNode Sp(JsonNode root, int s) => Plan(root)["spearpoints"]![s]!;
    private static JsonNode U(JsonNode root, int s, int n) => Sp(root, s)["statusUpdates"]![n]!;
    private static JsonNode M(JsonNode root, int s, int n) => Sp(root, s)["milestones"]![n]!;
    private static JsonNode I(JsonNode root, int s, int n) => Sp(root, s)["indicators"]![n]!;

    /// <summary>A copy of a spearpoint's last revision, recorded at another moment.</summary>
    private static JsonNode Revision(JsonNode root, int s, string recordedAtUtc)
    {
        var revision = Sp(root, s)["revisions"]!.AsArray()[^1]!.DeepClone();
        revision["recordedAtUtc"] = recordedAtUtc;
        return revision;
    }

    private const string OwnerEmail = "teamleider@gemeente.test";
    private const string OwnerName = "Teamleider Noord";
    private const string KeptPlanName = "Jaarplan handhaven openbare ruimte 2026";

    /// <summary>
    /// A plan with everything version 2 carries: the demo plan's follow-up (a description, the previous plan,
    /// carried-over milestones), then kept in the UI over a few days: SP1 renamed and given an account as owner,
    /// SP2 ended, an indicator ended and one added (monthly, with a baseline date), SP4 moved up, the plan archived.
    /// </summary>
    private static async Task<int> KeptPlanAsync(TestApp app)
    {
        var owner = await app.CreateUserAsync(OwnerEmail, DashboardRoles.Manager, name: OwnerName);
        var manager = Actors.Manager();
        var created = await app.Get<FollowUpPlans>().CreateAsync(manager, new FollowUpPlanCommand(await DemoPlanIdAsync(app),
            KeptPlanName, "Gemeente Maastricht, team Handhaven openbare ruimte", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            "Het jaar na de demo.\nMet wat over is van 2023.", null));
        Assert.True(created.Succeeded, created.Message);
        var planId = (int)created.CreatedId!.Value;
        var spearpoints = app.Get<SpearpointEditor>();
        var indicators = app.Get<IndicatorEditor>();

        app.Time.Advance(TimeSpan.FromDays(2));   // 2026-11-26
        var sp1 = await SpearpointAsync(app, planId, "SP1");
        Assert.True((await spearpoints.EditAsync(manager, new EditSpearpointCommand(planId, sp1.Id, sp1.Version, "SP1",
            "Informatiegestuurd werken in de wijk", sp1.Description, sp1.Kind, owner))).Succeeded);
        var sp4 = await SpearpointAsync(app, planId, "SP4");
        Assert.True((await spearpoints.MoveAsync(manager, new MoveSpearpointCommand(planId, sp4.Id, -1))).Succeeded);

        app.Time.Advance(TimeSpan.FromDays(2));   // 2026-11-28
        var sp2 = await SpearpointAsync(app, planId, "SP2");
        Assert.True((await spearpoints.EndAsync(manager, new EndSpearpointCommand(planId, sp2.Id, sp2.Version, "Opgegaan in SP1."))).Succeeded);
        var ended = sp4.Indicators.OrderBy(i => i.SortOrder).First();
        Assert.True((await indicators.EndAsync(manager, new EndIndicatorCommand(planId, ended.Id, ended.Version, "Wordt niet meer gemeten."))).Succeeded);
        Assert.True((await indicators.AddAsync(manager, new AddIndicatorCommand(planId, sp4.Id, "Meldingen per maand", "", 120,
            new DateOnly(2025, 12, 31), 90, IndicatorDirection.LowerIsBetter, MeasurementFrequency.Monthly))).Succeeded);

        app.Time.Advance(TimeSpan.FromDays(1));   // 2026-11-29
        int version;
        await using (var db = app.CreateDb())
        {
            version = await db.Plans.Where(p => p.Id == planId).Select(p => p.Version).SingleAsync();
        }
        Assert.True((await app.Get<PlanEditor>().ArchiveAsync(manager, new ArchivePlanCommand(planId, version, Archived: true))).Succeeded);
        return planId;
    }

    private static async Task<Spearpoint> SpearpointAsync(TestApp app, int planId, string code)
    {
        await using var db = app.CreateDb();
        return await db.Spearpoints.AsNoTracking().Include(s => s.Indicators).SingleAsync(s => s.PlanId == planId && s.Code == code);
    }

    /// <summary>Before the rename and the ends, and after them.</summary>
    private static readonly DateOnly[] Peildatums = [new(2026, 11, 25), new(2026, 11, 29)];

    /// <summary>What the overview shows on a peildatum, without database ids and version numbers.</summary>
    private static async Task<string> SeenAsync(TestApp app, int planId, DateOnly peildatum)
    {
        var overview = (await app.Get<DashboardQueries>().GetOverviewAsync(planId, peildatum))!;
        static IEnumerable<SpearpointSummary> Bare(IEnumerable<SpearpointSummary> list) =>
            list.Select(s => s with { Id = 0, PlanId = 0, Version = 0, OwnerId = null });
        return JsonSerializer.Serialize(new
        {
            Plan = overview.Plan with { Id = 0 },
            Development = Bare(overview.Development),
            Substantive = Bare(overview.Substantive),
            Ended = Bare(overview.EndedSpearpoints),
        }, PlanDocument.Json);
    }

    [Fact]
    public async Task APlanKeptInTheUi_ExportedAndImportedIntoAnotherInstallation_IsTheSameOnEveryPeildatum()
    {
        await using var from = await TestApp.InMemoryAsync();
        var planId = await KeptPlanAsync(from);
        // The plan on the two dates differs, so the comparison below can fail.
        var before = await SeenAsync(from, planId, Peildatums[0]);
        var after = await SeenAsync(from, planId, Peildatums[1]);
        Assert.Contains("\"Informatiegestuurd werken\"", before);
        Assert.Contains("Informatiegestuurd werken in de wijk", after);
        Assert.Equal(["SP2"], (await from.Get<DashboardQueries>().GetOverviewAsync(planId, Peildatums[1]))!.EndedSpearpoints.Select(s => s.Code));
        // Archived, it is still found by its address (the /beheer download asks this first) and still exports.
        Assert.True((await from.Get<DashboardQueries>().GetPlanHeaderAsync(planId))!.IsArchived);
        var json = await ExportJsonAsync(from, planId);
        Assert.Contains("\"formatVersion\": 2", json);

        // The other installation has the demo plan too (so the previous plan and the carried-over milestones'
        // origins are found by name) and an account with the owner's e-mail address, under another id.
        await using var to = await TestApp.InMemoryAsync();
        await to.CreateUserAsync("iemand.anders@gemeente.test", DashboardRoles.Manager);
        var ownerThere = await to.CreateUserAsync(OwnerEmail, DashboardRoles.Admin, name: OwnerName);
        to.Time.Advance(TimeSpan.FromDays(5));
        var result = await ImportAsync(to, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal($"Plan '{KeptPlanName}' is geïmporteerd als nieuw plan met nummer {result.PlanId}.", result.Message);
        var copyId = result.PlanId!.Value;
        Assert.Equal(await ContentAsync(from, planId), await ContentAsync(to, copyId));
        foreach (var date in Peildatums)
        {
            Assert.Equal(await SeenAsync(from, planId, date), await SeenAsync(to, copyId, date));
        }
        await using var db = to.CreateDb();
        var copy = await db.Plans.AsNoTracking().Include(p => p.Spearpoints).ThenInclude(s => s.Milestones).ThenInclude(m => m.CarriedOverFrom!)
            .ThenInclude(m => m.Spearpoint).SingleAsync(p => p.Id == copyId);
        var demoThere = await DemoPlanIdAsync(to);
        Assert.Equal(demoThere, copy.PreviousPlanId);
        Assert.NotNull(copy.ArchivedAt);
        Assert.Equal(ownerThere, copy.Spearpoints.Single(s => s.Code == "SP1").OwnerId);
        var carried = copy.Spearpoints.SelectMany(s => s.Milestones).ToList();
        Assert.NotEmpty(carried);
        Assert.All(carried, m => Assert.Equal(demoThere, m.CarriedOverFrom?.Spearpoint?.PlanId));
        Assert.Contains(carried, m => m.OriginalDueDate < copy.StartDate);
    }

    [Fact]
    public async Task APlanKeptInTheUi_ImportedIntoTheSameInstallation_IsTheSameOnEveryPeildatum()
    {
        await using var app = await TestApp.InMemoryAsync();
        var planId = await KeptPlanAsync(app);
        var json = await ExportJsonAsync(app, planId);

        var result = await ImportAsync(app, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(await ContentAsync(app, planId), await ContentAsync(app, result.PlanId!.Value));
        foreach (var date in Peildatums)
        {
            Assert.Equal(await SeenAsync(app, planId, date), await SeenAsync(app, result.PlanId.Value, date));
        }
        await using var db = app.CreateDb();
        var sources = await db.Milestones.Where(m => m.Spearpoint!.PlanId == planId)
            .OrderBy(m => m.Spearpoint!.Code).ThenBy(m => m.SortOrder).Select(m => m.CarriedOverFromId).ToListAsync();
        var copies = await db.Milestones.Where(m => m.Spearpoint!.PlanId == result.PlanId)
            .OrderBy(m => m.Spearpoint!.Code).ThenBy(m => m.SortOrder).Select(m => m.CarriedOverFromId).ToListAsync();
        Assert.NotEmpty(sources);
        Assert.Equal(sources, copies);
        Assert.Equal(
            await db.Spearpoints.Where(s => s.PlanId == planId).OrderBy(s => s.Code).Select(s => s.OwnerId).ToListAsync(),
            await db.Spearpoints.Where(s => s.PlanId == result.PlanId).OrderBy(s => s.Code).Select(s => s.OwnerId).ToListAsync());
    }

    [Fact]
    public async Task IntoAnInstallationWithoutThePreviousPlanOrTheOwner_ItStillImports_KeepingTheOwnerAsText_AndSaysSo()
    {
        await using var from = await TestApp.InMemoryAsync();
        var planId = await KeptPlanAsync(from);
        var json = await ExportJsonAsync(from, planId);
        await using var to = await TestApp.InMemoryAsync(seedDemo: false);
        to.Time.Advance(TimeSpan.FromDays(5));

        var result = await ImportAsync(to, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(string.Join(" ",
            $"Plan '{KeptPlanName}' is geïmporteerd als nieuw plan met nummer {result.PlanId}.",
            "Het vorige plan ‘Jaarplan handhaven openbare ruimte 2022-2023’ staat niet (of niet als enige met die naam) in deze installatie; het plan is zonder die verwijzing geïmporteerd.",
            $"Van {await CarriedOverCountAsync(from, planId)} overgenomen mijlpalen staat de mijlpaal waar ze vandaan komen niet in deze installatie; ze zijn zonder die verwijzing geïmporteerd.",
            $"Geen actief account van een manager of beheerder voor {OwnerEmail}: bij die speerpunten is de eigenaar als tekst bewaard."),
            result.Message);
        // The overview shows the same, the owner's name included.
        foreach (var date in Peildatums)
        {
            Assert.Equal(await SeenAsync(from, planId, date), await SeenAsync(to, result.PlanId!.Value, date));
        }
        await using var db = to.CreateDb();
        var sp1 = await db.Spearpoints.SingleAsync(s => s.Code == "SP1");
        Assert.Equal((null, OwnerName), (sp1.OwnerId, sp1.OwnerRole));
        Assert.Null((await db.Plans.SingleAsync()).PreviousPlanId);
        Assert.False(await db.Milestones.AnyAsync(m => m.CarriedOverFromId != null));
    }

    private static async Task<int> CarriedOverCountAsync(TestApp app, int planId)
    {
        await using var db = app.CreateDb();
        return await db.Milestones.CountAsync(m => m.Spearpoint!.PlanId == planId && m.CarriedOverFromId != null);
    }

    /// <summary>The properties a version-1 export had, by the JSON object they are in: what the exporter wrote before version 2.</summary>
    private static readonly Dictionary<string, string[]> Version1 = new()
    {
        ["plan"] = ["name", "organisation", "startDate", "endDate", "isDemo", "spearpoints", "briefings"],
        ["spearpoints"] = ["code", "kind", "title", "description", "ownerRole", "sortOrder", "statusUpdates", "milestones", "indicators"],
        ["milestones"] = ["title", "dueDate", "originalDueDate", "completedOn", "state", "cancelReason", "sortOrder", "createdAtUtc", "revisions"],
        ["indicators"] = ["name", "unit", "baseline", "target", "direction", "sortOrder", "measurements"],
    };

    /// <summary>An export as version 1 wrote it: only the properties it had.</summary>
    private static string AsVersion1(string json) => Mutate(json, root =>
    {
        root["formatVersion"] = 1;
        static void Keep(JsonObject o, string[] names)
        {
            foreach (var name in o.Select(p => p.Key).Where(k => !names.Contains(k)).ToList())
            {
                o.Remove(name);
            }
        }
        var plan = Plan(root).AsObject();
        Keep(plan, Version1["plan"]);
        foreach (var sp in plan["spearpoints"]!.AsArray().Select(n => n!.AsObject()))
        {
            Keep(sp, Version1["spearpoints"]);
            foreach (var m in sp["milestones"]!.AsArray())
            {
                Keep(m!.AsObject(), Version1["milestones"]);
            }
            foreach (var i in sp["indicators"]!.AsArray())
            {
                Keep(i!.AsObject(), Version1["indicators"]);
            }
        }
    });

    [Fact]
    public async Task AVersion1File_StillImports_WithTheDefaultsOfTheUpgrade()
    {
        await using var app = await TestApp.InMemoryAsync();
        var demo = await DemoPlanIdAsync(app);
        var json = AsVersion1(await ExportJsonAsync(app, demo));
        Assert.DoesNotContain("revisions\":[{\"code", json);
        Assert.DoesNotContain("frequency", json);

        var result = await ImportAsync(app, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        // The demo plan was made as the defaults say (there from the start, quarterly): the copy is the same
        // but for when the plan itself was made, which version 1 did not say.
        var copy = (await app.Get<PlanExporter>().ExportAsync(result.PlanId!.Value))!;
        var original = (await app.Get<PlanExporter>().ExportAsync(demo))!;
        Assert.Equal(TestApp.DefaultNow.UtcDateTime, copy.Plan.CreatedAtUtc);
        Assert.Equal(
            JsonSerializer.Serialize(original with { ExportedAtUtc = default, Plan = original.Plan with { CreatedAtUtc = default } }, PlanDocument.Json),
            JsonSerializer.Serialize(copy with { ExportedAtUtc = default, Plan = copy.Plan with { CreatedAtUtc = default } }, PlanDocument.Json));
        await using var db = app.CreateDb();
        var start = DashboardClock.StartOfDayUtc(new DateOnly(2022, 1, 1));
        var revisions = await db.SpearpointRevisions.Where(r => r.Spearpoint!.PlanId == result.PlanId).ToListAsync();
        Assert.Equal(6, revisions.Count);
        Assert.All(revisions, r => Assert.Equal((start, "Systeem", (DateTime?)null), (r.RecordedAt, r.Author, r.EndedAt)));
        Assert.All(await db.Indicators.Where(i => i.Spearpoint!.PlanId == result.PlanId).ToListAsync(),
            i => Assert.Equal((MeasurementFrequency.Quarterly, start, (DateTime?)null), (i.Frequency, i.CreatedAt, i.EndedAt)));
    }

    [Fact]
    public async Task AHandWrittenVersion1File_WithAnEndedSpearpoint_ShowsItRunningUntilItsEnd()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var json = """
            {
              "format": "voortgangsdashboard-plan",
              "formatVersion": 1,
              "plan": {
                "name": "Jaarplan 2025", "organisation": "Gemeente Voorbeeld", "startDate": "2025-01-01", "endDate": "2025-12-31",
                "spearpoints": [
                  { "code": "A1", "kind": "Development", "title": "Eerste", "ownerRole": "Teamleider",
                    "indicators": [ { "name": "Meldingen", "unit": "", "baseline": 10, "target": 5, "direction": "LowerIsBetter" } ] },
                  { "code": "A2", "kind": "Substantive", "title": "Tweede", "endedAtUtc": "2025-06-30T10:00:00Z", "endReason": "Klaar." }
                ]
              }
            }
            """;

        var result = await ImportAsync(app, json);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var queries = app.Get<DashboardQueries>();
        var june = (await queries.GetOverviewAsync(result.PlanId, new DateOnly(2025, 6, 1)))!;
        var july = (await queries.GetOverviewAsync(result.PlanId, new DateOnly(2025, 7, 1)))!;
        Assert.Equal(("A1", "A2", 0), (string.Join(",", june.Development.Select(s => s.Code)), string.Join(",", june.Substantive.Select(s => s.Code)), june.EndedSpearpoints.Count));
        Assert.Equal(("A2", "Klaar."), (july.EndedSpearpoints.Single().Code, july.EndedSpearpoints.Single().EndReason));
        Assert.Equal("Teamleider", june.Development.Single().Owner);
    }

    /// <summary>A change to the exported demo plan, the path of the problem, and the message.</summary>
    public static TheoryData<string, Action<JsonNode>, string, string> BadFiles => new()
    {
        { "unknown field", r => Sp(r, 0)["titel"] = "Speerpunt", "$.plan.spearpoints[0].titel", "Onbekend veld 'titel'." },
        { "missing", r => Plan(r).AsObject().Remove("name"), "$.plan.name", "Naam is verplicht." },
        { "too long", r => M(r, 0, 0)["title"] = new string('a', 201), "$.plan.spearpoints[0].milestones[0].title", "Titel is te lang: maximaal 200 tekens, nu 201." },
        { "control character", r => Sp(r, 0)["title"] = "Speer\u0007punt", "$.plan.spearpoints[0].title", "Titel moet één regel zijn, zonder stuurtekens." },
        { "date outside the plan", r => M(r, 0, 0)["dueDate"] = "2030-01-01", "$.plan.spearpoints[0].milestones[0].dueDate", "Geplande datum moet liggen tussen 01-01-2022 en 31-12-2023." },
        { "impossible date", r => M(r, 0, 0)["dueDate"] = "2023-02-30", "$.plan.spearpoints[0].milestones[0].dueDate", "Geplande datum moet een datum zijn, zoals 2023-03-31." },
        { "reversed dates", r => Plan(r)["endDate"] = "2021-12-31", "$.plan.endDate", "Einddatum ligt voor de begindatum." },
        { "status only a milestone has", r => U(r, 0, 0)["status"] = "Cancelled", "$.plan.spearpoints[0].statusUpdates[0].status", "Status heeft een waarde die niet in de lijst staat." },
        { "status outside the list", r => U(r, 0, 0)["status"] = "Groen", "$.plan.spearpoints[0].statusUpdates[0].status", "Status heeft een waarde die niet in de lijst staat." },
        { "orange without a cause", r => U(r, 0, 0)["status"] = "NeedsAttention", "$.plan.spearpoints[0].statusUpdates[0].cause", "Oorzaak is verplicht." },
        { "1 MB text", r => U(r, 0, 0)["explanation"] = new string('x', 1_000_000), "$.plan.spearpoints[0].statusUpdates[0].explanation", "Toelichting is te lang: maximaal 4000 tekens, nu 1000000." },
        { "moment without zone", r => U(r, 0, 0)["recordedAtUtc"] = "2023-01-01T10:00:00", "$.plan.spearpoints[0].statusUpdates[0].recordedAtUtc", "Vastgelegd op moet een tijdstip met tijdzone zijn, zoals 2023-03-31T14:00:00Z." },
        { "percentage out of range", r => I(r, 0, 0)["baseline"] = 150, "$.plan.spearpoints[0].indicators[0].baseline", "Nulmeting moet liggen tussen 0 en 100." },
        { "text for a number", r => I(r, 0, 0)["measurements"]![0]!["value"] = "tien", "$.plan.spearpoints[0].indicators[0].measurements[0].value", "Waarde moet een getal zijn, zonder scheidingstekens voor duizendtallen." },
        { "measured after the plan", r => I(r, 0, 0)["measurements"]![0]!["date"] = "2024-01-01", "$.plan.spearpoints[0].indicators[0].measurements[0].date", "Datum moet liggen tussen 01-01-2022 en 31-12-2023." },
        { "duplicate code", r => Sp(r, 1)["code"] = "SP1", "$.plan.spearpoints[1].code", "Speerpuntcode SP1 komt meer dan eens voor." },
        { "number for an enum", r => Sp(r, 0)["kind"] = 1, "$.plan.spearpoints[0].kind", "Soort heeft een waarde die niet in de lijst staat." },
        { "briefing of an unknown spearpoint", r => Plan(r)["briefings"]![0]!["spearpoints"]![0] = "XX9", "$.plan.briefings[0].spearpoints[0]", "Speerpunt XX9 staat niet in dit bestand." },
        { "milestone without history", r => M(r, 0, 0)["revisions"] = new JsonArray(), "$.plan.spearpoints[0].milestones[0].revisions", "Een mijlpaal heeft ten minste één versie in zijn geschiedenis nodig." },
        { "open milestone with a date done", r => M(r, 0, 0)["state"] = "OnTrack", "$.plan.spearpoints[0].milestones[0].completedOn", "Een datum gereed hoort alleen bij een mijlpaal die gereed is." },
        { "object for a list", r => Plan(r)["spearpoints"] = new JsonObject(), "$.plan.spearpoints", "Speerpunten moet een lijst zijn." },
        { "another file", r => r["format"] = "iets anders", "$.format", "Dit is geen planbestand van het dashboard (verwacht: format \"voortgangsdashboard-plan\")." },
        { "unknown frequency", r => I(r, 0, 0)["frequency"] = "Weekly", "$.plan.spearpoints[0].indicators[0].frequency", "Meetfrequentie heeft een waarde die niet in de lijst staat." },
        { "baseline date after the plan", r => I(r, 0, 0)["baselineDate"] = "2024-01-01", "$.plan.spearpoints[0].indicators[0].baselineDate", "Datum nulmeting moet liggen tussen 01-01-2000 en 31-12-2023." },
        { "indicator ended without a reason", r => I(r, 0, 0)["endedAtUtc"] = "2023-01-01T10:00:00Z", "$.plan.spearpoints[0].indicators[0].endReason", "Reden van beëindiging is verplicht." },
        { "indicator created in the future", r => I(r, 0, 0)["createdAtUtc"] = "2030-01-01T00:00:00Z", "$.plan.spearpoints[0].indicators[0].createdAtUtc", "Aangemaakt op moet liggen tussen 01-01-2000 en 25-11-2026." },
        { "spearpoint ended without a reason", r => Sp(r, 0)["endedAtUtc"] = "2023-01-01T10:00:00Z", "$.plan.spearpoints[0].endReason", "Reden van beëindiging is verplicht." },
        { "a reason without an end", r => Sp(r, 0)["endReason"] = "Klaar.", "$.plan.spearpoints[0].endReason", "Een reden van beëindiging hoort alleen bij iets dat is beëindigd (met Beëindigd op)." },
        { "revisions out of order", r => Sp(r, 0)["revisions"]!.AsArray().Add(Revision(r, 0, "2021-06-01T00:00:00Z")), "$.plan.spearpoints[0].revisions[1].recordedAtUtc", "Deze versie is vastgelegd vóór de vorige; zet de versies op volgorde van tijd, de oudste eerst." },
        { "last revision not the spearpoint", r => Sp(r, 0)["revisions"]![0]!["title"] = "Iets anders", "$.plan.spearpoints[0].revisions[0].title", "Titel van de laatste versie moet gelijk zijn aan die van het speerpunt zelf." },
        { "last revision not ended", r => { Sp(r, 0)["endedAtUtc"] = "2023-01-01T10:00:00Z"; Sp(r, 0)["endReason"] = "Klaar."; }, "$.plan.spearpoints[0].revisions[0].endedAtUtc", "Beëindigd op van de laatste versie moet gelijk zijn aan die van het speerpunt zelf." },
        { "revision without an author", r => Sp(r, 0)["revisions"]![0]!.AsObject().Remove("author"), "$.plan.spearpoints[0].revisions[0].author", "Auteur is verplicht." },
        { "revision code too long", r => Sp(r, 0)["revisions"]![0]!["code"] = new string('C', 21), "$.plan.spearpoints[0].revisions[0].code", "Code is te lang: maximaal 20 tekens, nu 21." },
        { "revision of an unknown kind", r => Sp(r, 0)["revisions"]![0]!["kind"] = "Groot", "$.plan.spearpoints[0].revisions[0].kind", "Soort heeft een waarde die niet in de lijst staat." },
        { "code too long", r => Sp(r, 0)["code"] = new string('C', 21), "$.plan.spearpoints[0].code", "Code is te lang: maximaal 20 tekens, nu 21." },
        { "owner e-mail not text", r => Sp(r, 0)["ownerEmail"] = 5, "$.plan.spearpoints[0].ownerEmail", "E-mailadres eigenaar moet een tekst zijn." },
        { "plan description too long", r => Plan(r)["description"] = new string('d', 4001), "$.plan.description", "Omschrijving is te lang: maximaal 4000 tekens, nu 4001." },
        { "archived in the future", r => Plan(r)["archivedAtUtc"] = "2030-01-01T00:00:00Z", "$.plan.archivedAtUtc", "Gearchiveerd op moet liggen tussen 01-01-2000 en 25-11-2026." },
        { "carried over from nothing in particular", r => M(r, 0, 0)["carriedOverFrom"] = new JsonObject { ["plan"] = "Jaarplan 2021", ["spearpoint"] = "SP1" }, "$.plan.spearpoints[0].milestones[0].carriedOverFrom.milestone", "Mijlpaal is verplicht." },
        { "original date before the plan, not carried over", r => M(r, 0, 0)["originalDueDate"] = "2021-06-01", "$.plan.spearpoints[0].milestones[0].originalDueDate", "Oorspronkelijke datum moet liggen tussen 01-01-2022 en 31-12-2023." },
        { "newer format", r => r["formatVersion"] = 3, "$.formatVersion", "Dit bestand heeft formaatversie 3; deze versie van het dashboard kent tot en met 2." },
    };

    /// <summary>Each kind of bad input: refused with its path and a Dutch message naming the field; nothing stored but the refusal's audit line.</summary>
    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFile_IsRefusedWithThePathOfTheProblem_AndNothingIsStored(string kind, Action<JsonNode> change, string path, string message)
    {
        _ = kind;
        await using var app = await TestApp.InMemoryAsync();
        var json = Mutate(await ExportJsonAsync(app, await DemoPlanIdAsync(app)), change);
        var before = await DataSnapshot.TakeAsync(app);

        var result = await ImportAsync(app, json);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.StartsWith("Niet geïmporteerd; er is niets opgeslagen.", result.Message);
        Assert.Contains(new ImportProblem(path, message), result.Problems);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        await using var db = app.CreateDb();
        Assert.Equal(AuditResult.Refused, (await db.AuditEntries.SingleAsync(a => a.Action == "ImportPlan")).Result);
    }

    [Theory]
    [InlineData("{ \"format\": \"voortgangsdashboard-plan\",\n  \"plan\": { \"name\": }", "Regel 2, positie 21")]
    [InlineData("{ \"format\": \"x\", \"format\": \"y\" }", "Regel 1, positie 1")]
    [InlineData("", "Regel 1, positie 1")]
    public async Task NotJson_IsRefusedWithTheLine(string text, string where)
    {
        await using var app = await TestApp.InMemoryAsync();
        var before = await DataSnapshot.TakeAsync(app);

        var result = await ImportAsync(app, text);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal([new ImportProblem(where, "Dit is geen geldige JSON.")], result.Problems);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task EveryProblemIsReported_NotOnlyTheFirst()
    {
        await using var app = await TestApp.InMemoryAsync();
        var json = Mutate(await ExportJsonAsync(app, await DemoPlanIdAsync(app)), r =>
        {
            Plan(r).AsObject().Remove("name");
            M(r, 1, 2)["dueDate"] = "2030-01-01";
            I(r, 3, 1)["target"] = -5;
            Plan(r)["briefings"]![1]!["agenda"] = 42;
        });

        var result = await ImportAsync(app, json);

        Assert.Equal(
            ["$.plan.name", "$.plan.spearpoints[1].milestones[2].dueDate", "$.plan.spearpoints[3].indicators[1].target", "$.plan.briefings[1].agenda"],
            result.Problems.Select(p => p.Where));
    }

    [Fact]
    public async Task OnlyABeheerderMayImport()
    {
        await using var app = await TestApp.InMemoryAsync();
        var json = await ExportJsonAsync(app, await DemoPlanIdAsync(app));
        var before = await DataSnapshot.TakeAsync(app);

        foreach (var actor in new[] { Actors.Manager(), Actors.CouncilMember, Actors.Presenter })
        {
            var result = await ImportAsync(app, json, actor);
            Assert.Equal(SaveOutcome.Forbidden, result.Outcome);
            Assert.Equal("Alleen een beheerder mag importeren. Er is niets opgeslagen.", result.Message);
        }
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        await using var db = app.CreateDb();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == "ImportPlan" && a.Result == AuditResult.Forbidden));
    }

    private static string Mutate(string json, Action<JsonNode> change)
    {
        var root = JsonNode.Parse(json)!;
        change(root);
        return root.ToJsonString();
    }
}
