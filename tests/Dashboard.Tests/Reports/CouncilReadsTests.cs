using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Progress;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Reports;

/// <summary>
/// What each reader sees of a plan whose council sees released rapportages: the council and the public the released one,
/// staff live; a plan whose council sees live is live for everyone. Live edits after the release, including a measurement
/// with an older date, never reach the council's reads.
/// </summary>
[Trait("Category", Database.Category)]
public class CouncilReadsTests
{
    private static readonly Actor Preparer = new("Anna Preparer", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-anna");
    private static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-vera");
    private static readonly Actor ReadKey = new("Koppeling", new HashSet<string>(), "api", Scopes: new HashSet<string> { ApiScopes.Read });
    private static readonly Actor LiveKey = ReadKey with { Scopes = new HashSet<string> { ApiScopes.Read, ApiScopes.Live } };
    private const string Released = "Wat het college vaststelde.";
    private const string LiveText = "Live toelichting die de raad nog niet zag.";
    private static readonly DateOnly ReleaseDate = new(2026, 10, 31);

    private sealed record Setup(TestApp App, int PlanId, int SpearpointId, int IndicatorId, int BriefingId);

    private static async Task<Setup> StartAsync(bool councilSeesReleased = true)
    {
        var app = await TestApp.InMemoryAsync(seedDemo: false);
        var builder = new PlanBuilder(new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        if (councilSeesReleased)
        {
            builder.CouncilSeesReleased();
        }
        var sp = builder.Spearpoint("SP1");
        PlanBuilder.Update(sp, Status.OnTrack, new DateTime(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc), Released);
        var indicator = new Indicator
        {
            Name = "Meldingen", Unit = "", Baseline = 10, Target = 50, CreatedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
            Measurements = [new Measurement { Date = new DateOnly(2026, 6, 30), Value = 20, Author = "Test", RecordedAt = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc) }],
        };
        sp.Indicators.Add(indicator);
        await using var db = app.CreateDb();
        var plan = await builder.SaveAsync(db);
        var briefing = new Briefing { PlanId = plan.Id, Date = new DateOnly(2026, 11, 3), Title = "Bijpraatsessie november" };
        briefing.Spearpoints.Add(sp);
        db.Briefings.Add(briefing);
        await db.SaveChangesAsync();
        await app.AccountsForAsync(Preparer, Releaser);
        return new Setup(app, plan.Id, sp.Id, indicator.Id, briefing.Id);
    }

    private static async Task<int> ReleaseAsync(Setup s, DateOnly date, int? briefingId = null)
    {
        var editor = s.App.Get<ReportEditor>();
        var created = await editor.CreateAsync(Preparer, new CreateReportCommand(s.PlanId, date, "Samenvatting.", briefingId));
        Assert.True(created.Succeeded, created.Message);
        var id = (int)created.CreatedId!;
        var submitted = await editor.SubmitAsync(Preparer, new ReportStepCommand(s.PlanId, id, created.Version!.Value));
        Assert.True(submitted.Succeeded, submitted.Message);
        var released = await editor.ReleaseAsync(Releaser, new ReportStepCommand(s.PlanId, id, submitted.Version!.Value));
        Assert.True(released.Succeeded, released.Message);
        return id;
    }

    /// <summary>After the release: a new explanation and status, and a measurement dated before the peildatum.</summary>
    private static async Task EditLiveAsync(Setup s)
    {
        var card = (await s.App.Get<DashboardQueries>().GetOverviewAsync(s.PlanId, null))!.Development.Single();
        var status = await s.App.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), new StatusCommand(s.PlanId, card.Id, card.Version,
            Status.Delayed, LiveText, "Oorzaak", "Gevolg", "Bijsturing"));
        Assert.True(status.Succeeded, status.Message);
        var measured = await s.App.Get<IndicatorEditor>().AddMeasurementAsync(Actors.Manager(),
            new AddMeasurementCommand(s.PlanId, s.IndicatorId, new DateOnly(2026, 9, 30), 99, "Nagekomen"));
        Assert.True(measured.Succeeded, measured.Message);
    }

    public static TheoryData<string> CouncilReaders => ["raadslid", "anoniem", "leessleutel"];

    private static Actor Reader(string name) => name switch
    {
        "raadslid" => Actors.CouncilMember,
        "anoniem" => Actor.Anonymous,
        "leessleutel" => ReadKey,
        "manager" => Actors.Manager(),
        "vaststeller" => Releaser,
        "beheerder" => Actors.Admin,
        "presentator" => Actors.Presenter,
        "live-sleutel" => LiveKey,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(CouncilReaders))]
    public async Task TheCouncil_SeesTheReleasedRapportage_OnEveryRead_AndNoLiveEditMadeAfterIt(string who)
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var reportId = await ReleaseAsync(s, ReleaseDate);
        await EditLiveAsync(s);
        var council = s.App.Get<CouncilReads>();
        var reader = Reader(who);

        var overview = (await council.OverviewAsync(reader, s.PlanId, null))!;
        var spearpoint = (await council.SpearpointAsync(reader, s.SpearpointId, null))!;
        var briefing = (await council.BriefingAsync(reader, s.BriefingId))!;

        foreach (var shown in new[] { overview.Shown, spearpoint.Shown, briefing.Shown })
        {
            Assert.Equal(ShowingKind.Released, shown!.Kind);
            Assert.Equal(reportId, shown.Release!.ReportId);
            Assert.Equal("Vera Vaststeller", shown.Release.ReleasedBy);
        }
        Assert.Equal(ReleaseDate, overview.Reference.Date);
        Assert.True(overview.Reference.IsExplicit, "A released state is fixed: no live screen follows it.");
        var card = overview.Development.Single();
        Assert.Equal((Status.OnTrack, Released), (card.Status, card.Latest!.Explanation));
        Assert.Equal((Status.OnTrack, Released), (spearpoint.Summary.Status, spearpoint.Summary.Latest!.Explanation));
        Assert.DoesNotContain(spearpoint.History, u => u.Explanation == LiveText);
        Assert.Empty(spearpoint.Changes);
        Assert.Equal([20.0], spearpoint.Indicators.Single().Measurements.Select(m => m.Value));
        var brief = briefing.Spearpoints.Single();
        Assert.Equal(Released, brief.Summary.Latest!.Explanation);
        Assert.Equal([20.0], brief.Indicators.Single().Measurements.Select(m => m.Value));
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("vaststeller")]
    [InlineData("beheerder")]
    [InlineData("presentator")]
    [InlineData("live-sleutel")]
    public async Task Staff_AndAKeyWithTheLiveScope_SeeLive_AndAreToldWhatTheCouncilSees(string who)
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var reportId = await ReleaseAsync(s, ReleaseDate);
        await EditLiveAsync(s);
        var council = s.App.Get<CouncilReads>();
        var reader = Reader(who);

        var overview = (await council.OverviewAsync(reader, s.PlanId, null))!;
        var spearpoint = (await council.SpearpointAsync(reader, s.SpearpointId, null))!;

        Assert.Equal(new Showing(ShowingKind.Live, true, overview.Shown!.Release), overview.Shown);
        Assert.Equal(reportId, overview.Shown.Release!.ReportId);
        Assert.Equal(LiveText, overview.Development.Single().Latest!.Explanation);
        Assert.Equal(LiveText, spearpoint.Summary.Latest!.Explanation);
        Assert.Contains(99.0, spearpoint.Indicators.Single().Measurements.Select(m => m.Value));
    }

    [Fact]
    public async Task APlanWhoseCouncilSeesLive_IsLiveForTheCouncil_AsBefore()
    {
        var s = await StartAsync(councilSeesReleased: false);
        await using var _ = s.App;
        await ReleaseAsync(s, ReleaseDate);
        await EditLiveAsync(s);

        var overview = (await s.App.Get<CouncilReads>().OverviewAsync(Actors.CouncilMember, s.PlanId, null))!;

        Assert.Equal(Showing.Live, overview.Shown);
        Assert.Equal(LiveText, overview.Development.Single().Latest!.Explanation);
    }

    [Fact]
    public async Task BeforeTheFirstRelease_TheCouncilIsToldSo_AndReadsNoPlanData()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        // A concept and a handed-in one do not count.
        var editor = s.App.Get<ReportEditor>();
        var created = await editor.CreateAsync(Preparer, new CreateReportCommand(s.PlanId, ReleaseDate, "Concept."));
        await editor.SubmitAsync(Preparer, new ReportStepCommand(s.PlanId, (int)created.CreatedId!, created.Version!.Value));
        var council = s.App.Get<CouncilReads>();

        var overview = (await council.OverviewAsync(Actors.CouncilMember, s.PlanId, null))!;
        var spearpoint = (await council.SpearpointAsync(Actors.CouncilMember, s.SpearpointId, null))!;
        var briefing = (await council.BriefingAsync(Actors.CouncilMember, s.BriefingId))!;
        var staff = (await council.OverviewAsync(Actors.Manager(), s.PlanId, null))!;

        Assert.Equal(ShowingKind.NothingReleased, overview.Shown!.Kind);
        Assert.Empty(overview.Development.Concat(overview.Substantive).Concat(overview.EndedSpearpoints));
        Assert.Equal((ShowingKind.NothingReleased, "", "", false), (spearpoint.Shown!.Kind, spearpoint.Summary.Code, spearpoint.Summary.Title,
            spearpoint.ExistsOnReference));
        Assert.Empty(spearpoint.Indicators);
        Assert.Equal(ShowingKind.NothingReleased, briefing.Shown!.Kind);
        Assert.Empty(briefing.Spearpoints);
        Assert.Empty(briefing.Briefing.Spearpoints);
        Assert.Equal(new Showing(ShowingKind.Live, true, null), staff.Shown);
    }

    [Fact]
    public async Task AnEarlierPeildatum_ShowsTheRapportageThatAppliedThen_ALaterOneIsCappedAtTheLatest()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var first = await ReleaseAsync(s, new DateOnly(2026, 6, 30));
        await EditLiveAsync(s);
        var today = DateOnly.FromDateTime(TestApp.DefaultNow.UtcDateTime);
        var second = await ReleaseAsync(s, today);
        var council = s.App.Get<CouncilReads>();

        var before = (await council.OverviewAsync(Actors.CouncilMember, s.PlanId, new DateOnly(2026, 3, 1)))!;
        var between = (await council.OverviewAsync(Actors.CouncilMember, s.PlanId, new DateOnly(2026, 8, 15)))!;
        var after = (await council.OverviewAsync(Actors.CouncilMember, s.PlanId, new DateOnly(2027, 3, 1)))!;

        Assert.Equal(ShowingKind.NothingReleased, before.Shown!.Kind);
        Assert.Equal((first, new DateOnly(2026, 6, 30)), (between.Shown!.Release!.ReportId, between.Reference.Date));
        Assert.Equal(Released, between.Development.Single().Latest!.Explanation);
        Assert.Equal((second, today), (after.Shown!.Release!.ReportId, after.Reference.Date));
        Assert.Equal(LiveText, after.Development.Single().Latest!.Explanation);
    }

    [Fact]
    public async Task ABriefing_ShowsTheRapportageReleasedForIt_EvenWhenALaterOneWasReleased()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var forBriefing = await ReleaseAsync(s, ReleaseDate, s.BriefingId);
        await EditLiveAsync(s);
        await ReleaseAsync(s, new DateOnly(2026, 11, 20));

        var briefing = (await s.App.Get<CouncilReads>().BriefingAsync(Actors.CouncilMember, s.BriefingId))!;

        Assert.Equal(forBriefing, briefing.Shown!.Release!.ReportId);
        Assert.Equal(Released, briefing.Spearpoints.Single().Summary.Latest!.Explanation);
    }

    [Fact]
    public async Task AReleaseTellsTheOpenScreens_OfThatPlan()
    {
        var s = await StartAsync();
        await using var _ = s.App;
        var told = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = s.App.Get<LiveUpdates>().SubscribeReleases(s.PlanId, plan =>
        {
            told.TrySetResult(plan);
            return Task.CompletedTask;
        });

        await ReleaseAsync(s, ReleaseDate);

        Assert.Equal(s.PlanId, await told.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
