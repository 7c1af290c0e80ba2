using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Editing;

[Trait("Category", Database.Category)]
public class AuditTrailTests
{
    [Fact]
    public async Task EverySave_IsAuditedWithActorTimeAndOldAndNewValues()
    {
        await using var app = await TestApp.InMemoryAsync();
        var sp4 = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var m = sp4.Milestones.Single(x => x.State == Status.OnTrack);

        await app.Get<MilestoneEditor>().EditAsync(Actors.Manager("Manager V&L"),
            new EditMilestoneCommand(sp4.Plan.Id, m.Id, m.Version, m.Title, new DateOnly(2023, 12, 31), Status.Delayed));

        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(("Manager V&L", "EditMilestone", "Milestone", m.Id.ToString(), sp4.Summary.Id, AuditResult.Success),
            (audit.Actor, audit.Action, audit.ObjectType, audit.ObjectId, audit.SpearpointId, audit.Result));
        Assert.Equal(TestApp.DefaultNow.UtcDateTime, audit.AtUtc);
        Assert.Contains("\"State\":\"OnTrack\"", audit.OldValues);
        Assert.Contains("\"State\":\"Delayed\"", audit.NewValues);
    }

    [Fact]
    public async Task ASave_IsStoredAtTheInstantTheClockSays_ToTheMicrosecond_OnEitherDatabase()
    {
        // A real clock has 100-nanosecond ticks; PostgreSQL keeps microseconds: the app's clock says no more than it can store.
        await using var app = await TestApp.InMemoryAsync(now: TestApp.DefaultNow.AddTicks(1_234_567));
        var sp1 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development[0];

        await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), new StatusCommand(sp1.PlanId, sp1.Id, sp1.Version, Status.OnTrack, "Op tijd"));

        var at = TestApp.DefaultNow.UtcDateTime.AddTicks(1_234_560);
        Assert.Equal(at, app.Get<DashboardClock>().UtcNow);
        await using var db = app.CreateDb();
        Assert.Equal(at, (await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync()).AtUtc);
        Assert.Equal(at, (await db.StatusUpdates.OrderByDescending(u => u.Id).FirstAsync()).RecordedAt);
    }

    [Fact]
    public async Task SaveAndRefusal_BothShowInTheSpearpointsChanges_NewestFirst()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var sp1 = (await q.GetOverviewAsync(null, null))!.Development[0];
        var editor = app.Get<StatusEditor>();

        await editor.SaveStatusAsync(Actors.Manager("Eerste"), new StatusCommand(sp1.PlanId, sp1.Id, sp1.Version, Status.OnTrack, "Goed"));
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await editor.SaveStatusAsync(Actors.Manager("Tweede"), new StatusCommand(sp1.PlanId, sp1.Id, sp1.Version + 1, Status.Delayed, "Slecht"));

        var changes = (await q.GetSpearpointAsync(sp1.Id, null))!.Changes;
        Assert.Equal([("Tweede", AuditResult.Refused), ("Eerste", AuditResult.Success)], changes.Take(2).Select(c => (c.Actor, c.Result)));
        Assert.Contains(changes[1].Changes, c => c is { Field: "Status", Old: "Done", New: "OnTrack" });
        Assert.Contains("Oorzaak is verplicht.", changes[0].Message);
    }
}
