using Dashboard.Services;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Services;

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
}
