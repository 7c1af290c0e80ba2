using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data;

[Trait("Category", Database.Category)]
public class DemoSeedTests
{
    private static readonly DateOnly FirstBriefing = new(2022, 10, 11);
    private static readonly DateOnly SecondBriefing = new(2023, 2, 14);

    [Fact]
    public async Task Seed_HasThePlanFourDevelopmentAndTwoSubstantiveSpearpointsAndBothBriefings()
    {
        await using var app = await TestApp.InMemoryAsync();
        await using var db = app.CreateDb();

        var plan = await db.Plans.Include(p => p.Spearpoints).Include(p => p.Briefings).ThenInclude(b => b.Spearpoints).SingleAsync();
        Assert.Equal("Jaarplan handhaven openbare ruimte 2022-2023", plan.Name);
        Assert.True(plan.IsDemo);
        Assert.Equal((new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31)), (plan.StartDate, plan.EndDate));

        Assert.Equal(
            ["Informatiegestuurd werken", "Vergroten van de flexibiliteit",
             "Verwachtingenmanagement en communicatie richting buurten", "Versterken van het team, kwantitatief en kwalitatief"],
            plan.Spearpoints.Where(s => s.Kind == SpearpointKind.Development).OrderBy(s => s.SortOrder).Select(s => s.Title));
        Assert.Equal(2, plan.Spearpoints.Count(s => s.Kind == SpearpointKind.Substantive));

        var briefings = plan.Briefings.OrderBy(b => b.Date).ToList();
        Assert.Equal([FirstBriefing, SecondBriefing], briefings.Select(b => b.Date));
        Assert.Equal(4, briefings[0].Spearpoints.Count);
        Assert.Equal(6, briefings[1].Spearpoints.Count);
    }

    [Fact]
    public async Task Seed_IsConsistent_EveryRowBelongsAndEveryOrangeOrRedSaysWhy()
    {
        await using var app = await TestApp.InMemoryAsync();
        await using var db = app.CreateDb();

        var development = await db.Spearpoints.Where(s => s.Kind == SpearpointKind.Development)
            .Include(s => s.Milestones).ThenInclude(m => m.Revisions)
            .Include(s => s.Indicators).ThenInclude(i => i.Measurements)
            .Include(s => s.StatusUpdates)
            .ToListAsync();
        Assert.All(development, s =>
        {
            Assert.Equal(5, s.Milestones.Count);
            Assert.InRange(s.Indicators.Count, 2, 3);
            Assert.True(s.StatusUpdates.Count >= 6, $"{s.Code} has a believable history");
        });

        var milestones = await db.Milestones.Include(m => m.Revisions).ToListAsync();
        Assert.All(milestones, m =>
        {
            var revisions = m.Revisions.OrderBy(r => r.RecordedAt).ToList();
            Assert.NotEmpty(revisions);
            Assert.Equal(m.OriginalDueDate, revisions[0].DueDate);
            // The milestone row is its latest revision.
            Assert.Equal((m.Title, m.DueDate, m.State, m.CompletedOn), (revisions[^1].Title, revisions[^1].DueDate, revisions[^1].State, revisions[^1].CompletedOn));
            Assert.Equal(m.State == Status.Done, m.CompletedOn is not null);
            Assert.Equal(m.State == Status.Cancelled, m.CancelReason is not null);
        });

        var updates = await db.StatusUpdates.ToListAsync();
        Assert.All(updates.Where(u => u.Status.RequiresExplanation()), u =>
        {
            Assert.False(string.IsNullOrWhiteSpace(u.Cause));
            Assert.False(string.IsNullOrWhiteSpace(u.Consequence));
            Assert.False(string.IsNullOrWhiteSpace(u.CorrectiveAction));
        });
        Assert.All(updates, u => Assert.False(string.IsNullOrWhiteSpace(u.Explanation)));
        // Authors are role titles, never names of people.
        Assert.Subset(new HashSet<string> { "Interim-manager HOR", "Manager Veiligheid & Leefbaarheid" }, updates.Select(u => u.Author).ToHashSet());
    }

    [Fact]
    public async Task Seed_OnTheFirstBriefing_MatchesTheTableOfDemoData()
    {
        await using var app = await TestApp.InMemoryAsync();
        var overview = (await app.Get<DashboardQueries>().GetOverviewAsync(null, FirstBriefing))!;

        Assert.Equal(
            [Status.OnTrack, Status.NeedsAttention, Status.OnTrack, Status.NeedsAttention],
            overview.Development.Select(s => s.Status));
        Assert.Equal([2, 1, 0, 2], overview.Development.Select(s => s.Progress.Done));

        var sp4 = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), FirstBriefing))!;
        Assert.Equal(
            [Status.Done, Status.Done, Status.Delayed, Status.NotStarted, Status.NotStarted],
            sp4.Milestones.Select(m => m.State));
        Assert.Equal([52, 88, 8.1], sp4.Indicators.Select(i => i.Latest!.Value));
    }

    [Fact]
    public async Task Seed_BetweenTheBriefings_HasAStatusChangeTwoCompletionsASlipAndASilentSpearpoint()
    {
        await using var app = await TestApp.InMemoryAsync();
        var queries = app.Get<DashboardQueries>();
        var before = (await queries.GetOverviewAsync(null, FirstBriefing))!.Development;
        var after = (await queries.GetOverviewAsync(null, SecondBriefing))!.Development;

        Assert.Contains(before.Zip(after), p => p.First.Status != p.Second.Status);
        Assert.True(after.Sum(s => s.Progress.Done) - before.Sum(s => s.Progress.Done) >= 2);

        var sp4After = (await queries.GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), SecondBriefing))!;
        var slipped = Assert.Single(sp4After.Milestones, m => m.IsSlipped);
        Assert.Equal((new DateOnly(2022, 12, 1), new DateOnly(2023, 3, 1)), (slipped.OriginalDueDate, slipped.DueDate));

        // SP3 gets no update at all between the briefings.
        var sp3 = after.Single(s => s.Code == "SP3");
        Assert.True(DashboardClock.LocalDate(sp3.Latest!.RecordedAt) < FirstBriefing);
        await using var db = app.CreateDb();
        var fromUtc = DashboardClock.StartOfDayUtc(FirstBriefing.AddDays(1));
        var toUtc = DashboardClock.StartOfDayUtc(SecondBriefing);
        Assert.False(await db.MilestoneRevisions.AnyAsync(r => r.Milestone!.Spearpoint!.Code == "SP3" && r.RecordedAt >= fromUtc && r.RecordedAt < toUtc));
        Assert.False(await db.Measurements.AnyAsync(m => m.Indicator!.Spearpoint!.Code == "SP3" && m.RecordedAt >= fromUtc && m.RecordedAt < toUtc));
    }

    [Fact]
    public async Task Seed_AtThePlansEnd_MostMilestonesAreDoneOneCancelledOneStillLate()
    {
        await using var app = await TestApp.InMemoryAsync();
        var queries = app.Get<DashboardQueries>();
        var milestones = new List<MilestoneView>();
        foreach (var code in new[] { "SP1", "SP2", "SP3", "SP4" })
        {
            milestones.AddRange((await queries.GetSpearpointAsync(await app.SpearpointIdAsync(code), null))!.Milestones);
        }

        Assert.True(milestones.Count(m => m.State == Status.Done) >= 15);
        Assert.Single(milestones, m => m.State == Status.Cancelled);
        var late = Assert.Single(milestones, m => m.IsOverdue);
        Assert.Equal("Meting van zichtbaarheid en tevredenheid", late.Title);
    }
}
