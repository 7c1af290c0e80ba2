using Dashboard.Briefings;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Briefings;

[Trait("Category", Database.Category)]
public class BriefingEditorTests
{
    private static async Task<(TestApp App, BriefingsModel List)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        return (app, (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!);
    }

    private static int[] Ids(BriefingsModel list, params string[] codes) =>
        list.PlanSpearpoints.Where(s => codes.Contains(s.Code)).Select(s => s.Id).ToArray();

    [Fact]
    public async Task Add_StoresTheBriefingWithItsAgenda_AndAuditsIt()
    {
        var (app, list) = await StartAsync();
        await using var _ = app;

        var result = await app.Get<BriefingEditor>().AddAsync(Actors.Manager(), new AddBriefingCommand(list.Plan.Id,
            new DateOnly(2023, 6, 13), "  Bijpraatsessie juni  ", "Domein Algemene Zaken", "Stand na het eerste halfjaar.", null, Ids(list, "SP4", "SP2")));

        Assert.True(result.Succeeded, result.Message);
        var added = (await app.Get<BriefingQueries>().GetBriefingAsync((int)result.CreatedId!))!;
        Assert.Equal(("Bijpraatsessie juni", new DateOnly(2023, 6, 13), "Stand na het eerste halfjaar.", ""),
            (added.Briefing.Title, added.Briefing.Date, added.Briefing.Agenda, added.Briefing.Notes));
        Assert.Equal(["SP2", "SP4"], added.Briefing.Spearpoints.Select(s => s.Code));
        Assert.Equal(DemoBriefings.February, added.Previous!.Date);
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(("AddBriefing", "Briefing", AuditResult.Success), (audit.Action, audit.ObjectType, audit.Result));
        Assert.Contains("SP2, SP4", audit.NewValues);
    }

    [Fact]
    public async Task Edit_ChangesDateTitleAudienceAgendaAndNotes_AndKeepsOldAndNewInTheAudit()
    {
        var (app, list) = await StartAsync();
        await using var _ = app;
        var february = list.Past[0];

        var result = await app.Get<BriefingEditor>().EditAsync(Actors.Manager(), new EditBriefingCommand(list.Plan.Id, february.Id, february.Version,
            new DateOnly(2023, 2, 21), "Bijpraatsessie februari", "Domein Algemene Zaken en Domein Veiligheid", february.Agenda,
            "Verschoven naar 21 februari.", Ids(list, "IS1", "IS2")));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(february.Version + 1, result.Version);
        var edited = (await app.Get<BriefingQueries>().GetBriefingAsync(february.Id))!;
        Assert.Equal((new DateOnly(2023, 2, 21), "Bijpraatsessie februari", "Domein Algemene Zaken en Domein Veiligheid", "Verschoven naar 21 februari."),
            (edited.Briefing.Date, edited.Briefing.Title, edited.Briefing.Audience, edited.Briefing.Notes));
        Assert.Equal(["IS1", "IS2"], edited.Briefing.Spearpoints.Select(s => s.Code));
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal("EditBriefing", audit.Action);
        Assert.Contains("SP1, SP2, SP3, SP4, IS1, IS2", audit.OldValues);
        Assert.Contains("IS1, IS2", audit.NewValues);
    }

    [Fact]
    public async Task TwoManagersEditingTheSameBriefing_TheSecondIsRefused_WithWhatTheFirstSaved()
    {
        var (app, list) = await StartAsync();
        await using var _ = app;
        var b = list.Past[1];
        var editor = app.Get<BriefingEditor>();
        var ids = b.Spearpoints.Select(s => s.Id).ToList();

        var first = await editor.EditAsync(Actors.Manager("A"), new EditBriefingCommand(list.Plan.Id, b.Id, b.Version, b.Date, "Titel van A", b.Audience, b.Agenda, b.Notes, ids));
        var before = await DataSnapshot.TakeAsync(app);
        var second = await editor.EditAsync(Actors.Manager("B"), new EditBriefingCommand(list.Plan.Id, b.Id, b.Version, b.Date, "Titel van B", b.Audience, b.Agenda, b.Notes, ids));

        Assert.True(first.Succeeded);
        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        Assert.Equal("Nu opgeslagen: Titel van A op 11-10-2022, voor Domein Algemene Zaken.", second.ConflictDetails);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task Edit_OfABriefingOfAnotherPlan_IsRefused_AndNothingIsStored()
    {
        var (app, list) = await StartAsync();
        await using var _ = app;
        var b = list.Past[0];
        var before = await DataSnapshot.TakeAsync(app);

        var result = await app.Get<BriefingEditor>().EditAsync(Actors.Manager(), new EditBriefingCommand(list.Plan.Id + 1, b.Id, b.Version,
            b.Date, "Kaping", b.Audience, b.Agenda, b.Notes, b.Spearpoints.Select(s => s.Id).ToList()));

        Assert.Equal(SaveOutcome.NotFound, result.Outcome);
        Assert.Equal("Bijpraatsessie bestaat niet (meer) in dit plan.", result.ErrorFor("Briefing"));
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }
}
