using System.Collections.Concurrent;
using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Editing;

/// <summary>No save is ever silently lost: optimistic concurrency on every editable record.</summary>
[Trait("Category", Database.Category)]
public class ConcurrencyTests
{
    [Fact]
    public async Task TwoUsersEditingTheSameMilestone_TheSecondIsRefused_AndTheFirstIsStored()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var sp4 = (await q.GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var m = sp4.Milestones.Single(x => x.State == Status.OnTrack);
        var editor = app.Get<MilestoneEditor>();

        var a = await editor.EditAsync(Actors.Manager("A"), new EditMilestoneCommand(sp4.Plan.Id, m.Id, m.Version, "Titel van A", m.DueDate, m.State));
        var b = await editor.EditAsync(Actors.Manager("B"), new EditMilestoneCommand(sp4.Plan.Id, m.Id, m.Version, "Titel van B", m.DueDate.AddDays(-7), m.State));

        Assert.True(a.Succeeded);
        Assert.Equal(SaveOutcome.Conflict, b.Outcome);
        Assert.Contains("Titel van A", b.ConflictDetails);
        Assert.StartsWith("A wijzigde deze mijlpaal", b.ConflictDetails);
        var stored = (await q.GetSpearpointAsync(sp4.Summary.Id, null))!.Milestones.Single(x => x.Id == m.Id);
        Assert.Equal(("Titel van A", m.DueDate), (stored.Title, stored.DueDate));
    }

    [Fact]
    public async Task TwoUsersChangingTargets_TheSecondIsRefused_WithTheStoredValues()
    {
        await using var app = await TestApp.InMemoryAsync();
        var sp4 = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var fte = sp4.Indicators.Single(i => i.Unit == "fte");
        var editor = app.Get<IndicatorEditor>();

        var a = await editor.EditAsync(Actors.Manager("A"), fte.Targets(sp4.Plan.Id, 50, 59));
        var b = await editor.EditAsync(Actors.Manager("B"), fte.Targets(sp4.Plan.Id, 48, 60));

        Assert.True(a.Succeeded);
        Assert.Equal(SaveOutcome.Conflict, b.Outcome);
        Assert.Equal("Nu opgeslagen: Bezette formatie, nulmeting 50 fte, streefwaarde 59 fte.", b.ConflictDetails);
    }

    /// <summary>
    /// Two writers race 200 edits through the services on a real file: each reads, edits, and retries
    /// on a conflict. A lost update would show as two saves accepted on the same version.
    /// </summary>
    [Fact]
    public async Task TwoHundredInterleavedEdits_NoneIsLost()
    {
        await using var app = await TestApp.FileAsync();
        var q = app.Get<DashboardQueries>();
        var spearpointId = await app.SpearpointIdAsync("SP4");
        var m = (await q.GetSpearpointAsync(spearpointId, null))!.Milestones.Single(x => x.State == Status.OnTrack);
        var planId = (await q.GetSpearpointAsync(spearpointId, null))!.Plan.Id;
        var editor = app.Get<MilestoneEditor>();
        var acceptedOnVersion = new ConcurrentBag<int>();
        var conflicts = 0;

        async Task WriterAsync(string name)
        {
            for (var i = 0; i < 100; i++)
            {
                while (true)
                {
                    int version;
                    await using (var db = app.CreateDb())
                    {
                        version = await db.Milestones.Where(x => x.Id == m.Id).Select(x => x.Version).SingleAsync();
                    }
                    var result = await editor.EditAsync(Actors.Manager(name),
                        new EditMilestoneCommand(planId, m.Id, version, $"{name} {i}", m.DueDate, m.State));
                    if (result.Succeeded)
                    {
                        acceptedOnVersion.Add(version);
                        break;
                    }
                    Assert.Equal(SaveOutcome.Conflict, result.Outcome);
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Task.Run(() => WriterAsync("A")), Task.Run(() => WriterAsync("B")));

        Assert.Equal(200, acceptedOnVersion.Count);
        Assert.Equal(200, acceptedOnVersion.Distinct().Count());
        await using var check = app.CreateDb();
        var milestone = await check.Milestones.SingleAsync(x => x.Id == m.Id);
        Assert.Equal(m.Version + 200, milestone.Version);
        Assert.Equal(200, await check.MilestoneRevisions.CountAsync(r => r.MilestoneId == m.Id && (r.Title.StartsWith("A ") || r.Title.StartsWith("B "))));
        Assert.Equal(200, await check.AuditEntries.CountAsync(a => a.Action == "EditMilestone" && a.Result == AuditResult.Success));
        Assert.Equal(conflicts, await check.AuditEntries.CountAsync(a => a.Action == "EditMilestone" && a.Result == AuditResult.Conflict));
    }
}
