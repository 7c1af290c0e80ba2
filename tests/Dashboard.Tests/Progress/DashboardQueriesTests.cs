using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using static Dashboard.Tests.Support.PlanBuilder;

namespace Dashboard.Tests.Progress;

[Trait("Category", Database.Category)]
public class DashboardQueriesTests
{
    private static DateTime Utc(int y, int m, int d, int h = 12) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Overview_WithoutReferenceDate_UsesThePlansEndDateOnceThePlanHasEnded()
    {
        await using var app = await TestApp.InMemoryAsync();

        var overview = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!;

        Assert.Equal(new DateOnly(2023, 12, 31), overview.Reference.Date);
        Assert.False(overview.Reference.IsExplicit);
        Assert.Equal(4, overview.Development.Count);
    }

    [Fact]
    public async Task Overview_WithoutReferenceDate_UsesTodayInDutchTimeWhileThePlanRuns()
    {
        // 23:30 UTC on 31 March is already 1 April in Amsterdam (summer time).
        await using var app = await TestApp.InMemoryAsync(now: new DateTimeOffset(2023, 3, 31, 23, 30, 0, TimeSpan.Zero));

        var overview = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!;

        Assert.Equal(new DateOnly(2023, 4, 1), overview.Reference.Date);
    }

    [Fact]
    public async Task Overview_ProgressCountsDoneOverNotCancelled_AndCountsOverdue()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var s = plan.Spearpoint("A");
        Milestone(s, "Klaar", new DateOnly(2025, 3, 1), Utc(2025, 1, 2), (Utc(2025, 2, 20), m => { m.State = Status.Done; m.CompletedOn = new DateOnly(2025, 2, 20); }));
        Milestone(s, "Vervallen", new DateOnly(2025, 4, 1), Utc(2025, 1, 2), (Utc(2025, 3, 1), m => { m.State = Status.Cancelled; m.CancelReason = "Niet meer nodig"; }));
        Milestone(s, "Te laat", new DateOnly(2025, 5, 1), Utc(2025, 1, 2));
        Milestone(s, "Later", new DateOnly(2025, 9, 1), Utc(2025, 1, 2));
        await using (var db = app.CreateDb()) { await plan.SaveAsync(db); }

        var card = Assert.Single((await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development);

        Assert.Equal(new MilestoneProgress(1, 3), card.Progress);
        Assert.Equal(1, card.OverdueCount);
        Assert.Equal(("Te laat", true), (card.Next!.Title, card.Next.IsOverdue));
    }

    [Fact]
    public async Task Overview_AnEndedSpearpoint_CountsNoOverdueMilestone()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var s = plan.Spearpoint("A");
        Milestone(s, "Te laat", new DateOnly(2025, 3, 1), Utc(2025, 1, 2));
        s.EndedAt = Utc(2025, 4, 1);
        s.EndReason = "Opgegaan in B";
        s.Revisions.Add(SpearpointRevision.Of(s, "Test", Utc(2025, 1, 2)));
        await using (var db = app.CreateDb()) { await plan.SaveAsync(db); }

        var overview = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!;
        var card = Assert.Single(overview.Ended!);

