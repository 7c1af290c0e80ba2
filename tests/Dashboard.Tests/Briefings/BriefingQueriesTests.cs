using Dashboard.Briefings;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using static Dashboard.Briefings.MilestoneChangeKind;
using static Dashboard.Tests.Support.PlanBuilder;

namespace Dashboard.Tests.Briefings;

/// <summary>The state on a briefing's date and what changed since the previous one, on the seeded history.</summary>
[Trait("Category", Database.Category)]
public class BriefingQueriesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static async Task<BriefingDetail> BriefingAsync(TestApp app, DateOnly date) =>
        (await app.Get<BriefingQueries>().GetBriefingAsync(await app.IdAsync(date)))!;

    private static SpearpointBrief Of(BriefingDetail d, string code) => d.Spearpoints.Single(s => s.Summary.Code == code);

    private static List<(MilestoneChangeKind, string, DateOnly?, DateOnly?)> Milestones(SpearpointBrief s) =>
        s.Changes!.Milestones.Select(m => (m.Kind, m.Title, m.OldDate, m.NewDate)).ToList();

    private static List<(string, double?, double, IndicatorTrend)> Indicators(SpearpointBrief s) =>
        s.Changes!.Indicators.Select(i => (i.Name, i.Before?.Value, i.After.Value, i.Trend)).ToList();

    [Fact]
    public async Task ChangesBetween11October2022And14February2023_AreExactlyTheSeededHistory()
    {
        await using var app = await TestApp.InMemoryAsync();

        var february = await BriefingAsync(app, DemoBriefings.February);

        Assert.Equal(DemoBriefings.October, february.Previous!.Date);
        Assert.Equal((DemoBriefings.February, true), (february.Reference.Date, february.Reference.IsExplicit));

        var sp1 = Of(february, "SP1");
        Assert.Null(sp1.Changes!.Status);
        Assert.Equal(2, sp1.Changes.NewUpdates.Count);
        Assert.Equal(
        [
            (Completed, "Dashboard meldingen per gebied in gebruik", null, D(2022, 11, 28)),
            (StateChanged, "Briefing en debriefing met informatiebeeld in alle diensten", null, null),
        ], Milestones(sp1));
        Assert.Equal(
        [
            ("Inzet gepland op basis van analyse", 15, 22, IndicatorTrend.Toward),
            ("Meldingen met volledige categorie en locatie", 82, 85, IndicatorTrend.Toward),
        ], Indicators(sp1));

        var sp2 = Of(february, "SP2");
        Assert.Equal(new StatusChange(Status.NeedsAttention, Status.OnTrack), sp2.Changes!.Status);
        Assert.Single(sp2.Changes.NewUpdates);
        Assert.Equal(
        [
            (Completed, "Roostermodel besproken met medewerkers en OR", null, D(2022, 12, 13)),
            (StateChanged, "Pilot extra avond- en weekendinzet", null, null),
            (StateChanged, "Afspraken over bijstand door buurgemeente bij evenementen", null, null),
        ], Milestones(sp2));
        Assert.Equal(
        [
            ("Diensturen na 18:00 uur en in het weekend", 20, 21, IndicatorTrend.Toward),
            ("Avonden per week met een dienst tot 02:00 uur", 2, 2, IndicatorTrend.Unchanged),
        ], Indicators(sp2));

        // SP3 got no update at all between the briefings; meanwhile three of its milestones fell overdue.
        var sp3 = Of(february, "SP3");
        Assert.True(sp3.Changes!.NoUpdateSince);
        Assert.Null(sp3.Changes.Status);
        Assert.Equal(
        [
            (BecameOverdue, "Terugkoppelnorm voor melders vastgesteld", null, D(2022, 11, 15)),
            (BecameOverdue, "Eerste wijkbericht \"Handhaving in uw wijk\"", null, D(2023, 1, 15)),
            (BecameOverdue, "Prioriteiten online uitgelegd (wat wel, wat niet)", null, D(2023, 2, 1)),
        ], Milestones(sp3));
        Assert.Empty(sp3.Changes.Indicators);

        // SP4: status from orange to red, the new colleagues' training slipped from 1 December to 1 March.
        var sp4 = Of(february, "SP4");
        Assert.Equal(new StatusChange(Status.NeedsAttention, Status.Delayed), sp4.Changes!.Status);
        Assert.Equal(2, sp4.Changes.NewUpdates.Count);
        Assert.Equal(
        [
            (Slipped, "Nieuwe collega's gestart met boa-basisopleiding en Domein I", D(2022, 12, 1), D(2023, 3, 1)),
            (Completed, "Opleidings- en trainingsplan 2023 vastgesteld", null, D(2023, 1, 24)),
        ], Milestones(sp4));
        Assert.Equal(
        [
            ("Bezette formatie", 52, 52, IndicatorTrend.Unchanged),
            ("Medewerkers met geldige certificering", 88, 90, IndicatorTrend.Toward),
            ("Ziekteverzuim", 8.1, 8.4, IndicatorTrend.Away), // lower is better: up is away from the target
        ], Indicators(sp4));

        var is1 = Of(february, "IS1");
        Assert.Equal(new StatusChange(Status.NotStarted, Status.OnTrack), is1.Changes!.Status);
        Assert.Equal(
        [
            (Completed, "Gezamenlijke aanpak met horeca en politie vastgesteld", null, D(2022, 11, 30)),
            (Completed, "Extra inzet in de vrijdag- en zaterdagnacht rond Markt en Platielstraat", null, D(2023, 1, 27)),
        ], Milestones(is1));
        Assert.Equal([("Meldingen geluidsoverlast uitgaansgebied per maand", 118, 104, IndicatorTrend.Toward)], Indicators(is1));

        var is2 = Of(february, "IS2");
        Assert.Equal(new StatusChange(Status.NotStarted, Status.NeedsAttention), is2.Changes!.Status);
        Assert.Equal(
        [
            (Completed, "Handhavingsplan fietsparkeren en weesfietsen", null, D(2022, 12, 20)),
            (StateChanged, "Vaste controles rond station en Markt", null, null),
            (StateChanged, "Communicatie over de nieuwe fietsenstalling", null, null),
            (Slipped, "Communicatie over de nieuwe fietsenstalling", D(2023, 4, 1), D(2023, 9, 1)),
        ], Milestones(is2));
        Assert.Equal([("Fietsen op looproutes bij de telling", null, 310, IndicatorTrend.FirstMeasurement)], Indicators(is2));

        var stateChanges = february.Spearpoints.SelectMany(s => s.Changes!.Milestones).Where(m => m.Kind == StateChanged)
            .Select(m => (m.Title, m.OldState, m.NewState)).ToList();
        Assert.Contains(("Vaste controles rond station en Markt", Status.NotStarted, Status.NeedsAttention), stateChanges);
    }

    [Fact]
    public async Task Briefing_PutsDelayedAndNeedsAttentionFirst_WithCauseConsequenceAndCorrectiveAction()
    {
        await using var app = await TestApp.InMemoryAsync();

        var february = await BriefingAsync(app, DemoBriefings.February);

        Assert.Equal(["SP4", "IS2", "SP1", "SP2", "SP3", "IS1"], february.Spearpoints.Select(s => s.Summary.Code));
        var sp4 = february.Spearpoints[0];
        Assert.Equal(Status.Delayed, sp4.Summary.Status);
        Assert.StartsWith("In de hele regio is er een tekort aan boa's", sp4.Summary.Latest!.Cause);
        Assert.StartsWith("De formatie is niet voor de zomer op sterkte", sp4.Summary.Latest.Consequence);
        Assert.StartsWith("We werven ook zij-instromers", sp4.Summary.Latest.CorrectiveAction);
    }

    [Fact]
    public async Task FirstBriefing_ShowsTheStateOnItsDate_AsDemoDataDescribesIt_AndNoChanges()
    {
        await using var app = await TestApp.InMemoryAsync();

        var october = await BriefingAsync(app, DemoBriefings.October);

        Assert.Null(october.Previous);
        Assert.Equal(DemoBriefings.February, october.Next!.Date);
        Assert.All(october.Spearpoints, s => Assert.Null(s.Changes));
        Assert.Equal(["SP2", "SP4", "SP1", "SP3"], october.Spearpoints.Select(s => s.Summary.Code));
        // The demo plan as it stood on 11-10-2022, the first briefing: status, milestone states and due dates, indicator values.
        var expected = new Dictionary<string, (Status, Status[], double[])>
        {
            ["SP1"] = (Status.OnTrack, [Status.Done, Status.Done, Status.OnTrack, Status.NotStarted, Status.NotStarted], [15, 82]),
            ["SP2"] = (Status.NeedsAttention, [Status.Done, Status.NeedsAttention, Status.NotStarted, Status.NotStarted, Status.NotStarted], [20, 2]),
            ["SP3"] = (Status.OnTrack, [Status.OnTrack, Status.NotStarted, Status.NotStarted, Status.NotStarted, Status.NotStarted], [45, 3]),
            ["SP4"] = (Status.NeedsAttention, [Status.Done, Status.Done, Status.Delayed, Status.NotStarted, Status.NotStarted], [52, 88, 8.1]),
        };
        foreach (var (code, (status, states, values)) in expected)
        {
            var s = Of(october, code);
            Assert.Equal(status, s.Summary.Status);
            Assert.Equal(states, s.Milestones.Select(m => m.State));
            Assert.Equal(values, s.Indicators.Select(i => i.Latest!.Value));
        }
        var training = Of(october, "SP4").Milestones.Single(m => m.Title.StartsWith("Nieuwe collega's"));
        Assert.Equal((D(2022, 12, 1), false), (training.DueDate, training.IsSlipped));
    }

    [Theory]
    [InlineData(2022, 10, 11)]
    [InlineData(2023, 2, 14)]
    public async Task StateInTheBriefing_IsTheStateTheSpearpointPageShowsForThatPeildatum(int y, int m, int d)
    {
        await using var app = await TestApp.InMemoryAsync();
        var briefing = await BriefingAsync(app, D(y, m, d));
        var queries = app.Get<DashboardQueries>();

        foreach (var s in briefing.Spearpoints)
        {
            var page = (await queries.GetSpearpointAsync(s.Summary.Id, D(y, m, d)))!;
            Assert.Equal(page.Reference, briefing.Reference);
            Assert.Equal(page.Summary, s.Summary);
            Assert.Equal(page.Milestones, s.Milestones);
            Assert.Equal(page.Indicators.Select(i => (i.Id, i.Latest, string.Join(";", i.Measurements))),
                s.Indicators.Select(i => (i.Id, i.Latest, string.Join(";", i.Measurements))));
        }
    }

    [Fact]
    public async Task ABriefingStillToCome_ShowsTheStateSoFar_AndTheChangesSinceTheLastOne()
    {
        await using var app = await TestApp.InMemoryAsync(); // today is 24 November 2026; the plan ended in 2023
        await using (var db = app.CreateDb())
        {
            var plan = db.Plans.Single();
            db.Briefings.Add(new Briefing { PlanId = plan.Id, Date = D(2026, 12, 8), Title = "Terugblik", Audience = "Raad",
                Spearpoints = [.. db.Spearpoints.Where(s => s.Code == "IS2")] });
            await db.SaveChangesAsync();
        }

        var coming = await BriefingAsync(app, D(2026, 12, 8));

        Assert.True(coming.IsUpcoming);
        Assert.Equal((D(2023, 12, 31), false), (coming.Reference.Date, coming.Reference.IsExplicit));
        Assert.Equal(DemoBriefings.February, coming.Previous!.Date);
        Assert.Equal(new StatusChange(Status.NeedsAttention, Status.Done), Assert.Single(coming.Spearpoints).Changes!.Status);
        var list = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!;
        Assert.Equal([D(2026, 12, 8)], list.Coming.Select(b => b.Date));
    }

    [Fact]
    public async Task Briefings_ListsPastOnes_LatestFirst_WithTheirAgenda()
    {
        await using var app = await TestApp.InMemoryAsync();

        var list = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!;

        Assert.Empty(list.Coming);
        Assert.Equal([DemoBriefings.February, DemoBriefings.October], list.Past.Select(b => b.Date));
        Assert.Equal(["SP1", "SP2", "SP3", "SP4", "IS1", "IS2"], list.Past[0].Spearpoints.Select(s => s.Code));
        Assert.Equal("Domein Algemene Zaken", list.Past[0].Audience);
        Assert.Equal(6, list.PlanSpearpoints.Count);
    }

    [Fact]
    public async Task Briefings_ListEachAgenda_WithTheTitlesOfTheBriefingsDate_AsItsPageDoes()
    {
        await using var app = await TestApp.InMemoryAsync(); // today is 24 November 2026
        await using (var db = app.CreateDb())
        {
            // SP1 renamed today; a briefing still to come has it on its agenda.
            var sp1 = db.Spearpoints.Single(s => s.Code == "SP1");
            sp1.Title = "Informatiegestuurd handhaven, nieuwe titel";
            db.SpearpointRevisions.Add(SpearpointRevision.Of(sp1, "Test", app.Time.GetUtcNow().UtcDateTime));
            db.Briefings.Add(new Briefing { PlanId = sp1.PlanId, Date = D(2026, 12, 8), Title = "Terugblik", Audience = "Raad", Spearpoints = [sp1] });
            await db.SaveChangesAsync();
        }

        var list = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!;

        foreach (var header in list.Past.Concat(list.Coming))
        {
            var page = (await app.Get<BriefingQueries>().GetBriefingAsync(header.Id))!;
            Assert.Equal(page.Briefing.Spearpoints, header.Spearpoints);
        }
        Assert.DoesNotContain("nieuwe titel", list.Past[0].Spearpoints.Single(s => s.Code == "SP1").Title);
        Assert.Equal("Informatiegestuurd handhaven, nieuwe titel", Assert.Single(Assert.Single(list.Coming).Spearpoints).Title);
    }

    [Fact]
    public async Task UnknownBriefing_IsNull()
    {
        await using var app = await TestApp.InMemoryAsync();

        Assert.Null(await app.Get<BriefingQueries>().GetBriefingAsync(987654));
    }

    [Fact]
    public async Task Briefing_IsBuiltInAFixedNumberOfQueries_WhateverTheSizeOfTheHistory()
    {
        var now = new DateTimeOffset(2025, 12, 1, 10, 0, 0, TimeSpan.Zero);
        await using var small = await TestApp.InMemoryAsync(seedDemo: false, now: now);
        await using var big = await TestApp.InMemoryAsync(seedDemo: false, now: now);
        var smallId = await FillAsync(small, spearpoints: 1, milestones: 1, updates: 1);
        var bigId = await FillAsync(big, spearpoints: 10, milestones: 30, updates: 120);

        async Task<int> CountAsync(TestApp app, int id)
        {
            app.Queries.Reset();
            var detail = await app.Get<BriefingQueries>().GetBriefingAsync(id);
            Assert.NotNull(detail!.Previous);
            return app.Queries.Count;
        }

        var smallCount = await CountAsync(small, smallId);
        Assert.Equal(smallCount, await CountAsync(big, bigId));
        Assert.InRange(smallCount, 1, 10);
    }

    private static async Task<int> FillAsync(TestApp app, int spearpoints, int milestones, int updates)
    {
        var plan = new PlanBuilder(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var start = new DateTime(2025, 1, 2, 9, 0, 0, DateTimeKind.Utc);
        var all = new List<Spearpoint>();
        for (var s = 0; s < spearpoints; s++)
        {
            var sp = plan.Spearpoint($"S{s}");
            all.Add(sp);
            for (var u = 0; u < updates; u++)
            {
                Update(sp, (Status)(u % 4), start.AddHours(u * 50));
            }
            for (var m = 0; m < milestones; m++)
            {
                Milestone(sp, $"M{m}", new DateOnly(2025, 3, 1).AddDays(m), start,
                    (start.AddDays(100 + m), x => x.DueDate = x.DueDate.AddDays(30)),
                    (start.AddDays(200 + m), x => { x.State = Status.Done; x.CompletedOn = new DateOnly(2025, 9, 1); }));
            }
            var indicator = new Indicator { Name = "I", Unit = "%", Baseline = 1, Target = 2 };
            for (var i = 0; i < updates; i++)
            {
                indicator.Measurements.Add(new Measurement { Date = new DateOnly(2025, 1, 1).AddDays(i), Value = i % 100, Author = "Test", RecordedAt = start.AddDays(i) });
            }
            sp.Indicators.Add(indicator);
        }
        await using var db = app.CreateDb();
        var saved = await plan.SaveAsync(db);
        saved.Briefings.Add(new Briefing { Date = new DateOnly(2025, 4, 1), Title = "Eerste", Audience = "Raad", Spearpoints = [.. all] });
        var second = new Briefing { Date = new DateOnly(2025, 10, 1), Title = "Tweede", Audience = "Raad", Spearpoints = [.. all] };
        saved.Briefings.Add(second);
        await db.SaveChangesAsync();
        return second.Id;
    }
}
