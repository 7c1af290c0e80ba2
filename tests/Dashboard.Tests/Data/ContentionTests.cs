using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data;

/// <summary>Many writers at once on a real file: they wait their turn (WAL, busy_timeout), none fails, nothing is lost.</summary>
[Trait("Category", Database.Category)]
public class ContentionTests
{
    private const int Writers = 8;
    private const int WritesEach = 200;

    [Fact]
    public async Task EightWritersTimesTwoHundred_NoDatabaseIsLocked_EveryRowPresent()
    {
        await using var app = await TestApp.FileAsync();
        int planId;
        List<(int Spearpoint, int Indicator)> targets;
        await using (var db = app.CreateDb())
        {
            planId = await db.Plans.Select(p => p.Id).SingleAsync();
            targets = await db.Indicators.OrderBy(i => i.Id).Select(i => new ValueTuple<int, int>(i.SpearpointId, i.Id)).ToListAsync();
        }
        var milestones = app.Get<MilestoneEditor>();
        var indicators = app.Get<IndicatorEditor>();
        var auditBefore = await DataSnapshot.AuditCountAsync(app);

        async Task<int> WriterAsync(int w)
        {
            var actor = Actors.Manager($"Schrijver {w}");
            var (spearpointId, indicatorId) = targets[w % targets.Count];
            var own = await milestones.AddAsync(actor, new AddMilestoneCommand(planId, spearpointId, $"w{w} eigen", new DateOnly(2023, 6, 30)));
            Assert.True(own.Succeeded, own.Message);
            var (ownId, version) = ((int)own.CreatedId!, own.Version!.Value);
            for (var i = 1; i < WritesEach; i++)
            {
                var result = (i % 3) switch
                {
                    0 => await indicators.AddMeasurementAsync(actor, new AddMeasurementCommand(planId, indicatorId, new DateOnly(2023, 12, 31), i % 100, $"w{w}-{i}")),
                    1 => await milestones.EditAsync(actor, new EditMilestoneCommand(planId, ownId, version, $"w{w}-{i}", new DateOnly(2023, 6, 30), Status.OnTrack)),
                    _ => await milestones.AddAsync(actor, new AddMilestoneCommand(planId, spearpointId, $"w{w}-{i}", new DateOnly(2023, 6, 30))),
                };
                Assert.True(result.Succeeded, $"writer {w}, write {i}: {result.Outcome} {result.Message}");
                if (i % 3 == 1)
                {
                    version = result.Version!.Value;
                }
            }
            return ownId;
        }

        // A "database is locked" would surface here as a SqliteException from one of the writers.
        var owned = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriterAsync(w))));

        await using var check = app.CreateDb();
        for (var w = 0; w < Writers; w++)
        {
            var prefix = $"w{w}-";
            var writes = Enumerable.Range(1, WritesEach - 1).ToList();
            Assert.Equal(writes.Count(i => i % 3 == 0), await check.Measurements.CountAsync(m => m.Note!.StartsWith(prefix)));
            Assert.Equal(writes.Count(i => i % 3 == 2), await check.Milestones.CountAsync(m => m.Id != owned[w] && m.Title.StartsWith(prefix)));
            // Every edit of the writer's own milestone left its revision, and the last one is current.
            Assert.Equal(writes.Count(i => i % 3 == 1), await check.MilestoneRevisions.CountAsync(r => r.MilestoneId == owned[w] && r.Title.StartsWith(prefix)));
            var last = writes.Last(i => i % 3 == 1);
            Assert.Equal($"w{w}-{last}", await check.Milestones.Where(m => m.Id == owned[w]).Select(m => m.Title).SingleAsync());
        }
        Assert.Equal(auditBefore + Writers * WritesEach, await DataSnapshot.AuditCountAsync(app));
        Assert.Equal(Writers * WritesEach, await check.AuditEntries.CountAsync(a => a.Result == AuditResult.Success && a.Actor.StartsWith("Schrijver")));
    }
}