        Assert.True(card.IsEnded);
        Assert.Equal(0, card.OverdueCount);
        Assert.True(Assert.Single((await app.Get<DashboardQueries>().GetSpearpointAsync(card.Id, null))!.Milestones).IsOverdue);
    }

    [Fact]
    public async Task Spearpoint_MilestoneMovedLater_IsSlippedWithOldAndNewDate()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var s = plan.Spearpoint("A");
        Milestone(s, "Verschoven", new DateOnly(2025, 3, 1), Utc(2025, 1, 2), (Utc(2025, 2, 1), m => m.DueDate = new DateOnly(2025, 8, 1)));
        Milestone(s, "Vervroegd", new DateOnly(2025, 9, 1), Utc(2025, 1, 2), (Utc(2025, 2, 1), m => m.DueDate = new DateOnly(2025, 7, 1)));
        await using (var db = app.CreateDb()) { await plan.SaveAsync(db); }

        var detail = (await app.Get<DashboardQueries>().GetSpearpointAsync(s.Id, null))!;

        var moved = detail.Milestones.Single(m => m.Title == "Verschoven");
        Assert.True(moved.IsSlipped);
        Assert.Equal((new DateOnly(2025, 3, 1), new DateOnly(2025, 8, 1)), (moved.OriginalDueDate, moved.DueDate));
        Assert.False(detail.Milestones.Single(m => m.Title == "Vervroegd").IsSlipped);

        // Before the move it was neither slipped nor (on 15 January) overdue.
        var before = (await app.Get<DashboardQueries>().GetSpearpointAsync(s.Id, new DateOnly(2025, 1, 15)))!;
        Assert.False(before.Milestones.Single(m => m.Title == "Verschoven").IsSlipped);
    }

    [Theory]
    [InlineData(10, Status.OnTrack, false)]
    [InlineData(45, Status.OnTrack, false)]
    [InlineData(46, Status.OnTrack, true)]
    [InlineData(200, Status.Done, false)]
    public async Task Overview_FlagsNotRecentlyUpdated_AfterTheConfiguredNumberOfDays(int daysAgo, Status status, bool expected)
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["Dashboard:StaleAfterDays"] = "45" });
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var s = plan.Spearpoint("A");
        Update(s, status, Utc(2025, 6, 1).AddDays(-daysAgo));
        var silent = plan.Spearpoint("B");
        await using (var db = app.CreateDb()) { await plan.SaveAsync(db); }

        var cards = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development;

        Assert.Equal(expected, cards.Single(c => c.Code == "A").NotRecentlyUpdated);
        Assert.True(cards.Single(c => c.Code == "B").NotRecentlyUpdated, "a spearpoint without any update is never recent");
        Assert.Equal(Status.NotStarted, cards.Single(c => c.Code == "B").Status);
    }

    [Fact]
    public async Task ReferenceDate_IncludesEverythingRecordedThatDutchDay_AndNothingAfter()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false);
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var s = plan.Spearpoint("A");
        // 21:30 UTC on 10 March = 22:30 in Amsterdam: still 10 March.
        Update(s, Status.OnTrack, new DateTime(2025, 3, 10, 21, 30, 0, DateTimeKind.Utc), "Laat op de avond");
        // 23:30 UTC on 10 March = 00:30 on 11 March in Amsterdam.
        Update(s, Status.Delayed, new DateTime(2025, 3, 10, 23, 30, 0, DateTimeKind.Utc), "Na middernacht");
        Milestone(s, "Nieuw op 11 maart", new DateOnly(2025, 6, 1), new DateTime(2025, 3, 10, 23, 30, 0, DateTimeKind.Utc));
        await using (var db = app.CreateDb()) { await plan.SaveAsync(db); }
        var queries = app.Get<DashboardQueries>();

        var onTenth = (await queries.GetSpearpointAsync(s.Id, new DateOnly(2025, 3, 10)))!;
        var onEleventh = (await queries.GetSpearpointAsync(s.Id, new DateOnly(2025, 3, 11)))!;

        Assert.Equal((Status.OnTrack, "Laat op de avond"), (onTenth.Summary.Status, onTenth.Summary.Latest!.Explanation));
        Assert.Single(onTenth.History);
        Assert.Empty(onTenth.Milestones);
        Assert.Equal(Status.Delayed, onEleventh.Summary.Status);
        Assert.Equal(2, onEleventh.History.Count);
        Assert.Single(onEleventh.Milestones);
    }

    [Fact]
    public async Task ReferenceDate_RebuildsIndicatorValuesFromMeasurementsUpToThatDate()
    {
        await using var app = await TestApp.InMemoryAsync();
        var id = await app.SpearpointIdAsync("SP1");

        var detail = (await app.Get<DashboardQueries>().GetSpearpointAsync(id, new DateOnly(2023, 2, 14)))!;

        var planned = detail.Indicators.Single(i => i.Name == "Inzet gepland op basis van analyse");
        Assert.Equal((new DateOnly(2022, 12, 31), 22d), (planned.Latest!.Date, planned.Latest.Value));
        Assert.Equal([10d, 15, 22], planned.Measurements.Select(m => m.Value));
    }

    [Fact]
    public async Task Spearpoint_UnknownId_IsNull()
    {
        await using var app = await TestApp.InMemoryAsync();

        Assert.Null(await app.Get<DashboardQueries>().GetSpearpointAsync(987654, null));
    }

    [Fact]
    public async Task History_IsNewestFirst()
    {
        await using var app = await TestApp.InMemoryAsync();

        var detail = (await app.Get<DashboardQueries>().GetSpearpointAsync(await app.SpearpointIdAsync("SP2"), null))!;

        Assert.Equal(detail.History.OrderByDescending(h => h.RecordedAt).Select(h => h.Id), detail.History.Select(h => h.Id));
        Assert.Equal(detail.History[0].Status, detail.Summary.Status);
    }

    [Fact]
    public async Task Spearpoint_ShowsTheNewestUpdates_AndEveryUpdateWhenAskedFor()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var many = plan.Spearpoint("A");
        var few = plan.Spearpoint("B");
        var total = DashboardQueries.HistoryShown + 5;
        for (var i = 0; i < total; i++)
        {
            Update(many, Status.OnTrack, Utc(2025, 1, 2).AddDays(i), $"Bericht {i}");
        }
        Update(few, Status.OnTrack, Utc(2025, 1, 2), "Enige bericht");
        await using (var db = app.CreateDb()) { await plan.SaveAsync(db); }
        var queries = app.Get<DashboardQueries>();

        var detail = (await queries.GetSpearpointAsync(many.Id, null))!;
        var all = await queries.GetStatusHistoryAsync(many.Id, detail.Reference);

        Assert.Equal(DashboardQueries.HistoryShown, detail.History.Count);
        Assert.True(detail.OlderHistory);
        Assert.Equal($"Bericht {total - 1}", detail.History[0].Explanation);
        Assert.Equal(total, all.Count);
        Assert.Equal(detail.History.Select(u => u.Id), all.Take(DashboardQueries.HistoryShown).Select(u => u.Id));
        Assert.Equal("Bericht 0", all[^1].Explanation);
        Assert.False((await queries.GetSpearpointAsync(few.Id, null))!.OlderHistory);
    }
}
