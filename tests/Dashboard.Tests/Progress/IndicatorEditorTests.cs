using Dashboard.Domain;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Progress;

[Trait("Category", Database.Category)]
public class IndicatorEditorTests
{
    [Fact]
    public async Task AddMeasurement_BecomesTheLatestValue_WithItsNote()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var sp4 = (await q.GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var fte = sp4.Indicators.Single(i => i.Unit == "fte");

        var result = await app.Get<IndicatorEditor>().AddMeasurementAsync(Actors.Manager(),
            new AddMeasurementCommand(sp4.Plan.Id, fte.Id, new DateOnly(2023, 12, 31), 57.5, "Na correctie"));

        Assert.True(result.Succeeded);
        var after = (await q.GetSpearpointAsync(sp4.Summary.Id, null))!.Indicators.Single(i => i.Id == fte.Id);
        Assert.Equal(fte.Measurements.Count + 1, after.Measurements.Count);
        Assert.Contains(after.Measurements, m => m is { Value: 57.5, Note: "Na correctie" });
    }

    [Fact]
    public async Task EditTargets_ChangesBaselineAndTarget()
    {
        await using var app = await TestApp.InMemoryAsync();
        var q = app.Get<DashboardQueries>();
        var sp4 = (await q.GetSpearpointAsync(await app.SpearpointIdAsync("SP4"), null))!;
        var sick = sp4.Indicators.Single(i => i.Name == "Ziekteverzuim");

        var result = await app.Get<IndicatorEditor>().EditAsync(Actors.Manager(), sick.Targets(sp4.Plan.Id, 8.4, 5.5));

        Assert.True(result.Succeeded);
        var after = (await q.GetSpearpointAsync(sp4.Summary.Id, null))!.Indicators.Single(i => i.Id == sick.Id);
        Assert.Equal((8.4, 5.5, sick.Version + 1), (after.Baseline, after.Target, after.Version));
    }
    [Fact]
    public async Task AddIndicator_WithItsFrequency_IsFlaggedOnceAMeasurementIsDue_AndEndedItIsNot()
    {
        await using var app = await TestApp.InMemoryAsync(seedDemo: false, now: new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var plan = (int)(await app.Get<PlanEditor>().CreateAsync(Actors.Manager(),
            new CreatePlanCommand("Plan", "Gemeente", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), null))).CreatedId!;
        var sp = (int)(await app.Get<SpearpointEditor>().AddAsync(Actors.Manager(),
            new AddSpearpointCommand(plan, "SP1", "Eerste", null, SpearpointKind.Development, null))).CreatedId!;
        var editor = app.Get<IndicatorEditor>();
        var q = app.Get<DashboardQueries>();

        var added = await editor.AddAsync(Actors.Manager(), new AddIndicatorCommand(plan, sp, "Meldingen", "aantal", 120, new DateOnly(2027, 1, 31), 80,
            IndicatorDirection.LowerIsBetter, MeasurementFrequency.Monthly));

        Assert.True(added.Succeeded);
        var indicator = (await q.GetSpearpointAsync(sp, null))!.Indicators.Single();
        Assert.Equal(("Meldingen", MeasurementFrequency.Monthly, new DateOnly(2027, 1, 31)), (indicator.Name, indicator.Frequency, indicator.BaselineDate));
        Assert.True(indicator.MeasurementDue); // a month after the baseline of 31 January, on 10 March
        Assert.False((await q.GetSpearpointAsync(sp, new DateOnly(2027, 2, 20)))!.Indicators.Any()); // not there before it was added

        await editor.AddMeasurementAsync(Actors.Manager(), new AddMeasurementCommand(plan, indicator.Id, new DateOnly(2027, 2, 28), 110, null));
        Assert.False((await q.GetSpearpointAsync(sp, null))!.Indicators.Single().MeasurementDue);

        var ended = await editor.EndAsync(Actors.Manager(), new EndIndicatorCommand(plan, indicator.Id, indicator.Version, "Niet meer te meten."));
        Assert.True(ended.Succeeded);
        var after = (await q.GetSpearpointAsync(sp, null))!.Indicators.Single();
        Assert.Equal((true, "Niet meer te meten.", false), (after.IsEnded, after.EndReason, after.MeasurementDue));
        var refused = await editor.AddMeasurementAsync(Actors.Manager(), new AddMeasurementCommand(plan, indicator.Id, new DateOnly(2027, 3, 1), 100, null));
        Assert.Equal("Indicator is beëindigd op 10-03-2027 en kan niet meer worden gewijzigd.", refused.ErrorFor("Indicator"));
    }
}
