using Dashboard.Briefings;
using Dashboard.Common;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Presentation;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Plans;

/// <summary>
/// Issue 12, item 6 "history stays true", through the real editors on a moving clock: on a peildatum a spearpoint shows its
/// code, title and order of that date (from its revisions); one added later is not there; one ended by then is shown as ended.
/// A briefing after the changes lists them in what changed since the previous one.
/// </summary>
[Trait("Category", Database.Category)]
public class PlanHistoryTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static readonly DateOnly FirstBriefing = D(2025, 3, 4);
    private static readonly DateOnly Yesterday = D(2025, 3, 9);
    private static readonly DateOnly Today = D(2025, 3, 10);
    private static readonly DateOnly SecondBriefing = D(2025, 3, 11);

    private static readonly Actor Manager = Actors.Manager();

    /// <summary>
    /// A plan set up on 3 March 2025 (SP1, SP2, SP3, an indicator on SP1, a briefing on 4 March); on 10 March SP4 and an
    /// indicator on SP2 are added, SP1 is renamed, SP3 and SP1's indicator are ended, SP2 moves up; a second briefing on 11 March.
    /// The clock then stands on 12 March.
    /// </summary>
    private sealed record Scenario(TestApp App, int PlanId, int Sp1, int Sp2, int Sp3, int Sp4, int Sp1Indicator, int Sp2Indicator,
        int FirstBriefingId, int SecondBriefingId) : IAsyncDisposable
    {
        public Task<OverviewModel?> OverviewAsync(DateOnly? on) => App.Get<DashboardQueries>().GetOverviewAsync(PlanId, on);
        public async Task<SpearpointDetail> PageAsync(int id, DateOnly? on) => (await App.Get<DashboardQueries>().GetSpearpointAsync(id, on))!;
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private static async Task<Scenario> ScenarioAsync()
    {
        var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero));
        var plans = app.Get<PlanEditor>();
        var spearpoints = app.Get<SpearpointEditor>();
        var indicators = app.Get<IndicatorEditor>();
        var briefings = app.Get<BriefingEditor>();

        // History as it is told live: a council that sees the plan live (the presentation shows the released state otherwise).
        var planId = Id(await plans.CreateAsync(Manager, new CreatePlanCommand("Jaarplan 2025", "Gemeente Test", D(2025, 1, 1), D(2025, 12, 31), null,
            CouncilView.Live)));
        async Task<int> AddAsync(string code, string title) =>
            Id(await spearpoints.AddAsync(Manager, new AddSpearpointCommand(planId, code, title, $"Omschrijving van {title}", SpearpointKind.Development, null)));
        async Task<int> IndicatorAsync(int spearpointId, string name) =>
            Id(await indicators.AddAsync(Manager, new AddIndicatorCommand(planId, spearpointId, name, "%", 50, D(2025, 1, 1), 80,
                IndicatorDirection.HigherIsBetter, MeasurementFrequency.Quarterly)));

        var sp1 = await AddAsync("SP1", "Informatiegestuurd werken");
        var sp2 = await AddAsync("SP2", "Vergroten van de flexibiliteit");
        var sp3 = await AddAsync("SP3", "Verwachtingenmanagement richting buurten");
        var sp1Indicator = await IndicatorAsync(sp1, "Meldingen met volledige locatie");
        var first = Id(await briefings.AddAsync(Manager, new AddBriefingCommand(planId, FirstBriefing, "Eerste bijpraatsessie", "Raad", "", "", [sp1, sp2, sp3])));

        app.Time.SetUtcNow(new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var sp4 = await AddAsync("SP4", "Versterken van het team");
        var sp2Indicator = await IndicatorAsync(sp2, "Diensturen in de avond");
        Saved(await spearpoints.EditAsync(Manager, new EditSpearpointCommand(planId, sp1, await VersionAsync(app, sp1), "SP1A",
            "Informatiegestuurd handhaven", "Nieuwe omschrijving", SpearpointKind.Development, null)));
        Saved(await spearpoints.EndAsync(Manager, new EndSpearpointCommand(planId, sp3, await VersionAsync(app, sp3), "Opgegaan in SP1")));
        Saved(await indicators.EndAsync(Manager, new EndIndicatorCommand(planId, sp1Indicator,
            await IndicatorVersionAsync(app, sp1Indicator), "Vervangen door een betere maat")));
        Saved(await spearpoints.MoveAsync(Manager, new MoveSpearpointCommand(planId, sp2, -1)));
        var second = Id(await briefings.AddAsync(Manager, new AddBriefingCommand(planId, SecondBriefing, "Tweede bijpraatsessie", "Raad", "", "", [sp1, sp2, sp4])));

        app.Time.SetUtcNow(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero));
        return new Scenario(app, planId, sp1, sp2, sp3, sp4, sp1Indicator, sp2Indicator, first, second);
    }

    [Fact]
    public async Task SpearpointAndIndicatorAddedToday_AreNotOnYesterdaysOverviewOrPage_AndAreThereToday()
    {
        await using var s = await ScenarioAsync();

        var yesterday = (await s.OverviewAsync(Yesterday))!;
        var today = (await s.OverviewAsync(Today))!;

        Assert.DoesNotContain(yesterday.Development.Concat(yesterday.EndedSpearpoints), x => x.Id == s.Sp4);
        Assert.Contains(today.Development, x => x.Id == s.Sp4);
        Assert.False((await s.PageAsync(s.Sp4, Yesterday)).ExistsOnReference);
        Assert.True((await s.PageAsync(s.Sp4, Today)).ExistsOnReference);
        Assert.Empty((await s.PageAsync(s.Sp2, Yesterday)).Indicators);
        Assert.Equal(["Diensturen in de avond"], (await s.PageAsync(s.Sp2, Today)).Indicators.Select(i => i.Name));
        Assert.Equal(["Diensturen in de avond"], (await s.PageAsync(s.Sp2, null)).Indicators.Select(i => i.Name));
    }

    [Fact]
    public async Task RenamedSpearpoint_ShowsItsOldCodeAndTitleOnAnEarlierPeildatum_AndTheNewOnesAfter()
    {
        await using var s = await ScenarioAsync();

        foreach (var (on, code, title, description) in new (DateOnly?, string, string, string)[]
        {
            (Yesterday, "SP1", "Informatiegestuurd werken", "Omschrijving van Informatiegestuurd werken"),
            (Today, "SP1A", "Informatiegestuurd handhaven", "Nieuwe omschrijving"),
            (null, "SP1A", "Informatiegestuurd handhaven", "Nieuwe omschrijving"),
        })
        {
            var card = (await s.OverviewAsync(on))!.Development.Single(x => x.Id == s.Sp1);
            var page = await s.PageAsync(s.Sp1, on);
            Assert.Equal((code, title), (card.Code, card.Title));
            Assert.Equal((code, title, description), (page.Summary.Code, page.Summary.Title, page.Description));
        }
    }

    [Fact]
    public async Task EndedSpearpointAndIndicator_RunBefore_AndAreEndedWithTheirReasonAfter()
    {
        await using var s = await ScenarioAsync();

        var yesterday = (await s.OverviewAsync(Yesterday))!;
        Assert.Contains(yesterday.Development, x => x.Id == s.Sp3 && !x.IsEnded);
        Assert.Empty(yesterday.EndedSpearpoints);
        var indicatorBefore = Assert.Single((await s.PageAsync(s.Sp1, Yesterday)).Indicators);
        Assert.Equal((false, null), (indicatorBefore.IsEnded, indicatorBefore.EndReason));

        var today = (await s.OverviewAsync(Today))!;
        Assert.DoesNotContain(today.Development, x => x.Id == s.Sp3);
        var ended = Assert.Single(today.EndedSpearpoints);
        Assert.Equal((s.Sp3, "Opgegaan in SP1", Today), (ended.Id, ended.EndReason, DashboardClock.LocalDate(ended.EndedAt!.Value)));
        Assert.Equal("Opgegaan in SP1", (await s.PageAsync(s.Sp3, Today)).Summary.EndReason);
        var indicatorAfter = Assert.Single((await s.PageAsync(s.Sp1, Today)).Indicators);
        Assert.Equal((true, "Vervangen door een betere maat"), (indicatorAfter.IsEnded, indicatorAfter.EndReason));
    }

    [Fact]
    public async Task ReorderedSpearpoints_KeepTheirOldOrderOnAnEarlierPeildatum()
    {
        await using var s = await ScenarioAsync();

        Assert.Equal([s.Sp1, s.Sp2, s.Sp3], (await s.OverviewAsync(Yesterday))!.Development.Select(x => x.Id));
        Assert.Equal([s.Sp2, s.Sp1, s.Sp4], (await s.OverviewAsync(Today))!.Development.Select(x => x.Id));
    }

    [Fact]
    public async Task BriefingAfterTheChanges_ListsSpearpointsAndIndicatorsAddedRenamedAndEnded_SinceThePreviousOne()
    {
        await using var s = await ScenarioAsync();

        var second = (await s.App.Get<BriefingQueries>().GetBriefingAsync(s.SecondBriefingId))!;

        Assert.Equal(s.FirstBriefingId, second.Previous!.Id);
        Assert.Equal(
        [
            new PlanChange(PlanChangeKind.Added, s.Sp4, SpearpointKind.Development, "SP4", "Versterken van het team"),
            new PlanChange(PlanChangeKind.Renamed, s.Sp1, SpearpointKind.Development, "SP1A", "Informatiegestuurd handhaven",
                "SP1", "Informatiegestuurd werken"),
        ], second.PlanChanges.Where(c => c.Kind != PlanChangeKind.Ended));
        var ended = Assert.Single(second.PlanChanges, c => c.Kind == PlanChangeKind.Ended);
        Assert.Equal((s.Sp3, "SP3", "Opgegaan in SP1", Today), (ended.SpearpointId, ended.Code, ended.Reason, DashboardClock.LocalDate(ended.EndedAt!.Value)));

        SpearpointBrief Of(int id) => second.Spearpoints.Single(x => x.Summary.Id == id);
        var sp1Indicator = Assert.Single(Of(s.Sp1).Changes!.IndicatorChanges);
        Assert.Equal((IndicatorChangeKind.Ended, s.Sp1Indicator, "Vervangen door een betere maat"), (sp1Indicator.Kind, sp1Indicator.IndicatorId, sp1Indicator.Reason));
        Assert.Equal([(IndicatorChangeKind.Added, s.Sp2Indicator)], Of(s.Sp2).Changes!.IndicatorChanges.Select(c => (c.Kind, c.IndicatorId)));
        Assert.Equal("Informatiegestuurd handhaven", Of(s.Sp1).Summary.Title);
        Assert.Equal(["SP2", "SP1A", "SP4"], second.Briefing.Spearpoints.Select(a => a.Code));
    }

    [Fact]
    public async Task EarlierBriefing_AndItsPresentation_ShowThePlanAsItWasOnItsDate()
    {
        await using var s = await ScenarioAsync();

        var first = (await s.App.Get<BriefingQueries>().GetBriefingAsync(s.FirstBriefingId))!;
        var deck = (await s.App.Get<PresentationQueries>().GetDeckAsync(s.FirstBriefingId))!;

        Assert.Empty(first.PlanChanges);
        Assert.Equal([("SP1", "Informatiegestuurd werken"), ("SP2", "Vergroten van de flexibiliteit"), ("SP3", "Verwachtingenmanagement richting buurten")],
            first.Briefing.Spearpoints.Select(a => (a.Code, a.Title)));
        Assert.All(first.Spearpoints, x => Assert.False(x.Summary.IsEnded));
        Assert.Equal("Omschrijving van Informatiegestuurd werken", first.Spearpoints.Single(x => x.Summary.Id == s.Sp1).Description);
        Assert.Equal(["Informatiegestuurd werken", "Vergroten van de flexibiliteit", "Verwachtingenmanagement richting buurten"],
            deck.Agenda.Select(a => a.Title));
        Assert.Equal(first.Briefing.Spearpoints, deck.Briefing!.Spearpoints);
    }

    [Fact]
    public async Task PresentationOfThePlanWithoutABriefing_LeavesEndedSpearpointsOut_AndTheAgendaPickerOffersRunningOnesOnly()
    {
        await using var s = await ScenarioAsync();

        var deck = (await s.App.Get<PresentationQueries>().GetDeckAsync(briefingId: null))!;
        var list = (await s.App.Get<BriefingQueries>().GetBriefingsAsync(s.PlanId))!;

        Assert.Equal([s.Sp2, s.Sp1, s.Sp4], deck.Agenda.Select(a => a.Id));
        Assert.Equal([s.Sp2, s.Sp1, s.Sp4], list.PlanSpearpoints.Select(a => a.Id));
        // Editing the first briefing still offers SP3, which is on its agenda.
        Assert.Contains(list.AgendaChoices(list.Past.Single(b => b.Id == s.FirstBriefingId)), a => a.Id == s.Sp3);
    }

    // Vervolgplan maken: exactly what it should copy, and the old plan untouched.

    private sealed record OldPlan(TestApp App, int PlanId, string OwnerId, int Sp1, int Sp2, int Ended, long OpenLate, long Open) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>
    /// Jaarplan 2025 on 20 November 2025: SP1 owned by an account, with a done, a cancelled, a moved and an open milestone, a
    /// measured indicator and an ended one, and a status; SP2 with an owner as free text and an unmeasured indicator; SP3 ended; a briefing.
    /// </summary>
    private static async Task<OldPlan> OldPlanAsync()
    {
        var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2025, 11, 20, 9, 0, 0, TimeSpan.Zero));
        var ownerId = await app.CreateUserAsync("eigenaar@test.nl", DashboardRoles.Manager, name: "Petra Eigenaar");
        var spearpoints = app.Get<SpearpointEditor>();
        var indicators = app.Get<IndicatorEditor>();
        var milestones = app.Get<MilestoneEditor>();

        var planId = Id(await app.Get<PlanEditor>().CreateAsync(Manager, new CreatePlanCommand("Jaarplan 2025", "Gemeente Test", D(2025, 1, 1), D(2025, 12, 31), null)));
        var sp1 = Id(await spearpoints.AddAsync(Manager, new AddSpearpointCommand(planId, "SP1", "Informatiegestuurd werken", "", SpearpointKind.Development, ownerId)));
        var sp2 = Id(await spearpoints.AddAsync(Manager, new AddSpearpointCommand(planId, "IS1", "Uitgaansgebied", "", SpearpointKind.Substantive, null)));
        var ended = Id(await spearpoints.AddAsync(Manager, new AddSpearpointCommand(planId, "SP3", "Gestopt", "", SpearpointKind.Development, null)));
        await using (var db = app.CreateDb())
        {
            // The owner as free text, from before owners were accounts (import and old data).
            await db.Spearpoints.Where(s => s.Id == sp1 || s.Id == sp2).ExecuteUpdateAsync(u => u.SetProperty(s => s.OwnerRole, "Teammanager HOR"));
        }
        Saved(await spearpoints.EndAsync(Manager, new EndSpearpointCommand(planId, ended, await VersionAsync(app, ended), "Niet meer nodig")));

        async Task<long> MilestoneAsync(string title, DateOnly due) =>
            (await milestones.AddAsync(Manager, new AddMilestoneCommand(planId, sp1, title, due))).CreatedId!.Value;
        var done = await MilestoneAsync("Klaar", D(2025, 5, 1));
        var cancelled = await MilestoneAsync("Vervallen", D(2025, 6, 1));
        var openLate = await MilestoneAsync("Verschoven en open", D(2025, 6, 1));
        var open = await MilestoneAsync("Open", D(2025, 12, 15));
        Saved(await milestones.CompleteAsync(Manager, new CompleteMilestoneCommand(planId, (int)done, await MilestoneVersionAsync(app, done), D(2025, 5, 2))));
        Saved(await milestones.CancelAsync(Manager, new CancelMilestoneCommand(planId, (int)cancelled, await MilestoneVersionAsync(app, cancelled), "Overbodig")));
        Saved(await milestones.EditAsync(Manager, new EditMilestoneCommand(planId, (int)openLate, await MilestoneVersionAsync(app, openLate),
            "Verschoven en open", D(2025, 9, 1), Status.OnTrack)));

        var measured = Id(await indicators.AddAsync(Manager, new AddIndicatorCommand(planId, sp1, "Meldingen compleet", "%", 80, D(2025, 1, 1), 95,
            IndicatorDirection.HigherIsBetter, MeasurementFrequency.Quarterly)));
        Saved(await indicators.AddMeasurementAsync(Manager, new AddMeasurementCommand(planId, measured, D(2025, 3, 31), 84, null)));
        Saved(await indicators.AddMeasurementAsync(Manager, new AddMeasurementCommand(planId, measured, D(2025, 9, 30), 88, null)));
        var gone = Id(await indicators.AddAsync(Manager, new AddIndicatorCommand(planId, sp1, "Oude maat", "", 1, null, 2,
            IndicatorDirection.HigherIsBetter, MeasurementFrequency.Yearly)));
        Saved(await indicators.EndAsync(Manager, new EndIndicatorCommand(planId, gone, await IndicatorVersionAsync(app, gone), "Niet meer gemeten")));
        Id(await indicators.AddAsync(Manager, new AddIndicatorCommand(planId, sp2, "Overlastmeldingen", "", 120, D(2025, 1, 15), 90,
            IndicatorDirection.LowerIsBetter, MeasurementFrequency.Monthly)));

        Saved(await app.Get<StatusEditor>().SaveStatusAsync(Manager, new StatusCommand(planId, sp1, await VersionAsync(app, sp1), Status.OnTrack, "Loopt")));
        Id(await app.Get<BriefingEditor>().AddAsync(Manager, new AddBriefingCommand(planId, D(2025, 10, 7), "Bijpraatsessie", "Raad", "", "", [sp1, sp2])));
        return new OldPlan(app, planId, ownerId, sp1, sp2, ended, openLate, open);
    }

    private static async Task<int> FollowUpAsync(OldPlan old, IReadOnlyList<int>? chosen = null) =>
        Id(await old.App.Get<FollowUpPlans>().CreateAsync(Manager,
            new FollowUpPlanCommand(old.PlanId, "Jaarplan 2026", "Gemeente Test", D(2026, 1, 1), D(2026, 12, 31), null, chosen)));

    [Fact]
    public async Task FollowUpPlan_CopiesTheRunningSpearpointsWithOwners_UnfinishedMilestonesClamped_AndIndicatorsFromTheirLatestValue()
    {
        await using var old = await OldPlanAsync();

        var newPlanId = await FollowUpAsync(old);

        await using var db = old.App.CreateDb();
        var copied = await db.Spearpoints.AsNoTracking().Where(s => s.PlanId == newPlanId)
            .Include(s => s.Milestones).Include(s => s.Indicators).ThenInclude(i => i.Measurements).Include(s => s.StatusUpdates)
            .OrderBy(s => s.SortOrder).AsSplitQuery().ToListAsync();
        Assert.Equal([("SP1", old.OwnerId, "Teammanager HOR"), ("IS1", null, "Teammanager HOR")],
            copied.Select(s => (s.Code, s.OwnerId, s.OwnerRole)));
        Assert.All(copied, s => Assert.Null(s.EndedAt));

        var sp1 = copied[0];
        Assert.Equal(
        [
            ("Verschoven en open", D(2026, 1, 1), D(2025, 6, 1), Status.OnTrack, (int?)old.OpenLate),
            ("Open", D(2026, 1, 1), D(2025, 12, 15), Status.NotStarted, (int?)old.Open),
        ], sp1.Milestones.OrderBy(m => m.SortOrder).Select(m => (m.Title, m.DueDate, m.OriginalDueDate, m.State, m.CarriedOverFromId)));
        var indicator = Assert.Single(sp1.Indicators);
        Assert.Equal(("Meldingen compleet", 88.0, (DateOnly?)D(2025, 9, 30), 95.0, 0), (indicator.Name, indicator.Baseline, indicator.BaselineDate, indicator.Target, indicator.Measurements.Count));
        var unmeasured = Assert.Single(copied[1].Indicators);
        Assert.Equal((120.0, (DateOnly?)D(2025, 1, 15), MeasurementFrequency.Monthly), (unmeasured.Baseline, unmeasured.BaselineDate, unmeasured.Frequency));
        Assert.All(copied, s => Assert.Empty(s.StatusUpdates));
        Assert.False(await db.Briefings.AnyAsync(b => b.PlanId == newPlanId));

        // As the pages show it: Niet gestart, the milestones slipped and carried over from the old plan.
        var page = (await old.App.Get<DashboardQueries>().GetSpearpointAsync(sp1.Id, null))!;
        Assert.Equal(Status.NotStarted, page.Summary.Status);
        Assert.All(page.Milestones, m => Assert.Equal((true, new MilestoneOrigin(old.Sp1, "Jaarplan 2025")), (m.IsSlipped, m.CarriedOverFrom)));
    }

    [Fact]
    public async Task FollowUpPlan_TakesOnlyTheChosenSpearpoints()
    {
        await using var old = await OldPlanAsync();

        var newPlanId = await FollowUpAsync(old, [old.Sp2]);

        await using var db = old.App.CreateDb();
        Assert.Equal(["IS1"], await db.Spearpoints.Where(s => s.PlanId == newPlanId).Select(s => s.Code).ToListAsync());
        Assert.False(await db.Milestones.AnyAsync(m => m.Spearpoint!.PlanId == newPlanId));
    }

    [Fact]
    public async Task FollowUpPlan_LeavesTheOldPlanByteForByteAsItWas()
    {
        await using var old = await OldPlanAsync();
        var before = await DataSnapshot.TakePlanAsync(old.App, old.PlanId);
        Assert.Contains("Verschoven en open", before); // the snapshot holds the plan's rows

        old.App.Time.Advance(TimeSpan.FromDays(1));
        await FollowUpAsync(old);

        Assert.Equal(before, await DataSnapshot.TakePlanAsync(old.App, old.PlanId));
    }

    private static int Id(SaveResult result)
    {
        Saved(result);
        return (int)result.CreatedId!.Value;
    }

    private static void Saved(SaveResult result) => Assert.True(result.Succeeded, $"{result.Outcome}: {result.Message} {string.Join("; ", result.FieldErrors?.Values ?? [])}");

    private static async Task<int> VersionAsync(TestApp app, int spearpointId)
    {
        await using var db = app.CreateDb();
        return await db.Spearpoints.Where(s => s.Id == spearpointId).Select(s => s.Version).SingleAsync();
    }

    private static async Task<int> IndicatorVersionAsync(TestApp app, int indicatorId)
    {
        await using var db = app.CreateDb();
        return await db.Indicators.Where(i => i.Id == indicatorId).Select(i => i.Version).SingleAsync();
    }

    private static async Task<int> MilestoneVersionAsync(TestApp app, long milestoneId)
    {
        await using var db = app.CreateDb();
        return await db.Milestones.Where(m => m.Id == milestoneId).Select(m => m.Version).SingleAsync();
    }
}
