using Dashboard.Common;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Mail;
using Dashboard.Progress;
using Dashboard.Questions;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Data;

/// <summary>
/// The running demo plan, seeded by the real start-up step (DatabaseInitializer) on a clock set to a day: running on that day
/// and showing every signal the product has, through the app's own queries; the letter's plan beside it as it was.
/// </summary>
[Trait("Category", Database.Category)]
public class DemoRunningPlanTests
{
    private const string Letter = "Jaarplan handhaven openbare ruimte 2022-2023";

    /// <summary>A Monday morning in December, a Friday evening in June (22:30 Dutch time), a Sunday in January.</summary>
    public static TheoryData<string> Days => ["2026-12-07T09:00:00Z", "2027-06-18T20:30:00Z", "2027-01-03T12:00:00Z"];

    private static async Task<TestApp> SeededAsync(string now, bool running = true)
    {
        var app = await TestApp.InMemoryAsync(seedDemo: false, now: DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        await DatabaseInitializerTests.Initializer(app, seed: true, running).InitializeAsync();
        return app;
    }

    private static async Task<Plan> RunningPlanAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        return await db.Plans.AsNoTracking().Include(p => p.Briefings).SingleAsync(p => p.Name != Letter);
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task ThePlan_RunsToday_IsDemo_ShowsTheReleasedStand_IsNoFollowUp_AndIsTheCurrentPlan(string now)
    {
        await using var app = await SeededAsync(now);
        var today = app.Get<DashboardClock>().Today;
        var plan = await RunningPlanAsync(app);

        Assert.Equal($"Jaarplan handhaven openbare ruimte {plan.StartDate.Year}-{today.Year + 1}", plan.Name);
        Assert.InRange(today.DayNumber - plan.StartDate.DayNumber, 150, 240);
        Assert.Equal(new DateOnly(today.Year + 1, 12, 31), plan.EndDate);
        Assert.True(plan.IsDemo);
        Assert.Equal(CouncilView.Released, plan.CouncilSees);
        Assert.Null(plan.PreviousPlanId);

        var queries = app.Get<DashboardQueries>();
        Assert.Equal(plan.Id, (await queries.GetCurrentPlanAsync())!.Id);
        var plans = await queries.GetPlansAsync();
        Assert.Equal([plan.Name, Letter], plans.Select(p => p.Plan.Name));
        Assert.Equal([PlanState.Running, PlanState.Ended], plans.Select(p => p.State));
        Assert.All(plans, p => Assert.True(p.Plan.IsDemo));

        await using var db = app.CreateDb();
        Assert.Single(await db.AuditEntries.Where(a => a.Action == "SeedDemoData").ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task TheOverview_HasTheFourDevelopmentSpearpoints_AnOrangeAndARedThatSayWhy_AStaleOne_AndAnOverdueMilestone(string now)
    {
        await using var app = await SeededAsync(now);
        var overview = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!;

        Assert.NotEqual(Letter, overview.Plan.Name);
        Assert.Equal(app.Get<DashboardClock>().Today, overview.Reference.Date);
        Assert.Equal(["SP1", "SP2", "SP3", "SP4"], overview.Development.Select(s => s.Code));
        Assert.InRange(overview.Substantive.Count, 2, 3);
        var all = overview.Development.Concat(overview.Substantive).ToList();
        foreach (var status in new[] { Status.NeedsAttention, Status.Delayed })
        {
            var latest = Assert.Single(all, s => s.Status == status).Latest!;
            Assert.All([latest.Cause, latest.Consequence, latest.CorrectiveAction], t => Assert.False(string.IsNullOrWhiteSpace(t)));
        }
        var stale = Assert.Single(all, s => s.NotRecentlyUpdated);
        Assert.NotEqual(Status.Done, stale.Status);
        Assert.Contains(all, s => s.OverdueCount > 0);
        Assert.Empty(overview.EndedSpearpoints);
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task TheSpearpoints_HaveASlippedAndAnOverdueMilestone_AndAMeasurementDue(string now)
    {
        await using var app = await SeededAsync(now);
        var queries = app.Get<DashboardQueries>();
        var plan = await RunningPlanAsync(app);
        await using var db = app.CreateDb();
        var details = new List<SpearpointDetail>();
        foreach (var id in await db.Spearpoints.Where(s => s.PlanId == plan.Id).Select(s => s.Id).ToListAsync())
        {
            details.Add((await queries.GetSpearpointAsync(id, null))!);
        }
        var milestones = details.SelectMany(d => d.Milestones).ToList();

        var slipped = Assert.Single(milestones, m => m.IsSlipped);
        Assert.True(slipped.DueDate > slipped.OriginalDueDate);
        Assert.Contains(milestones, m => m.IsOverdue);
        var indicators = details.SelectMany(d => d.Indicators).ToList();
        Assert.Single(indicators, i => i.MeasurementDue);
        Assert.Contains(indicators, i => !i.MeasurementDue);
        // The milestone moved later says so in its history: a revision with the first due date, then one with the new.
        var revisions = await db.MilestoneRevisions.Where(r => r.MilestoneId == slipped.Id).OrderBy(r => r.RecordedAt).Select(r => r.DueDate).ToListAsync();
        Assert.Equal((slipped.OriginalDueDate, slipped.DueDate), (revisions[0], revisions[^1]));
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task TheBriefings_OneWithinTwoWeeksWithOpenAndAnsweredQuestions_OneBeforeWithItsReleasedRapportage_AndAConceptWaiting(string now)
    {
        await using var app = await SeededAsync(now);
        var today = app.Get<DashboardClock>().Today;
        var plan = await RunningPlanAsync(app);
        var next = Assert.Single(plan.Briefings, b => b.Date > today);
        Assert.InRange(next.Date.DayNumber - today.DayNumber, 1, 14);
        var last = Assert.Single(plan.Briefings, b => b.Date < today);

        var questions = await app.Get<QuestionQueries>().ListAsync(Actors.Admin, plan.Id);
        var forNext = questions.Where(q => q.BriefingId == next.Id).ToList();
        Assert.True(forNext.Count(q => q.State == QuestionState.Open) >= 2);
        Assert.Contains(forNext, q => q is { State: QuestionState.Answered, NotPublic: false });
        Assert.Contains(forNext, q => q is { State: QuestionState.Answered, NotPublic: true });
        Assert.Contains(questions, q => q.BriefingId == last.Id && q.State == QuestionState.AnsweredLate);
        // A council member who did not ask it does not see the question that is not public.
        var council = await app.Get<QuestionQueries>().ListAsync(Actors.CouncilMember, plan.Id);
        Assert.Equal(questions.Count - 1, council.Count);

        var reports = (await app.Get<ReportQueries>().GetReportsAsync(Actors.Admin, plan.Id))!.Reports;
        var released = Assert.Single(reports, r => r.State == ReportState.Released);
        Assert.Equal((last.Id, last.Date), (released.BriefingId, released.ReferenceDate));
        var waiting = Assert.Single(reports, r => r.State == ReportState.Submitted);
        Assert.Equal(next.Id, waiting.BriefingId);
        Assert.Equal(2, reports.Count);
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task OnTheFirstDay_TheDemoManagerGetsAReminder_AndTheDemoRaadslidADigest(string now)
    {
        await using var app = await SeededAsync(now);
        await DemoSeedTests.SeedDemoAccountsAsync(app);
        var scheduler = app.Get<MailScheduler>();

        Assert.Equal(1, await scheduler.QueueRemindersAsync());
        Assert.Equal(1, await scheduler.QueueDigestsAsync());

        await using var db = app.CreateDb();
        var to = await db.OutboxMessages.Select(m => new { m.Kind, m.To }).ToListAsync();
        Assert.Contains(to, m => m.Kind == MessageKind.Reminder && m.To == DemoReports.PreparerAccount);
        Assert.Contains(to, m => m.Kind == MessageKind.Digest && m.To == DemoQuestions.AskerAccount);
        // The letter's plan has ended: its spearpoints keep no owner.
        Assert.False(await db.Spearpoints.AnyAsync(s => s.Plan!.Name == Letter && s.OwnerId != null));
    }

    [Theory]
    [MemberData(nameof(Days))]
    public async Task TheLettersPlan_IsSeededAsWithoutTheRunningPlan(string now)
    {
        await using var both = await SeededAsync(now);
        await using var alone = await SeededAsync(now, running: false);

        await using var db = alone.CreateDb();
        Assert.Equal(Letter, (await db.Plans.SingleAsync()).Name);
        Assert.Equal(await CountsAsync(alone), await CountsAsync(both));
        var overview = (await alone.Get<DashboardQueries>().GetOverviewAsync(null, null))!;
        var beside = (await both.Get<DashboardQueries>().GetOverviewAsync(overview.Plan.Id, null))!;
        Assert.Equal(overview.Development.Concat(overview.EndedSpearpoints).Select(s => (s.Code, s.Status, s.Progress)),
            beside.Development.Concat(beside.EndedSpearpoints).Select(s => (s.Code, s.Status, s.Progress)));
    }

    /// <summary>What the letter's plan is made of, counted.</summary>
    private static async Task<string> CountsAsync(TestApp app)
    {
        await using var db = app.CreateDb();
        var plan = await db.Plans.SingleAsync(p => p.Name == Letter);
        return string.Join(" ",
            await db.Spearpoints.CountAsync(s => s.PlanId == plan.Id),
            await db.StatusUpdates.CountAsync(u => u.Spearpoint!.PlanId == plan.Id),
            await db.Milestones.CountAsync(m => m.Spearpoint!.PlanId == plan.Id),
            await db.MilestoneRevisions.CountAsync(r => r.Milestone!.Spearpoint!.PlanId == plan.Id),
            await db.Measurements.CountAsync(m => m.Indicator!.Spearpoint!.PlanId == plan.Id),
            await db.Briefings.CountAsync(b => b.PlanId == plan.Id),
            await db.Questions.CountAsync(q => q.PlanId == plan.Id),
            await db.Reports.CountAsync(r => r.PlanId == plan.Id && r.State == ReportState.Released),
            await db.Reports.CountAsync(r => r.PlanId == plan.Id && r.State == ReportState.Submitted));
    }
}
