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

    private static Task<SaveResult> EditDeadlinesAsync(TestApp app, BriefingsModel list, DateTime? questionsUntil, DateTime? answersBy)
    {
        var b = list.Past[0];
        return app.Get<BriefingEditor>().EditAsync(Actors.Manager(), new EditBriefingCommand(list.Plan.Id, b.Id, b.Version, b.Date, b.Title,
            b.Audience, b.Agenda, b.Notes, b.Spearpoints.Select(s => s.Id).ToList(), questionsUntil, answersBy));
    }

    [Fact]
    public async Task Edit_SetsTheQuestionDeadlines_InDutchTime_StoredAsUtc_AndReadBackForTheForm()
    {
        var (app, list) = await StartAsync();
        await using var _ = app;

        // 14 February 2023 is winter time: Dutch 12:00 is 11:00 UTC.
        var result = await EditDeadlinesAsync(app, list, new DateTime(2023, 2, 8, 12, 0, 0), new DateTime(2023, 2, 13, 16, 30, 0));

        Assert.True(result.Succeeded, result.Message);
        var stored = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!.Past[0];
        Assert.Equal((new DateTime(2023, 2, 8, 11, 0, 0, DateTimeKind.Utc), new DateTime(2023, 2, 13, 15, 30, 0, DateTimeKind.Utc)),
            (stored.QuestionsUntil, stored.AnswersBy));
        // Emptied again: the defaults from the settings.
        Assert.True((await EditDeadlinesAsync(app, (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!, null, null)).Succeeded);
        stored = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!.Past[0];
        Assert.Equal((null, null), (stored.QuestionsUntil, stored.AnswersBy));
    }

    [Theory]
    [InlineData("2023-02-15T12:00", null, "QuestionsUntil", "Vragen tot ligt uiterlijk op de dag van de sessie (14-02-2023).")]
    [InlineData(null, "2023-02-15T09:00", "AnswersBy", "Antwoord uiterlijk ligt uiterlijk op de dag van de sessie (14-02-2023).")]
    [InlineData("2023-02-10T12:00", "2023-02-10T12:00", "AnswersBy", "Antwoord uiterlijk moet na Vragen tot liggen (10-02-2023 12:00).")]
    [InlineData("2023-02-13T17:00", null, "AnswersBy", "Antwoord uiterlijk moet na Vragen tot liggen (13-02-2023 17:00).")]
    public async Task Edit_WithDeadlinesOutOfOrder_IsRefused_NamingTheField_AndNothingIsStored(string? until, string? by, string field, string message)
    {
        var (app, list) = await StartAsync();
        await using var _ = app;
        static DateTime? At(string? local) => local is null ? null : DateTime.ParseExact(local, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var result = await EditDeadlinesAsync(app, list, At(until), At(by));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.FieldErrors![field]);
        var stored = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!.Past[0];
        Assert.Equal((list.Past[0].Version, null, null), (stored.Version, stored.QuestionsUntil, stored.AnswersBy));
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
