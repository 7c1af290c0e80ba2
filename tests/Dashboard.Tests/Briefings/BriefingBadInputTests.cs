using Dashboard.Briefings;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Briefings;

/// <summary>Bad input for briefings: each refused with a Dutch message naming the field, nothing stored but the audit line.</summary>
[Trait("Category", Database.Category)]
public class BriefingBadInputTests
{
    public static TheoryData<string> Cases => new()
    {
        "date-missing", "date-before-plan", "date-after-plan", "title-empty", "title-too-long", "title-newline", "audience-missing",
        "audience-bidi-override", "agenda-too-long", "notes-1mb", "notes-control-char", "no-spearpoints", "spearpoint-of-another-plan",
        "unknown-spearpoint", "unknown-plan", "unknown-briefing",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedWithADutchMessageNamingTheField_AndNothingIsStored(string @case)
    {
        await using var app = await TestApp.InMemoryAsync();
        var list = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!;
        int otherPlanSpearpoint;
        await using (var db = app.CreateDb())
        {
            var other = new Plan { Name = "Ander plan", Organisation = "Elders", StartDate = new(2024, 1, 1), EndDate = new(2024, 12, 31) };
            var foreign = new Spearpoint { Code = "X1", Title = "Vreemd speerpunt" };
            other.Spearpoints.Add(foreign);
            db.Plans.Add(other);
            await db.SaveChangesAsync();
            otherPlanSpearpoint = foreign.Id;
        }
        var before = await DataSnapshot.TakeAsync(app);
        var audits = await DataSnapshot.AuditCountAsync(app);
        var editor = app.Get<BriefingEditor>();
        var me = Actors.Manager();
        var p = list.Plan.Id;
        var b = list.Past[0];
        int[] sp = [list.PlanSpearpoints[0].Id];
        var june = new DateOnly(2023, 6, 13);
        Task<SaveResult> Add(DateOnly? date = null, string? title = "Sessie", string? audience = "Raad", string? agenda = null, string? notes = null, int[]? ids = null) =>
            editor.AddAsync(me, new AddBriefingCommand(p, date ?? june, title, audience, agenda, notes, ids ?? sp));

        var (result, field, words) = @case switch
        {
            "date-missing" => (await editor.AddAsync(me, new AddBriefingCommand(p, null, "Sessie", "Raad", null, null, sp)), "Date", "Datum is verplicht"),
            "date-before-plan" => (await Add(date: new DateOnly(2021, 12, 31)), "Date", "Datum moet liggen tussen 01-01-2022 en 31-12-2023"),
            "date-after-plan" => (await editor.EditAsync(me, new EditBriefingCommand(p, b.Id, b.Version, new DateOnly(2024, 1, 9), b.Title, b.Audience, b.Agenda, b.Notes, sp)), "Date", "Datum moet liggen tussen"),
            "title-empty" => (await Add(title: "  "), "Title", "Titel is verplicht"),
            "title-too-long" => (await Add(title: new string('t', 201)), "Title", "Titel is te lang"),
            "title-newline" => (await Add(title: "Twee\nregels"), "Title", "Titel moet één regel zijn"),
            "audience-missing" => (await Add(audience: null), "Audience", "Doelgroep is verplicht"),
            "audience-bidi-override" => (await Add(audience: "Raad\u202E"), "Audience", "Doelgroep moet één regel zijn"),
            "agenda-too-long" => (await Add(agenda: new string('a', 4001)), "Agenda", "Agenda is te lang"),
            "notes-1mb" => (await Add(notes: new string('n', 1024 * 1024)), "Notes", "Notities is te lang"),
            "notes-control-char" => (await Add(notes: "Bel\u0007"), "Notes", "Notities bevat tekens die niet zijn toegestaan"),
            "no-spearpoints" => (await Add(ids: []), "AgendaSpearpoints", "Speerpunten op de agenda: kies ten minste één speerpunt"),
            "spearpoint-of-another-plan" => (await Add(ids: [sp[0], otherPlanSpearpoint]), "AgendaSpearpoints", "Speerpunt bestaat niet (meer) in dit plan"),
            "unknown-spearpoint" => (await Add(ids: [987654]), "AgendaSpearpoints", "Speerpunt bestaat niet (meer) in dit plan"),
            "unknown-plan" => (await editor.AddAsync(me, new AddBriefingCommand(987654, june, "Sessie", "Raad", null, null, sp)), "Plan", "Plan bestaat niet (meer)."),
            "unknown-briefing" => (await editor.EditAsync(me, new EditBriefingCommand(p, 987654, 0, june, "Sessie", "Raad", null, null, sp)), "Briefing", "Bijpraatsessie bestaat niet (meer) in dit plan"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        Assert.False(result.Succeeded);
        Assert.StartsWith(words, result.ErrorFor(field));
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        Assert.Equal(audits + 1, await DataSnapshot.AuditCountAsync(app));
    }
}
