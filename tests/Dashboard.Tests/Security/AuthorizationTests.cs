using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Security;

/// <summary>Every write method checks the caller's role in the service layer: each role x each write method.</summary>
[Trait("Category", Database.Category)]
public class AuthorizationTests
{
    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in DashboardRoles.All)
        {
            foreach (var method in WriteMethods)
            {
                data.Add(role, method);
            }
        }
        return data;
    }

    private static readonly string[] WriteMethods =
        ["SaveStatus", "AddMilestone", "EditMilestone", "CompleteMilestone", "CancelMilestone", "MoveMilestone", "AddMeasurement", "EditTargets", "AddBriefing", "EditBriefing",
         "CreatePlan", "EditPlan", "ArchivePlan", "CreateFollowUpPlan", "AddSpearpoint", "EditSpearpoint", "MoveSpearpoint", "EndSpearpoint",
         "AddIndicator", "EditIndicator", "EndIndicator"];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task WriteMethod_IsAllowedOnlyForManagersAndBeheerders(string role, string method)
    {
        await using var app = await TestApp.InMemoryAsync();
        var actor = new Actor($"Iemand ({role})", new HashSet<string> { role });
        var before = await DataSnapshot.TakeAsync(app);

        var result = await WriteAsync(app, actor, method);

        var allowed = role is DashboardRoles.Manager or DashboardRoles.Admin;
        Assert.Equal(allowed ? SaveOutcome.Saved : SaveOutcome.Forbidden, result.Outcome);
        if (!allowed)
        {
            Assert.Equal("U mag dit niet wijzigen. Er is niets opgeslagen.", result.Message);
            Assert.Equal(before, await DataSnapshot.TakeAsync(app));
            await using var db = app.CreateDb();
            var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((AuditResult.Forbidden, actor.Name), (audit.Result, audit.Actor));
        }
        else
        {
            Assert.NotEqual(before, await DataSnapshot.TakeAsync(app));
        }
    }

    public static TheoryData<string, string> PlanMatrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var who in new[] { "editor of this plan", "editor of another plan", "beheerder" })
        {
            foreach (var method in WriteMethods)
            {
                data.Add(who, method);
            }
        }
        return data;
    }

    /// <summary>
    /// The plan dimension: signed-in accounts, the demo plan as the plan written to. A manager who is redacteur of another
    /// plan only is refused every write in this one (a new plan belongs to none: any manager makes one); a redacteur of
    /// this plan and a beheerder (editor of none) are allowed.
    /// </summary>
    [Theory]
    [MemberData(nameof(PlanMatrix))]
    public async Task WriteMethod_InAPlan_IsAllowedOnlyForItsEditorsAndBeheerders(string who, string method)
    {
        await using var app = await TestApp.InMemoryAsync();
        var demoPlan = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!.Plan.Id;
        var role = who == "beheerder" ? DashboardRoles.Admin : DashboardRoles.Manager;
        var userId = await app.CreateUserAsync($"{role}@gemeente.nl", role, editsPlans: false);
        await using (var db = app.CreateDb())
        {
            var other = new Plan { Name = "Plan van een ander team", Organisation = "Gemeente", StartDate = new DateOnly(2020, 1, 1), EndDate = new DateOnly(2020, 12, 31) };
            db.Plans.Add(other);
            await db.SaveChangesAsync();
            if (who != "beheerder")
            {
                db.PlanEditors.Add(new PlanEditorship { PlanId = who == "editor of this plan" ? demoPlan : other.Id, UserId = userId });
                await db.SaveChangesAsync();
            }
        }
        var actor = new Actor($"Iemand ({who})", new HashSet<string> { role }, "web", $"{role}@gemeente.nl", userId);
        var before = await DataSnapshot.TakeAsync(app);

        var result = await WriteAsync(app, actor, method);

        var allowed = who != "editor of another plan" || method == "CreatePlan";
        Assert.Equal(allowed ? SaveOutcome.Saved : SaveOutcome.Forbidden, result.Outcome);
        if (!allowed)
        {
            Assert.Equal("U mag dit niet wijzigen. Er is niets opgeslagen.", result.Message);
            Assert.Equal(before, await DataSnapshot.TakeAsync(app));
            await using var db = app.CreateDb();
            var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((AuditResult.Forbidden, actor.AuditName), (audit.Result, audit.Actor));
        }
        else
        {
            Assert.NotEqual(before, await DataSnapshot.TakeAsync(app));
        }
    }

    private static async Task<SaveResult> WriteAsync(TestApp app, Actor actor, string method)
    {
        var sp4 = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var p = sp4.Plan.Id;
        var m = sp4.Milestones.Single(x => x.State == Status.OnTrack);
        var i = sp4.Indicators[0];
        return method switch
        {
            "SaveStatus" => await app.Get<StatusEditor>().SaveStatusAsync(actor, new StatusCommand(p, sp4.Summary.Id, sp4.Summary.Version, Status.OnTrack, "Toelichting")),
            "AddMilestone" => await app.Get<MilestoneEditor>().AddAsync(actor, new AddMilestoneCommand(p, sp4.Summary.Id, "Nieuw", new DateOnly(2023, 6, 1))),
            "EditMilestone" => await app.Get<MilestoneEditor>().EditAsync(actor, new EditMilestoneCommand(p, m.Id, m.Version, "Anders", m.DueDate, m.State)),
            "CompleteMilestone" => await app.Get<MilestoneEditor>().CompleteAsync(actor, new CompleteMilestoneCommand(p, m.Id, m.Version, new DateOnly(2023, 6, 1))),
            "CancelMilestone" => await app.Get<MilestoneEditor>().CancelAsync(actor, new CancelMilestoneCommand(p, m.Id, m.Version, "Reden")),
            "MoveMilestone" => await app.Get<MilestoneEditor>().MoveAsync(actor, new MoveMilestoneCommand(p, m.Id, m.Version, -1)),
            "AddMeasurement" => await app.Get<IndicatorEditor>().AddMeasurementAsync(actor, new AddMeasurementCommand(p, i.Id, new DateOnly(2023, 6, 30), 55, null)),
            "EditTargets" => await app.Get<IndicatorEditor>().EditAsync(actor, i.Targets(p, 48, 58)),
            "AddBriefing" => await app.Get<BriefingEditor>().AddAsync(actor, new AddBriefingCommand(p, new DateOnly(2023, 6, 13), "Sessie", "Raad", null, null, [sp4.Summary.Id])),
            "EditBriefing" => await EditBriefingAsync(app, actor),
            "CreatePlan" => await app.Get<PlanEditor>().CreateAsync(actor, new CreatePlanCommand("Jaarplan 2024", "Gemeente", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null)),
            "EditPlan" => await app.Get<PlanEditor>().EditAsync(actor, new EditPlanCommand(p, 0, "Andere naam", sp4.Plan.Organisation, sp4.Plan.StartDate, sp4.Plan.EndDate, null)),
            "ArchivePlan" => await app.Get<PlanEditor>().ArchiveAsync(actor, new ArchivePlanCommand(p, 0, Archived: true)),
            "CreateFollowUpPlan" => await app.Get<FollowUpPlans>().CreateAsync(actor, new FollowUpPlanCommand(p, "Jaarplan 2024", "Gemeente", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, null)),
            "AddSpearpoint" => await app.Get<SpearpointEditor>().AddAsync(actor, new AddSpearpointCommand(p, "SP9", "Nieuw", null, SpearpointKind.Development, null)),
            "EditSpearpoint" => await app.Get<SpearpointEditor>().EditAsync(actor, new EditSpearpointCommand(p, sp4.Summary.Id, sp4.Summary.Version, "SP4", "Andere titel", sp4.Description, SpearpointKind.Development, null)),
            "MoveSpearpoint" => await app.Get<SpearpointEditor>().MoveAsync(actor, new MoveSpearpointCommand(p, sp4.Summary.Id, -1)),
            "EndSpearpoint" => await app.Get<SpearpointEditor>().EndAsync(actor, new EndSpearpointCommand(p, sp4.Summary.Id, sp4.Summary.Version, "Reden")),
            "AddIndicator" => await app.Get<IndicatorEditor>().AddAsync(actor, new AddIndicatorCommand(p, sp4.Summary.Id, "Nieuw", "%", 1, null, 2, IndicatorDirection.HigherIsBetter, MeasurementFrequency.Monthly)),
            "EditIndicator" => await app.Get<IndicatorEditor>().EditAsync(actor, new EditIndicatorCommand(p, i.Id, i.Version, "Andere naam", i.Unit, i.Baseline, i.BaselineDate, i.Target, i.Direction, MeasurementFrequency.Yearly)),
            "EndIndicator" => await app.Get<IndicatorEditor>().EndAsync(actor, new EndIndicatorCommand(p, i.Id, i.Version, "Reden")),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }

    private static async Task<SaveResult> EditBriefingAsync(TestApp app, Actor actor)
    {
        var list = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!;
        var b = list.Past[0];
        return await app.Get<BriefingEditor>().EditAsync(actor, new EditBriefingCommand(list.Plan.Id, b.Id, b.Version, b.Date, "Andere titel",
            b.Audience, b.Agenda, b.Notes, b.Spearpoints.Select(s => s.Id).ToList()));
    }
}
