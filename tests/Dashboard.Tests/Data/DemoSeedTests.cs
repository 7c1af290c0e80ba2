using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Security;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    [Fact]
    public async Task Seed_EachBriefingHasAVastgesteldeRapportage_ReleasedByTheVaststeller_AndOneWaitsTerVaststelling()
    {
        await using var app = await TestApp.InMemoryAsync();
        await using var db = app.CreateDb();

        var plan = await db.Plans.Include(p => p.Briefings).SingleAsync();
        Assert.Equal(CouncilView.Released, plan.CouncilSees);
        var reports = await db.Reports.Include(r => r.Transitions).Include(r => r.Authors).OrderBy(r => r.ReferenceDate).ToListAsync();
        var snapshots = await db.ReportSnapshots.ToDictionaryAsync(s => s.ReportId);
        Assert.Equal([ReportState.Released, ReportState.Released, ReportState.Submitted], reports.Select(r => r.State));

        // One per briefing, its peildatum the briefing's date, released that day by the vaststeller, prepared by the manager.
        var briefings = plan.Briefings.OrderBy(b => b.Date).ToList();
        Assert.Equal(briefings.Select(b => (int?)b.Id), reports.Take(2).Select(r => r.BriefingId));
        Assert.Equal([FirstBriefing, SecondBriefing], reports.Take(2).Select(r => r.ReferenceDate));
        Assert.All(reports.Take(2), r =>
        {
            var snapshot = snapshots[r.Id];
            Assert.Equal("Bureau burgemeester", snapshot.ReleasedBy);
            Assert.Contains(DemoReports.ReleaserAccount, snapshot.ReleasedById);
            Assert.Equal(r.ReferenceDate, DashboardClock.LocalDate(snapshot.ReleasedAt!.Value));
            Assert.Equal("Interim-manager HOR", r.PreparedBy);
            Assert.Contains(DemoReports.PreparerAccount, r.PreparedById);
            Assert.False(r.IsAuthor(snapshot.ReleasedById!), "four eyes: the vaststeller neither prepared nor changed it");
            Assert.Equal([ReportState.Concept, ReportState.Submitted, ReportState.Released], r.Transitions.OrderBy(t => t.At).Select(t => t.To));
            Assert.InRange(r.Summary.Split(". ").Length, 2, 4);
        });

        // The one over the whole period: handed in after the plan ended, its snapshot stored, nobody released it yet.
        var waiting = reports[2];
        Assert.Equal((plan.EndDate, (int?)null), (waiting.ReferenceDate, waiting.BriefingId));
        Assert.Null(snapshots[waiting.Id].ReleasedAt);
        Assert.True(DashboardClock.LocalDate(snapshots[waiting.Id].SubmittedAt) > plan.EndDate);

        // Through the ReportEditor, so audited step by step, on the story's dates (the demo's history is of 2022-2023).
        var audit = await db.AuditEntries.Where(a => a.ObjectType == "Report").OrderBy(a => a.AtUtc).ToListAsync();
        Assert.Equal(
            ["CreateReport", "SubmitReport", "ReleaseReport", "CreateReport", "SubmitReport", "ReleaseReport", "CreateReport", "SubmitReport"],
            audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(AuditResult.Success, a.Result));
        Assert.All(audit.Where(a => a.Action == "ReleaseReport"), a => Assert.Equal("Bureau burgemeester (vaststeller@demo.local)", a.Actor));
        Assert.All(audit, a => Assert.InRange(a.AtUtc.Year, 2022, 2024));
    }

    [Fact]
    public async Task Seed_TheRapportages_ShowThePlanAsItWasOnTheirPeildatum_FromTheStoredBytes()
    {
        await using var app = await TestApp.InMemoryAsync();
        int planId;
        List<int> ids;
        await using (var db = app.CreateDb())
        {
            planId = await db.Plans.Select(p => p.Id).SingleAsync();
            ids = await db.Reports.OrderBy(r => r.ReferenceDate).Select(r => r.Id).ToListAsync();
        }
        var reports = app.Get<ReportQueries>();
        var queries = app.Get<DashboardQueries>();

        foreach (var (id, previous) in ids.Zip(new int?[] { null, ids[0], ids[1] }))
        {
            var detail = (await reports.GetReportAsync(Actors.Admin, id))!;
            var date = detail.Content.ReferenceDate;
            Assert.Equal(previous, detail.Content.Previous?.Id);
            Assert.NotNull(detail.Sha256);
            // The same statuses and explanations as the overview on that peildatum shows, spearpoint by spearpoint.
            var overview = (await queries.GetOverviewAsync(planId, date))!;
            Assert.Equal(
                overview.Development.Concat(overview.Substantive).Select(s => (s.Code, s.Status, s.Latest?.Explanation)).OrderBy(s => s.Code),
                detail.Content.Spearpoints.Select(s => (s.Summary.Code, s.Summary.Status, s.Summary.Latest?.Explanation)).OrderBy(s => s.Code));
        }

        // On 11 October 2022 the roster waited for the works council; by February it had agreed, while SP3 had said nothing since
        // September and SP4 had slipped to Vertraagd.
        var first = (await reports.GetReportAsync(Actors.Admin, ids[0]))!.Content.Spearpoints.ToDictionary(s => s.Summary.Code);
        Assert.Equal(Status.NeedsAttention, first["SP2"].Summary.Status);
        Assert.StartsWith("Het nieuwe roostermodel ligt bij de ondernemingsraad", first["SP2"].Summary.Latest!.Explanation);
        Assert.Equal(Status.NeedsAttention, first["SP4"].Summary.Status);
        var second = (await reports.GetReportAsync(Actors.Admin, ids[1]))!.Content.Spearpoints.ToDictionary(s => s.Summary.Code);
        Assert.Equal((Status.OnTrack, Status.Delayed), (second["SP2"].Summary.Status, second["SP4"].Summary.Status));
        Assert.StartsWith("Het voorstel voor de terugkoppelnorm", second["SP3"].Summary.Latest!.Explanation);
        Assert.Equal([52, 88, 8.1], first["SP4"].Indicators.Select(i => i.Latest!.Value));
        // At the plan's end: SP1 done, SP3 late; the last quarter's figures, recorded in January 2024, come after the peildatum.
        var end = (await reports.GetReportAsync(Actors.Admin, ids[2]))!.Content.Spearpoints.ToDictionary(s => s.Summary.Code);
        Assert.Equal((Status.Done, Status.Delayed), (end["SP1"].Summary.Status, end["SP3"].Summary.Status));
        Assert.Equal(56, end["SP4"].Indicators[0].Latest!.Value);
    }

    private static IConfiguration DevelopmentSettings =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(RepoRoot.Path, "appsettings.Development.json")).Build();

    /// <summary>The demo accounts of appsettings.Development.json, as the app makes them on a start in Development.</summary>
    internal static Task SeedDemoAccountsAsync(TestApp app) =>
        new AccountSeeder(app.Get<IServiceScopeFactory>(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" }, DevelopmentSettings,
            Options.Create(new DashboardOptions { SeedDemoData = true }), NullLogger<AccountSeeder>.Instance).StartingAsync(CancellationToken.None);

    [Fact]
    public async Task DemoAccounts_OnePerRole_AndTheVaststellerSignsInWithItsRole()
    {
        await using var app = await TestApp.InMemoryAsync();
        var demo = DevelopmentSettings.GetSection("Dashboard:DemoAccounts").Get<DemoAccount[]>()!;
        Assert.Equal(DashboardRoles.All.Order(), demo.Select(d => d.Role).Order());

        await SeedDemoAccountsAsync(app);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var vaststeller = demo.Single(d => d.Role == DashboardRoles.Releaser);
        Assert.Equal(DemoReports.ReleaserAccount, vaststeller.Email);
        var user = await users.FindByEmailAsync(vaststeller.Email);
        Assert.NotNull(user);
        Assert.False(user.IsDisabled);
        Assert.False(await users.IsLockedOutAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, vaststeller.Password));
        Assert.Equal(DemoReports.Releaser.Name, user.DisplayName);
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<DashboardUser>>().CreateAsync(user);
        Assert.True(principal.IsInRole(DashboardRoles.Releaser));
        Assert.Equal(DemoReports.Preparer.Name, demo.Single(d => d.Role == DashboardRoles.Manager).DisplayName);
    }
}
