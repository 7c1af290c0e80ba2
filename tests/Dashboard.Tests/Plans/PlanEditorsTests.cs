using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dashboard.Tests.Plans;

/// <summary>
/// Rights per plan: a plan's redacteuren (Redacteuren in Plan bewerken). The creator is the first; a follow-up plan
/// inherits them; Plan bewerken stores and audits them; a spearpoint's owner who is none still updates that spearpoint's
/// progress; on upgrade every existing manager edits every existing plan.
/// </summary>
[Trait("Category", Database.Category)]
public class PlanEditorsTests
{
    private static CreatePlanCommand NewPlan(string name = "Jaarplan 2027") =>
        new(name, "Gemeente Maastricht", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "Het plan voor 2027.");

    private static async Task<Actor> SignedInAsync(TestApp app, string email, string role = DashboardRoles.Manager)
    {
        var id = await app.CreateUserAsync(email, role, editsPlans: false);
        return new Actor(email, new HashSet<string> { role }, "web", email, id);
    }

    private static async Task<List<string>> EditorsAsync(TestApp app, int planId)
    {
        await using var db = app.CreateDb();
        return await db.PlanEditors.Where(e => e.PlanId == planId).Select(e => e.UserId).OrderBy(id => id).ToListAsync();
    }

    [Fact]
    public async Task CreatePlan_MakesItsCreatorTheFirstEditor_AndAnotherManagerIsRefusedOnIt()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var creator = await SignedInAsync(app, "maker@gemeente.nl");
        var other = await SignedInAsync(app, "ander@gemeente.nl");

        var created = await app.Get<PlanEditor>().CreateAsync(creator, NewPlan());
        var planId = (int)created.CreatedId!;

