using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using static Dashboard.Tests.Support.PlanBuilder;

namespace Dashboard.Tests.Progress;

/// <summary>Each page's read model takes a fixed number of queries, whatever the size of the data.</summary>
[Trait("Category", Database.Category)]
public class QueryCountTests
{
    private static async Task<(int Overview, int Spearpoint)> CountAsync(TestApp app, int spearpointId)
    {
        var queries = app.Get<DashboardQueries>();
        app.Queries.Reset();
        await queries.GetOverviewAsync(null, null);
        var overview = app.Queries.Count;
        app.Queries.Reset();
        await queries.GetSpearpointAsync(spearpointId, null);
        return (overview, app.Queries.Count);
    }

    [Fact]
    public async Task QueryCount_DoesNotGrowWithTheData()
    {
        await using var small = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        await using var big = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));

        var smallId = await FillAsync(small, spearpoints: 1, milestones: 1, revisions: 1, updates: 1);
        var bigId = await FillAsync(big, spearpoints: 12, milestones: 40, revisions: 6, updates: 150);

        var smallCounts = await CountAsync(small, smallId);
        var bigCounts = await CountAsync(big, bigId);

        Assert.Equal(smallCounts, bigCounts);
        Assert.InRange(smallCounts.Overview, 1, 4);
        // The spearpoint page: the spearpoint, its revision on the date, updates, milestones, indicators (two), changes.
        Assert.InRange(smallCounts.Spearpoint, 1, 7);
    }

    private static async Task<int> FillAsync(TestApp app, int spearpoints, int milestones, int revisions, int updates)
    {
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var start = new DateTime(2025, 1, 2, 9, 0, 0, DateTimeKind.Utc);
        Spearpoint? first = null;
        for (var s = 0; s < spearpoints; s++)
        {
            var sp = plan.Spearpoint($"S{s}");
            first ??= sp;
            for (var u = 0; u < updates; u++)
            {
                Update(sp, (Status)(u % 4), start.AddHours(u));
            }
            for (var m = 0; m < milestones; m++)
            {
                Milestone(sp, $"M{m}", new DateOnly(2025, 3, 1).AddDays(m), start,
                    Enumerable.Range(1, revisions - 1)
                        .Select(r => (start.AddDays(r), (Action<Milestone>)(x => x.DueDate = x.DueDate.AddDays(1))))
                        .ToArray());
            }
            var indicator = new Indicator { Name = "I", Unit = "%", Baseline = 1, Target = 2 };
            for (var i = 0; i < updates; i++)
            {
                indicator.Measurements.Add(new Measurement { Date = new DateOnly(2025, 1, 1).AddDays(i % 150), Value = i, Author = "Test", RecordedAt = start });
            }
            sp.Indicators.Add(indicator);
        }
        await using var db = app.CreateDb();
        await plan.SaveAsync(db);
        return first!.Id;
    }
}
