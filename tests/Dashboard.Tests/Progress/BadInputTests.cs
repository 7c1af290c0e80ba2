using Dashboard.Briefings;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Progress;

/// <summary>
/// Bad input (empty, too long, control characters, values outside their list or the plan, ids of another plan): each
/// refused with a Dutch message naming the field, and no domain row changes (the refusal itself is appended to the audit
/// trail).
/// </summary>
[Trait("Category", Database.Category)]
public class BadInputTests
{
    private sealed record Ids(int PlanId, int OtherPlanId, SpearpointSummary Sp1, MilestoneView Open, IndicatorView Percent, IndicatorView Fte,
        string CouncilMemberId);

    private static async Task<(TestApp, Ids)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var overview = (await q.GetOverviewAsync(null, null))!;
        var sp4 = (await q.GetSpearpointAsync(overview.Development.Single(s => s.Code == "SP4").Id, null))!;
        var councilMember = await app.CreateUserAsync("raadslid@example.org", DashboardRoles.CouncilMember);
        await using var db = app.CreateDb();
        var other = new Plan { Name = "Ander plan", Organisation = "Elders", StartDate = new(2024, 1, 1), EndDate = new(2024, 12, 31) };
        db.Plans.Add(other);
        await db.SaveChangesAsync();
        return (app, new Ids(overview.Plan.Id, other.Id, overview.Development[0],
            sp4.Milestones.Single(m => m.State == Status.OnTrack),
            sp4.Indicators.Single(i => i.Unit == "%" && i.Name.StartsWith("Medewerkers")),
            sp4.Indicators.Single(i => i.Unit == "fte"), councilMember));
    }

    public static TheoryData<string> Cases => new()
    {
        "explanation-too-long", "explanation-1mb", "title-too-long", "title-newline", "explanation-control-char",
        "explanation-bidi-override", "cause-lone-surrogate", "status-outside-list", "status-cancelled-for-spearpoint",
        "status-empty-explanation", "due-before-plan", "due-after-plan", "due-year-one", "due-missing",
        "completed-in-future", "completed-before-plan", "measurement-in-future", "measurement-nan", "measurement-infinity",
        "percentage-over-100", "value-absurd", "baseline-negative-percentage", "milestone-state-outside-list",
        "milestone-state-done-via-edit", "move-direction-5", "cancel-without-reason", "spearpoint-of-another-plan",
        "milestone-of-another-plan", "indicator-of-another-plan", "unknown-spearpoint",
        "plan-name-empty", "plan-organisation-too-long", "plan-end-before-start", "plan-start-year-one", "plan-dates-missing",
        "plan-description-control-char", "plan-period-excludes-milestone", "unknown-plan",
        "spearpoint-code-duplicate", "spearpoint-code-too-long", "spearpoint-code-newline", "spearpoint-title-empty",
        "spearpoint-kind-outside-list", "spearpoint-owner-unknown", "spearpoint-owner-council-member", "spearpoint-edit-of-another-plan",
        "move-spearpoint-direction-0", "end-spearpoint-without-reason", "indicator-name-empty", "indicator-unit-too-long",
        "indicator-frequency-outside-list", "indicator-direction-outside-list", "indicator-baseline-date-after-plan",
        "indicator-target-nan", "indicator-baseline-over-100-percent", "end-indicator-without-reason",
        "follow-up-end-before-start", "follow-up-spearpoint-of-another-plan", "follow-up-name-empty",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefusedWithADutchMessageNamingTheField_AndNothingIsStored(string @case)
    {
        var (app, ids) = await StartAsync();
        await using var _ = app;
        var before = await DataSnapshot.TakeAsync(app);
        var audits = await DataSnapshot.AuditCountAsync(app);
        var me = Actors.Manager();
        var status = app.Get<StatusEditor>();
        var milestones = app.Get<MilestoneEditor>();
        var indicators = app.Get<IndicatorEditor>();
        var p = ids.PlanId;
        var sp = ids.Sp1;
        var m = ids.Open;
        StatusCommand Status(Status s = Domain.Status.OnTrack, string? e = "Toelichting", string? cause = null) =>
            new(p, sp.Id, sp.Version, s, e, cause, "Gevolg", "Bijsturing");
        var plans = app.Get<PlanEditor>();
        var spearpoints = app.Get<SpearpointEditor>();
        var followUps = app.Get<FollowUpPlans>();
        CreatePlanCommand NewPlan() => new("Jaarplan 2024", "Gemeente Maastricht", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null);
        EditPlanCommand EditPlan(DateOnly start, DateOnly end) => new(p, 0, "Jaarplan", "Gemeente Maastricht", start, end, null);
        AddSpearpointCommand NewSpearpoint() => new(p, "SP9", "Nieuw speerpunt", null, SpearpointKind.Substantive, null);
        AddIndicatorCommand NewIndicator() => new(p, sp.Id, "Nieuwe indicator", "aantal", 1, null, 10, IndicatorDirection.HigherIsBetter, MeasurementFrequency.Quarterly);
        FollowUpPlanCommand FollowUp() => new(p, "Jaarplan 2024", "Gemeente Maastricht", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), null, null);

        var (result, field, words) = @case switch
        {
            "explanation-too-long" => (await status.SaveStatusAsync(me, Status(e: new string('a', 4001))), "Explanation", "Toelichting is te lang"),
            "explanation-1mb" => (await status.SaveStatusAsync(me, Status(e: new string('x', 1024 * 1024))), "Explanation", "Toelichting is te lang"),
            "title-too-long" => (await milestones.AddAsync(me, new AddMilestoneCommand(p, sp.Id, new string('t', 201), new DateOnly(2023, 6, 1))), "Title", "Titel is te lang"),
            "title-newline" => (await milestones.AddAsync(me, new AddMilestoneCommand(p, sp.Id, "Twee\nregels", new DateOnly(2023, 6, 1))), "Title", "Titel moet één regel zijn"),
            "explanation-control-char" => (await status.SaveStatusAsync(me, Status(e: "Bel\u0007letje")), "Explanation", "Toelichting bevat tekens die niet zijn toegestaan"),
            "explanation-bidi-override" => (await status.SaveStatusAsync(me, Status(e: "abc\u202Efed")), "Explanation", "Toelichting bevat tekens"),
            "cause-lone-surrogate" => (await status.SaveStatusAsync(me, Status(Domain.Status.Delayed, cause: "half \uD800 teken")), "Cause", "Oorzaak bevat tekens"),
            "status-outside-list" => (await status.SaveStatusAsync(me, Status((Status)42)), "Status", "Status heeft een waarde die niet in de lijst staat"),
            "status-cancelled-for-spearpoint" => (await status.SaveStatusAsync(me, Status(Domain.Status.Cancelled)), "Status", "Status heeft een waarde die niet in de lijst staat"),
            "status-empty-explanation" => (await status.SaveStatusAsync(me, Status(e: "   ")), "Explanation", "Toelichting is verplicht"),
            "due-before-plan" => (await milestones.AddAsync(me, new AddMilestoneCommand(p, sp.Id, "Te vroeg", new DateOnly(2021, 12, 31))), "DueDate", "Geplande datum moet liggen tussen 01-01-2022 en 31-12-2023"),
            "due-after-plan" => (await milestones.EditAsync(me, new EditMilestoneCommand(p, m.Id, m.Version, m.Title, new DateOnly(2024, 1, 1), m.State)), "DueDate", "Geplande datum moet liggen tussen"),
            "due-year-one" => (await milestones.AddAsync(me, new AddMilestoneCommand(p, sp.Id, "Jaar 1", DateOnly.MinValue)), "DueDate", "Geplande datum moet liggen tussen"),
            "due-missing" => (await milestones.AddAsync(me, new AddMilestoneCommand(p, sp.Id, "Geen datum", null)), "DueDate", "Geplande datum is verplicht"),
            "completed-in-future" => (await milestones.CompleteAsync(me, new CompleteMilestoneCommand(p, m.Id, m.Version, new DateOnly(2026, 11, 25))), "CompletedOn", "Datum gereed moet liggen tussen 01-01-2022 en 24-11-2026"),
            "completed-before-plan" => (await milestones.CompleteAsync(me, new CompleteMilestoneCommand(p, m.Id, m.Version, new DateOnly(2021, 6, 1))), "CompletedOn", "Datum gereed moet liggen tussen"),
            "measurement-in-future" => (await indicators.AddMeasurementAsync(me, new AddMeasurementCommand(p, ids.Fte.Id, new DateOnly(2024, 3, 31), 50, null)), "Date", "Datum moet liggen tussen 01-01-2022 en 31-12-2023"),
            "measurement-nan" => (await indicators.AddMeasurementAsync(me, new AddMeasurementCommand(p, ids.Fte.Id, new DateOnly(2023, 3, 31), double.NaN, null)), "Value", "Waarde moet een getal zijn"),
            "measurement-infinity" => (await indicators.AddMeasurementAsync(me, new AddMeasurementCommand(p, ids.Fte.Id, new DateOnly(2023, 3, 31), double.PositiveInfinity, null)), "Value", "Waarde moet een getal zijn"),
            "percentage-over-100" => (await indicators.AddMeasurementAsync(me, new AddMeasurementCommand(p, ids.Percent.Id, new DateOnly(2023, 3, 31), 101, null)), "Value", "Waarde moet liggen tussen 0 en 100"),
            "value-absurd" => (await indicators.AddMeasurementAsync(me, new AddMeasurementCommand(p, ids.Fte.Id, new DateOnly(2023, 3, 31), 1e12, null)), "Value", "Waarde moet liggen tussen"),
            "baseline-negative-percentage" => (await indicators.EditAsync(me, ids.Percent.Targets(p, -5, 100)), "Baseline", "Nulmeting moet liggen tussen 0 en 100"),
            "milestone-state-outside-list" => (await milestones.EditAsync(me, new EditMilestoneCommand(p, m.Id, m.Version, m.Title, m.DueDate, (Status)99)), "State", "Stand heeft een waarde die niet in de lijst staat"),
            "milestone-state-done-via-edit" => (await milestones.EditAsync(me, new EditMilestoneCommand(p, m.Id, m.Version, m.Title, m.DueDate, Domain.Status.Done)), "State", "Stand heeft een waarde die niet in de lijst staat"),
            "move-direction-5" => (await milestones.MoveAsync(me, new MoveMilestoneCommand(p, m.Id, m.Version, 5)), "Direction", "Richting heeft een waarde die niet in de lijst staat"),
            "cancel-without-reason" => (await milestones.CancelAsync(me, new CancelMilestoneCommand(p, m.Id, m.Version, "")), "CancelReason", "Reden is verplicht"),
            "spearpoint-of-another-plan" => (await status.SaveStatusAsync(me, Status() with { PlanId = ids.OtherPlanId }), "Spearpoint", "Speerpunt bestaat niet (meer) in dit plan"),
            "milestone-of-another-plan" => (await milestones.CompleteAsync(me, new CompleteMilestoneCommand(ids.OtherPlanId, m.Id, m.Version, new DateOnly(2023, 6, 1))), "Milestone", "Mijlpaal bestaat niet (meer) in dit plan"),
            "indicator-of-another-plan" => (await indicators.AddMeasurementAsync(me, new AddMeasurementCommand(ids.OtherPlanId, ids.Fte.Id, new DateOnly(2023, 3, 31), 50, null)), "Indicator", "Indicator bestaat niet (meer) in dit plan"),
            "unknown-spearpoint" => (await milestones.AddAsync(me, new AddMilestoneCommand(p, 987654, "Weeskind", new DateOnly(2023, 6, 1))), "Spearpoint", "Speerpunt bestaat niet (meer) in dit plan"),
            "plan-name-empty" => (await plans.CreateAsync(me, NewPlan() with { Name = " " }), "Name", "Naam is verplicht"),
            "plan-organisation-too-long" => (await plans.CreateAsync(me, NewPlan() with { Organisation = new string('o', 201) }), "Organisation", "Organisatie is te lang"),
            "plan-end-before-start" => (await plans.CreateAsync(me, NewPlan() with { EndDate = new DateOnly(2023, 12, 31) }), "EndDate", "Einddatum moet gelijk zijn aan of later zijn dan Begindatum"),
            "plan-start-year-one" => (await plans.CreateAsync(me, NewPlan() with { StartDate = DateOnly.MinValue }), "StartDate", "Begindatum moet liggen tussen 01-01-2000 en 31-12-2100"),
            "plan-dates-missing" => (await plans.CreateAsync(me, NewPlan() with { StartDate = null }), "StartDate", "Begindatum is verplicht"),
            "plan-description-control-char" => (await plans.CreateAsync(me, NewPlan() with { Description = "Bel\u0007letje" }), "Description", "Omschrijving bevat tekens"),
            "plan-period-excludes-milestone" => (await plans.EditAsync(me, EditPlan(new DateOnly(2022, 7, 1), new DateOnly(2023, 12, 31))), "StartDate", "Begindatum: mijlpaal ‘Nulmeting meldingsstromen"),
            "unknown-plan" => (await plans.EditAsync(me, EditPlan(new DateOnly(2022, 1, 1), new DateOnly(2023, 12, 31)) with { PlanId = 987654 }), "Plan", "Plan bestaat niet (meer)"),
            "spearpoint-code-duplicate" => (await spearpoints.AddAsync(me, NewSpearpoint() with { Code = "sp1" }), "Code", "Code sp1 bestaat al in dit plan"),
            "spearpoint-code-too-long" => (await spearpoints.AddAsync(me, NewSpearpoint() with { Code = new string('C', 21) }), "Code", "Code is te lang"),
            "spearpoint-code-newline" => (await spearpoints.AddAsync(me, NewSpearpoint() with { Code = "SP\n9" }), "Code", "Code moet één regel zijn"),
            "spearpoint-title-empty" => (await spearpoints.AddAsync(me, NewSpearpoint() with { Title = "" }), "Title", "Titel is verplicht"),
            "spearpoint-kind-outside-list" => (await spearpoints.AddAsync(me, NewSpearpoint() with { Kind = (SpearpointKind)7 }), "Kind", "Soort heeft een waarde die niet in de lijst staat"),
            "spearpoint-owner-unknown" => (await spearpoints.AddAsync(me, NewSpearpoint() with { OwnerId = "niemand" }), "OwnerId", "Eigenaar moet een actief account van een manager of beheerder zijn"),
            "spearpoint-owner-council-member" => (await spearpoints.AddAsync(me, NewSpearpoint() with { OwnerId = ids.CouncilMemberId }), "OwnerId", "Eigenaar moet een actief account"),
            "spearpoint-edit-of-another-plan" => (await spearpoints.EditAsync(me, new EditSpearpointCommand(ids.OtherPlanId, sp.Id, sp.Version, "SP1", "Titel", null, SpearpointKind.Development, null)), "Spearpoint", "Speerpunt bestaat niet (meer) in dit plan"),
            "move-spearpoint-direction-0" => (await spearpoints.MoveAsync(me, new MoveSpearpointCommand(p, sp.Id, 0)), "Direction", "Richting heeft een waarde die niet in de lijst staat"),
            "end-spearpoint-without-reason" => (await spearpoints.EndAsync(me, new EndSpearpointCommand(p, sp.Id, sp.Version, "  ")), "Reason", "Reden is verplicht"),
            "indicator-name-empty" => (await indicators.AddAsync(me, NewIndicator() with { Name = null }), "Name", "Naam is verplicht"),
            "indicator-unit-too-long" => (await indicators.AddAsync(me, NewIndicator() with { Unit = new string('u', 41) }), "Unit", "Eenheid is te lang"),
            "indicator-frequency-outside-list" => (await indicators.AddAsync(me, NewIndicator() with { Frequency = (MeasurementFrequency)9 }), "Frequency", "Meetfrequentie heeft een waarde die niet in de lijst staat"),
            "indicator-direction-outside-list" => (await indicators.AddAsync(me, NewIndicator() with { Direction = (IndicatorDirection)9 }), "Direction", "Richting heeft een waarde die niet in de lijst staat"),
            "indicator-baseline-date-after-plan" => (await indicators.AddAsync(me, NewIndicator() with { BaselineDate = new DateOnly(2024, 1, 1) }), "BaselineDate", "Datum nulmeting moet liggen tussen 01-01-2000 en 31-12-2023"),
            "indicator-target-nan" => (await indicators.AddAsync(me, NewIndicator() with { Target = double.NaN }), "Target", "Streefwaarde moet een getal zijn"),
            "indicator-baseline-over-100-percent" => (await indicators.EditAsync(me, ids.Percent.Targets(p, 101, 100)), "Baseline", "Nulmeting moet liggen tussen 0 en 100"),
            "end-indicator-without-reason" => (await indicators.EndAsync(me, new EndIndicatorCommand(p, ids.Fte.Id, ids.Fte.Version, null)), "Reason", "Reden is verplicht"),
            "follow-up-end-before-start" => (await followUps.CreateAsync(me, FollowUp() with { EndDate = new DateOnly(2023, 6, 1) }), "EndDate", "Einddatum moet gelijk zijn aan of later zijn dan Begindatum"),
            "follow-up-spearpoint-of-another-plan" => (await followUps.CreateAsync(me, FollowUp() with { SpearpointIds = [sp.Id, 987654] }), "SpearpointIds", "Speerpunten bestaat niet (meer) in dit plan"),
            "follow-up-name-empty" => (await followUps.CreateAsync(me, FollowUp() with { Name = "" }), "Name", "Naam is verplicht"),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };

        Assert.False(result.Succeeded);
        Assert.StartsWith(words, result.ErrorFor(field));
        Assert.Equal(before, await DataSnapshot.TakeAsync(app));
        Assert.Equal(audits + 1, await DataSnapshot.AuditCountAsync(app));
    }

    [Fact]
    public async Task BadInput_OneMegabyte_IsNotCopiedWhole_IntoTheAudit()
    {
        var (app, ids) = await StartAsync();
        await using var _ = app;

        await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(ids.PlanId, ids.Sp1.Id, ids.Sp1.Version, Status.OnTrack, new string('x', 1024 * 1024)));

        await using var db = app.CreateDb();
        var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(AuditResult.Refused, audit.Result);
        Assert.InRange(audit.NewValues!.Length, 100, 2000);
        Assert.Contains("1048576 tekens", audit.NewValues);
    }

    [Fact]
    public async Task StoredText_IsKeptExactlyAsTyped_MarkupIncluded()
    {
        var (app, ids) = await StartAsync();
        await using var _ = app;
        const string text = "<script>alert('x')</script> & <b>vet</b>\nTweede regel";

        var result = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(ids.PlanId, ids.Sp1.Id, ids.Sp1.Version, Status.OnTrack, text));

        Assert.True(result.Succeeded);
        var detail = (await app.Get<DashboardQueries>().GetSpearpointAsync(ids.Sp1.Id, null))!;
        Assert.Equal(text, detail.Summary.Latest!.Explanation);
    }
}