        Assert.Equal([creator.UserId!], await EditorsAsync(app, planId));
        var edit = new EditPlanCommand(planId, created.Version!.Value, "Andere naam", "Gemeente Maastricht", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), null);
        var refused = await app.Get<PlanEditor>().EditAsync(other, edit);
        Assert.Equal(SaveOutcome.Forbidden, refused.Outcome);
        Assert.True((await app.Get<PlanEditor>().EditAsync(creator, edit)).Succeeded);
    }

    [Fact]
    public async Task FollowUpPlan_InheritsTheEditorsOfItsPreviousPlan()
    {
        await using var app = await TestApp.InMemoryAsync();
        var demoPlan = (await app.Get<DashboardQueries>().GetCurrentPlanAsync())!.Id;
        var first = await SignedInAsync(app, "een@gemeente.nl");
        var second = await SignedInAsync(app, "twee@gemeente.nl");
        await using (var db = app.CreateDb())
        {
            db.PlanEditors.AddRange(new PlanEditorship { PlanId = demoPlan, UserId = first.UserId! }, new PlanEditorship { PlanId = demoPlan, UserId = second.UserId! });
            await db.SaveChangesAsync();
        }

        var result = await app.Get<FollowUpPlans>().CreateAsync(first,
            new FollowUpPlanCommand(demoPlan, "Jaarplan 2024", "Gemeente", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, null));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(new[] { first.UserId!, second.UserId! }.Order(StringComparer.Ordinal), await EditorsAsync(app, (int)result.CreatedId!));
    }

    [Fact]
    public async Task EditPlan_StoresTheEditors_AndAuditsThem_LeftOutTheyStay_AndOnlyManagersCanBeEditors()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var creator = await SignedInAsync(app, "maker@gemeente.nl");
        var colleague = await SignedInAsync(app, "collega@gemeente.nl");
        var councilMember = await SignedInAsync(app, "raadslid@gemeente.nl", DashboardRoles.CouncilMember);
        var editor = app.Get<PlanEditor>();
        var created = await editor.CreateAsync(creator, NewPlan());
        var planId = (int)created.CreatedId!;
        EditPlanCommand Edit(int version, IReadOnlyList<string>? editorIds) =>
            new(planId, version, "Jaarplan 2027", "Gemeente Maastricht", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), null, EditorIds: editorIds);

        var set = await editor.EditAsync(creator, Edit(created.Version!.Value, [colleague.UserId!]));
        var untouched = await editor.EditAsync(colleague, Edit(set.Version!.Value, null));
        var refused = await editor.EditAsync(colleague, Edit(untouched.Version!.Value, [colleague.UserId!, councilMember.UserId!]));

        Assert.True(set.Succeeded, set.Message);
        Assert.True(untouched.Succeeded, untouched.Message);
        Assert.Equal(SaveOutcome.Invalid, refused.Outcome);
        Assert.Contains(nameof(EditPlanCommand.EditorIds), refused.FieldErrors!.Keys);
        Assert.Equal([colleague.UserId!], await EditorsAsync(app, planId));
        // The creator handed the plan over: no longer an editor of it.
        Assert.Equal(SaveOutcome.Forbidden, (await editor.EditAsync(creator, Edit(untouched.Version!.Value, null))).Outcome);
        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.Where(a => a.Action == "EditPlan").OrderBy(a => a.Id).FirstAsync();
        Assert.Contains($"\"Editors\":[\"{creator.UserId}\"]", audit.OldValues ?? "");
        Assert.Contains($"\"Editors\":[\"{colleague.UserId}\"]", audit.NewValues ?? "");
    }

    [Fact]
    public async Task SpearpointOwner_WhoIsNoEditor_UpdatesTheirSpearpoint_ButNotAnother_NorThePlansSetUp()
    {
        await using var app = await TestApp.InMemoryAsync();
        var owner = await SignedInAsync(app, "eigenaar@gemeente.nl");
        var queries = app.Get<DashboardQueries>();
        var sp4 = (await queries.GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var sp3 = (await queries.GetSpearpointAsync(await app.SpearpointIdAsync("SP3"), null))!;
        await using (var db = app.CreateDb())
        {
            await db.Spearpoints.Where(s => s.Id == sp4.Summary.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerId, owner.UserId));
        }
        var p = sp4.Plan.Id;
        var m = sp4.Milestones.Single(x => x.State == Status.OnTrack);
        var i = sp4.Indicators[0];

        var status = await app.Get<StatusEditor>().SaveStatusAsync(owner, new StatusCommand(p, sp4.Summary.Id, sp4.Summary.Version, Status.OnTrack, "Toelichting"));
        var milestone = await app.Get<MilestoneEditor>().EditAsync(owner, new EditMilestoneCommand(p, m.Id, m.Version, "Anders", m.DueDate, m.State));
        var measurement = await app.Get<IndicatorEditor>().AddMeasurementAsync(owner, new AddMeasurementCommand(p, i.Id, new DateOnly(2023, 6, 30), 55, null));
        var before = await DataSnapshot.TakeAsync(app);
        var otherStatus = await app.Get<StatusEditor>().SaveStatusAsync(owner, new StatusCommand(p, sp3.Summary.Id, sp3.Summary.Version, Status.OnTrack, "Toelichting"));
        var setUp = await app.Get<SpearpointEditor>().EditAsync(owner,
            new EditSpearpointCommand(p, sp4.Summary.Id, sp4.Summary.Version + 1, "SP4", "Andere titel", sp4.Description, SpearpointKind.Development, null));
        var plan = await app.Get<PlanEditor>().EditAsync(owner, new EditPlanCommand(p, 0, "Andere naam", sp4.Plan.Organisation, sp4.Plan.StartDate, sp4.Plan.EndDate, null));

        Assert.Equal((SaveOutcome.Saved, SaveOutcome.Saved, SaveOutcome.Saved), (status.Outcome, milestone.Outcome, measurement.Outcome));
        Assert.Equal((SaveOutcome.Forbidden, SaveOutcome.Forbidden, SaveOutcome.Forbidden), (otherStatus.Outcome, setUp.Outcome, plan.Outcome));
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
    }

    [Fact]
    public async Task TheUpgrade_MakesEveryExistingManagerAnEditorOfEveryExistingPlan()
    {
        await using var app = await TestApp.InMemoryAsync();
        await using var db = app.CreateDb();
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_PlanEditors", StringComparison.Ordinal));
        Assert.True(index > 0, "the migration PlanEditors exists");
        var migrator = db.GetService<IMigrator>();
        // The accounts through Identity first, while the tables have today's columns (a later migration may add one to the
        // users); going back keeps them.
        var manager = await app.CreateUserAsync("manager@gemeente.nl", DashboardRoles.Manager, editsPlans: false);
        var admin = await app.CreateUserAsync("beheerder@gemeente.nl", DashboardRoles.Admin);
        var councilMember = await app.CreateUserAsync("raadslid@gemeente.nl", DashboardRoles.CouncilMember);
        // Back to just before it, as a database of the previous release with the demo plan and a second plan.
        await migrator.MigrateAsync(migrations[index - 1]);
        await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "Plans" ("Name", "Organisation", "Description", "StartDate", "EndDate", "IsDemo", "CouncilSees", "CreatedAt", "Version") """ +
            """SELECT 'Tweede plan', "Organisation", '', "StartDate", "EndDate", "IsDemo", "CouncilSees", "CreatedAt", 0 FROM "Plans" """);

        await migrator.MigrateAsync();

        await using var after = app.CreateDb();
        var plans = await after.Plans.Select(p => p.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(2, plans.Count);
        var editors = await after.PlanEditors.OrderBy(e => e.PlanId).Select(e => new { e.PlanId, e.UserId }).ToListAsync();
        Assert.Equal(plans.Select(p => new { PlanId = p, UserId = manager }), editors);
        Assert.DoesNotContain(editors, e => e.UserId == admin || e.UserId == councilMember);
    }
}
