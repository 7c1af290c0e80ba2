using System.Text;
using System.Text.Json.Nodes;
using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Dashboard.Transfer;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Transfer;

/// <summary>Milestones and measurements as CSV for a spreadsheet, and back in; a bad row refuses the whole file, with its line.</summary>
[Trait("Category", Database.Category)]
public class CsvTransferTests
{
    private const string MilestoneHeader = "Speerpunt;Mijlpaal;Geplande datum;Oorspronkelijke datum;Stand;Datum gereed;Reden";
    private const string MeasurementHeader = "Speerpunt;Indicator;Datum;Waarde;Notitie";

    private static async Task<int> DemoPlanIdAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.Plans.Where(p => p.IsDemo).Select(p => p.Id).SingleAsync();
    }

    private static async Task<string> ExportAsync(TestApp app, int planId, string kind)
    {
        var exporter = app.Get<PlanExporter>();
        using var stream = new MemoryStream();
        Assert.True(kind == "milestones"
            ? await exporter.WriteMilestonesCsvAsync(planId, stream)
            : await exporter.WriteMeasurementsCsvAsync(planId, stream));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Task<ImportResult> ImportAsync(TestApp app, int planId, string kind, string csv, Actor? actor = null) =>
        ImportAsync(app, planId, kind, Encoding.UTF8.GetBytes(csv), actor);

    private static Task<ImportResult> ImportAsync(TestApp app, int planId, string kind, byte[] csv, Actor? actor = null)
    {
        var importer = app.Get<CsvImporter>();
        var stream = new MemoryStream(csv);
        return kind == "milestones"
            ? importer.ImportMilestonesAsync(actor ?? Actors.Admin, planId, stream)
            : importer.ImportMeasurementsAsync(actor ?? Actors.Admin, planId, stream);
    }

    /// <summary>A copy of the demo plan without milestones and measurements: same spearpoints and indicators.</summary>
    private static async Task<int> EmptyCopyAsync(TestApp app, int planId)
    {
        var document = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(await app.Get<PlanExporter>().ExportAsync(planId), PlanDocument.Json))!;
        foreach (var spearpoint in document["plan"]!["spearpoints"]!.AsArray())
        {
            spearpoint!["milestones"] = new JsonArray();
            foreach (var indicator in spearpoint["indicators"]!.AsArray())
            {
                indicator!["measurements"] = new JsonArray();
            }
        }
        var result = await app.Get<PlanImporter>().ImportPlanAsync(Actors.Admin, new MemoryStream(Encoding.UTF8.GetBytes(document.ToJsonString())));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.PlanId!.Value;
    }

    [Fact]
    public async Task ExportThenImport_IntoAnotherPlan_GivesTheSameMilestonesAndMeasurements()
    {
        await using var app = await TestApp.InMemoryAsync();
        var planId = await DemoPlanIdAsync(app);
        // A title a spreadsheet would take for a formula comes back as text.
        var formula = await app.Get<MilestoneEditor>().AddAsync(Actors.Manager(),
            new AddMilestoneCommand(planId, await app.SpearpointIdAsync("SP2"), "=SOM(A1:A9) \"extra\"; nog iets", new DateOnly(2023, 5, 1)));
        Assert.True(formula.Succeeded);
        var milestones = await ExportAsync(app, planId, "milestones");
        var measurements = await ExportAsync(app, planId, "measurements");
        Assert.StartsWith("\uFEFF" + MilestoneHeader + "\r\n", milestones);
        Assert.Contains("SP2;\"'=SOM(A1:A9) \"\"extra\"\"; nog iets\";2023-05-01;2023-05-01;Niet gestart;;\r\n", milestones);
        Assert.Contains("SP4;Ziekteverzuim;2022-06-30;8,5;\r\n", measurements);
        var copy = await EmptyCopyAsync(app, planId);

        var m = await ImportAsync(app, copy, "milestones", milestones);
        var x = await ImportAsync(app, copy, "measurements", measurements);

        Assert.True(m.Succeeded, string.Join("\n", m.Problems));
        Assert.True(x.Succeeded, string.Join("\n", x.Problems));
        Assert.Equal("Geïmporteerd: 27 regels.", m.Message);
        Assert.Equal(milestones, await ExportAsync(app, copy, "milestones"));
        Assert.Equal(measurements, await ExportAsync(app, copy, "measurements"));
        await using var db = app.CreateDb();
        var imported = await db.Milestones.Where(i => i.Spearpoint!.PlanId == copy).Include(i => i.Revisions).ToListAsync();
        Assert.All(imported, i => Assert.Equal((i.Title, i.State, "Beheerder"), (i.Revisions.Single().Title, i.Revisions.Single().State, i.Revisions.Single().Author)));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => (a.Action == "ImportMilestones" || a.Action == "ImportMeasurements") && a.Result == AuditResult.Success));
    }

    [Fact]
    public async Task DutchSpreadsheetForms_AreRead_AndTheColumnsMayComeInAnyOrder()
    {
        await using var app = await TestApp.InMemoryAsync();
        var planId = await DemoPlanIdAsync(app);

        var m = await ImportAsync(app, planId, "milestones",
            "Stand,Mijlpaal,Speerpunt,Geplande datum,Datum gereed\r\nGereed,Nieuwe mijlpaal,sp1,1-3-2023,15-3-2023\r\n");
        var x = await ImportAsync(app, planId, "measurements",
            "Speerpunt\tIndicator\tDatum\tWaarde\nSP4\tziekteverzuim\t31-12-2023\t6,25\n");

        Assert.True(m.Succeeded, string.Join("\n", m.Problems));
        Assert.True(x.Succeeded, string.Join("\n", x.Problems));
        await using var db = app.CreateDb();
        var milestone = await db.Milestones.SingleAsync(i => i.Title == "Nieuwe mijlpaal");
        Assert.Equal((Status.Done, new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 15)), (milestone.State, milestone.DueDate, milestone.CompletedOn!.Value));
        Assert.True(await db.Measurements.AnyAsync(i => i.Value == 6.25 && i.Date == new DateOnly(2023, 12, 31)));
    }

    public static TheoryData<string, string, string, string> BadFiles => new()
    {
        { "milestones", "Speerpunt;Mijlpaal\r\nSP1;Nieuw", "Regel 1", "De kolom 'Geplande datum' ontbreekt." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum;Kleur\r\nSP1;Nieuw;2023-01-01;rood", "Regel 1", "Onbekende kolom 'Kleur'." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw;2023-01-01\r\nSP9;Ook nieuw;2023-01-01", "Regel 3", "Speerpunt SP9 staat niet in dit plan." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw;31-02-2023", "Regel 2", "Geplande datum moet een datum zijn, zoals 2023-03-31." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw;2030-01-01", "Regel 2", "Geplande datum moet liggen tussen 01-01-2022 en 31-12-2023." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw", "Regel 2", "Deze regel heeft 2 kolommen, de kopregel 3." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw;2023-01-01\r\nSP1;\"Nieuw;2023-01-01\r\n", "Regel 3", "Hier begint een aanhalingsteken dat nergens wordt gesloten." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Informatieanalist aangesteld;2023-01-01", "Regel 2", "Mijlpaal 'Informatieanalist aangesteld' staat al bij speerpunt SP1." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw;2023-01-01\r\nSP1;nieuw;2023-02-01", "Regel 3", "Mijlpaal 'nieuw' staat al bij speerpunt SP1." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum;Stand\r\nSP1;Nieuw;2023-01-01;Groen", "Regel 2", "Stand heeft een waarde die niet in de lijst staat." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum;Stand\r\nSP1;Nieuw;2023-01-01;Gereed", "Regel 2", "Datum gereed is verplicht." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum;Stand\r\nSP1;Nieuw;2023-01-01;Vervallen", "Regel 2", "Reden is verplicht." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw\u0007;2023-01-01", "Regel 2", "Mijlpaal moet één regel zijn, zonder stuurtekens." },
        { "milestones", $"Speerpunt;Mijlpaal;Geplande datum\r\nSP1;{new string('m', 201)};2023-01-01", "Regel 2", "Mijlpaal is te lang: maximaal 200 tekens, nu 201." },
        { "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\n;Nieuw;2023-01-01", "Regel 2", "Speerpunt is verplicht." },
        { "milestones", "", "Regel 1", "Het bestand bevat geen gegevens om te importeren." },
        { "milestones", MilestoneHeader + "\r\n", "Regel 2", "Het bestand bevat geen gegevens om te importeren." },
        { "measurements", MeasurementHeader + "\r\nSP1;Onbekend;2023-01-01;5;", "Regel 2", "Indicator 'Onbekend' hoort niet bij speerpunt SP1." },
        { "measurements", MeasurementHeader + "\r\nSP1;Inzet gepland op basis van analyse;2023-01-01;150;", "Regel 2", "Waarde moet liggen tussen 0 en 100." },
        { "measurements", MeasurementHeader + "\r\nSP4;Bezette formatie;2023-01-01;1.000,5;", "Regel 2", "Waarde moet een getal zijn, zonder scheidingstekens voor duizendtallen." },
        { "measurements", MeasurementHeader + "\r\nSP4;Bezette formatie;2024-01-01;50;", "Regel 2", "Datum moet liggen tussen 01-01-2022 en 31-12-2023." },
        { "measurements", MeasurementHeader + "\r\nSP4;Bezette formatie;2023-12-31;57;", "Regel 2", "Voor 'Bezette formatie' staat deze waarde op 31-12-2023 al in het plan." },
        { "measurements", MeasurementHeader + "\r\nSP4;Bezette formatie;2023-12-31;;", "Regel 2", "Waarde is verplicht." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFile_IsRefusedWithTheLineOfTheProblem_AndNothingIsStored(string kind, string csv, string line, string message)
    {
        await using var app = await TestApp.InMemoryAsync();
        var before = await DataSnapshot.TakeAsync(app);

        var result = await ImportAsync(app, await DemoPlanIdAsync(app), kind, csv);

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains(new ImportProblem(line, message), result.Problems);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task NoMilestonesIntoAnEndedSpearpoint_AndNoMeasurementsIntoAnEndedIndicator_AsInTheEditors()
    {
        await using var app = await TestApp.InMemoryAsync();
        var planId = await DemoPlanIdAsync(app);
        await using (var db = app.CreateDb())
        {
            var sp1 = await db.Spearpoints.SingleAsync(s => s.Code == "SP1");
            var staffing = await db.Indicators.SingleAsync(i => i.Name == "Bezette formatie");
            Assert.True((await app.Get<SpearpointEditor>().EndAsync(Actors.Manager(), new EndSpearpointCommand(planId, sp1.Id, sp1.Version, "Klaar."))).Succeeded);
            Assert.True((await app.Get<IndicatorEditor>().EndAsync(Actors.Manager(), new EndIndicatorCommand(planId, staffing.Id, staffing.Version, "Niet meer gemeten."))).Succeeded);
        }
        var before = await DataSnapshot.TakeAsync(app);

        var m = await ImportAsync(app, planId, "milestones",
            "Speerpunt;Mijlpaal;Geplande datum\r\nSP2;Nieuw;2023-01-01\r\nSP1;Ook nieuw;2023-01-01");
        var x = await ImportAsync(app, planId, "measurements",
            MeasurementHeader + "\r\nSP4;Ziekteverzuim;2023-11-30;6;\r\nSP4;Bezette formatie;2023-11-30;57;");

        Assert.Equal([new ImportProblem("Regel 3", "Speerpunt is beëindigd op 24-11-2026 en kan niet meer worden gewijzigd.")], m.Problems);
        Assert.Equal([new ImportProblem("Regel 3", "Indicator is beëindigd op 24-11-2026 en kan niet meer worden gewijzigd.")], x.Problems);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        // The running ones still take the same rows.
        Assert.True((await ImportAsync(app, planId, "milestones", "Speerpunt;Mijlpaal;Geplande datum\r\nSP2;Nieuw;2023-01-01")).Succeeded);
        Assert.True((await ImportAsync(app, planId, "measurements", MeasurementHeader + "\r\nSP4;Ziekteverzuim;2023-11-30;6;")).Succeeded);
    }

    [Fact]
    public async Task EveryBadRowIsReported_AndTheGoodRowsAreNotStoredEither()
    {
        await using var app = await TestApp.InMemoryAsync();
        var before = await DataSnapshot.TakeAsync(app);

        var result = await ImportAsync(app, await DemoPlanIdAsync(app), "measurements", string.Join("\r\n",
            MeasurementHeader,
            "SP4;Bezette formatie;2023-11-30;57;goed",
            "SP4;Bezette formatie;morgen;57;",
            "SP4;Bezette formatie;2023-11-30;-5000000000;",
            "SP4;Bezette formatie;2023-10-31;56;goed",
            "IS9;Bezette formatie;2023-11-30;57;"));

        Assert.Equal(["Regel 3", "Regel 4", "Regel 6"], result.Problems.Select(p => p.Where));
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task AFileThatIsNotUtf8_IsRefused()
    {
        await using var app = await TestApp.InMemoryAsync();
        var latin1 = Encoding.Latin1.GetBytes(MilestoneHeader + "\r\nSP1;Geïntegreerd;2023-01-01;;;;\r\n");

        var result = await ImportAsync(app, await DemoPlanIdAsync(app), "milestones", latin1);

        Assert.Equal([new ImportProblem("Regel 1", "Het bestand is geen UTF-8-tekst. Sla het op als CSV UTF-8.")], result.Problems);
    }

    [Fact]
    public async Task OnlyABeheerderMayImport_AndAnUnknownPlanIsRefused()
    {
        await using var app = await TestApp.InMemoryAsync();
        var planId = await DemoPlanIdAsync(app);
        var csv = "Speerpunt;Mijlpaal;Geplande datum\r\nSP1;Nieuw;2023-01-01";
        var before = await DataSnapshot.TakeAsync(app);

        var manager = await ImportAsync(app, planId, "milestones", csv, Actors.Manager());
        var unknown = await ImportAsync(app, planId + 100, "milestones", csv);

        Assert.Equal(SaveOutcome.Forbidden, manager.Outcome);
        Assert.Equal(SaveOutcome.Invalid, unknown.Outcome);
        Assert.Equal([new ImportProblem("--plan", $"Er is geen plan met nummer {planId + 100}.")], unknown.Problems);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }
}
