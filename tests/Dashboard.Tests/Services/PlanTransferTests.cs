using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Services;
using Dashboard.Services.Transfer;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Services;

/// <summary>A whole plan out as JSON and in again as a new plan; a bad file is refused whole, each problem with its path.</summary>
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
