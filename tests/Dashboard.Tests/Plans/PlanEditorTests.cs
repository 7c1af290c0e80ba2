using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Plans;

[Trait("Category", Database.Category)]
public class PlanEditorTests
{
    private static CreatePlanCommand NewPlan(string name = "Jaarplan 2027") =>
        new(name, "Gemeente Maastricht", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "Het plan voor 2027.");

    [Fact]
    public async Task CreatePlan_OnAnEmptyInstallation_BecomesTheCurrentPlan_Audited()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);

        var result = await app.Get<PlanEditor>().CreateAsync(Actors.Manager(), NewPlan());

        Assert.True(result.Succeeded);
        var current = await app.Get<DashboardQueries>().GetCurrentPlanAsync();
        Assert.Equal(((int)result.CreatedId!, "Jaarplan 2027", "Het plan voor 2027."), (current!.Id, current.Name, current.Description));
        var plans = await app.Get<DashboardQueries>().GetPlansAsync();
        Assert.Equal(PlanState.Coming, Assert.Single(plans).State);
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "CreatePlan");
        Assert.Equal((AuditResult.Success, result.CreatedId.ToString()), (audit.Result, audit.ObjectId));
    }

    [Fact]
    public async Task ArchivedPlan_LeavesTheListsAndIsNeverCurrent_ButStaysReadable_AndComesBack()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var demo = (await q.GetCurrentPlanAsync())!;
        var editor = app.Get<PlanEditor>();
        var other = (await editor.CreateAsync(Actors.Manager(), NewPlan())).CreatedId;

        var archived = await editor.ArchiveAsync(Actors.Admin, new ArchivePlanCommand(demo.Id, 0, Archived: true));

        Assert.True(archived.Succeeded);
        Assert.Equal(other, (await q.GetCurrentPlanAsync())!.Id);
        Assert.DoesNotContain(await q.GetPlansAsync(), p => p.Plan.Id == demo.Id);
        var all = await q.GetPlansAsync(includeArchived: true);
        Assert.Equal(PlanState.Archived, all.Single(p => p.Plan.Id == demo.Id).State);
        var overview = (await q.GetOverviewAsync(demo.Id, null))!;
        Assert.True(overview.Plan.IsArchived);
        Assert.Equal(4, overview.Development.Count);

        var stale = await editor.ArchiveAsync(Actors.Admin, new ArchivePlanCommand(demo.Id, 0, Archived: false));
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        var back = await editor.ArchiveAsync(Actors.Admin, new ArchivePlanCommand(demo.Id, archived.Version!.Value, Archived: false));
        Assert.True(back.Succeeded);
        Assert.Equal(demo.Id, (await q.GetCurrentPlanAsync())!.Id);
    }

    [Fact]
    public async Task EditPlan_FromAStaleVersion_IsAConflict_ShowingWhatIsStored()
    {
        await using var app = await TestApp.InMemoryAsync();
        var plan = (await app.Get<DashboardQueries>().GetCurrentPlanAsync())!;
        var editor = app.Get<PlanEditor>();
        EditPlanCommand Edit(string name) => new(plan.Id, 0, name, plan.Organisation, plan.StartDate, plan.EndDate, null);

        var first = await editor.EditAsync(Actors.Manager("A"), Edit("Jaarplan A"));
        var second = await editor.EditAsync(Actors.Manager("B"), Edit("Jaarplan B"));

        Assert.True(first.Succeeded);
        Assert.Equal(SaveOutcome.Conflict, second.Outcome);
        Assert.Equal("Nu opgeslagen: Jaarplan A, 01-01-2022 tot en met 31-12-2023, niet gearchiveerd.", second.ConflictDetails);
        Assert.Equal("Jaarplan A", (await app.Get<DashboardQueries>().GetCurrentPlanAsync())!.Name);
    }

    [Fact]
    public async Task EditPlan_ToAPeriodWithoutItsBriefing_IsRefused_NamingTheBriefing()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var plans = app.Get<PlanEditor>();
        var id = (int)(await plans.CreateAsync(Actors.Manager(), NewPlan())).CreatedId!;
        var sp = (await app.Get<SpearpointEditor>().AddAsync(Actors.Manager(), new AddSpearpointCommand(id, "SP1", "Eerste", null, SpearpointKind.Development, null))).CreatedId;
        var briefing = await app.Get<BriefingEditor>().AddAsync(Actors.Manager(),
            new AddBriefingCommand(id, new DateOnly(2027, 11, 9), "Najaarssessie", "Raad", null, null, [(int)sp!]));
        Assert.True(briefing.Succeeded, briefing.Message);
        var before = await DataSnapshot.TakeAsync(app);

        var result = await plans.EditAsync(Actors.Manager(), new EditPlanCommand(id, 0, "Jaarplan 2027", "Gemeente", new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30), null));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Equal("Einddatum: bijpraatsessie ‘Najaarssessie’ van 09-11-2027 valt buiten deze periode. Verplaats die bijpraatsessie eerst.", result.ErrorFor("EndDate"));
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task NewPlans_AndFollowUpPlans_ShowTheCouncilTheReleasedState_WhileAnExistingPlanKeepsWhatItHad()
    {
        await using var app = await TestApp.InMemoryAsync();
        var demo = (await app.Get<DashboardQueries>().GetCurrentPlanAsync())!;
        // A plan from before rapportages: the upgrade left it on Actuele stand.
        await using (var before = app.CreateDb())
        {
            await before.Plans.ExecuteUpdateAsync(p => p.SetProperty(x => x.CouncilSees, CouncilView.Live));
        }

        var created = await app.Get<PlanEditor>().CreateAsync(Actors.Manager(), NewPlan());
        var followUp = await app.Get<FollowUpPlans>().CreateAsync(Actors.Manager(),
            new FollowUpPlanCommand(demo.Id, "Jaarplan 2024", "Gemeente Maastricht", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, null));

        Assert.True(created.Succeeded, created.Message);
        Assert.True(followUp.Succeeded, followUp.Message);
        await using var db = app.CreateDb();
        var sees = await db.Plans.ToDictionaryAsync(p => p.Id, p => p.CouncilSees);
        Assert.Equal(CouncilView.Released, sees[(int)created.CreatedId!]);
        Assert.Equal(CouncilView.Released, sees[(int)followUp.CreatedId!]);
        Assert.Equal(CouncilView.Live, sees[demo.Id]);
    }

    [Fact]
    public async Task EditPlan_StoresRaadZiet_AndAuditsTheChange_LeftOutItStaysAsItIs()
    {
        await using var app = await TestApp.InMemoryAsync();
        var item = (await app.Get<DashboardQueries>().GetPlansAsync()).Single();
        var p = item.Plan;
        var editor = app.Get<PlanEditor>();

        // The demo plan's council sees its rapportages; this sets it back to live.
        var set = await editor.EditAsync(Actors.Manager(),
            new EditPlanCommand(p.Id, item.Version, p.Name, p.Organisation, p.StartDate, p.EndDate, p.Description, CouncilView.Live));
        var untouched = await editor.EditAsync(Actors.Manager(),
            new EditPlanCommand(p.Id, set.Version!.Value, "Jaarplan hernoemd", p.Organisation, p.StartDate, p.EndDate, p.Description));

        Assert.True(untouched.Succeeded, untouched.Message);
        Assert.Equal(CouncilView.Live, (await app.Get<DashboardQueries>().GetPlansAsync()).Single().CouncilSees);
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.Where(a => a.Action == "EditPlan").OrderBy(a => a.Id).FirstAsync();
        Assert.Contains("\"CouncilSees\":\"Released\"", audit.OldValues ?? "");
        Assert.Contains("\"CouncilSees\":\"Live\"", audit.NewValues ?? "");
    }

    [Fact]
    public async Task EditPlan_WithAnUnknownRaadZiet_IsRefused_NamingTheField()
    {
        await using var app = await TestApp.InMemoryAsync();
        var item = (await app.Get<DashboardQueries>().GetPlansAsync()).Single();
        var p = item.Plan;

        var result = await app.Get<PlanEditor>().EditAsync(Actors.Manager(),
            new EditPlanCommand(p.Id, item.Version, p.Name, p.Organisation, p.StartDate, p.EndDate, p.Description, (CouncilView)7));

        Assert.Equal(SaveOutcome.Invalid, result.Outcome);
        Assert.Contains("Raad ziet", result.ErrorFor("CouncilSees"));
    }
}
