using Bunit;
using Dashboard.Common;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class IndicatorChartTests : ComponentTestBase
{
    private static readonly ReferencePoint February = new(new DateOnly(2023, 2, 14), true, new DateTime(2023, 2, 14, 23, 0, 0, DateTimeKind.Utc));

    private static IndicatorView Sick(params double[] values)
    {
        DateOnly[] quarterEnds = [new(2022, 6, 30), new(2022, 9, 30), new(2022, 12, 31)];
        var measured = values.Select((v, i) => new MeasurementView(quarterEnds[i], v, null)).ToList();
        return new IndicatorView(3, "Ziekteverzuim", "%", 8.5, 6, IndicatorDirection.LowerIsBetter, measured.LastOrDefault(), measured, 1);
    }

    [Fact]
    public void Dates_KeepTheEnds_AndThinOutByHalves_TheCoarserTheNarrower()
    {
        var quarters = Enumerable.Range(0, 13).Select(i => new DateOnly(2022, 3, 31).AddMonths(3 * i)).ToList();

        var labels = ChartDates.For(quarters);

        Assert.Equal("31-03-2022", labels[0].Text);
        Assert.Equal((0, true, 0), (labels[0].FromRem, labels[0].IsFirst, labels[0].StackBelowRem));
        Assert.Equal((0, true), (labels[^1].FromRem, labels[^1].IsLast));
        // The two ends alone fit on an axis of two dates and a gap (about 12 rem); below that the last goes under the first.
        Assert.InRange(labels[^1].StackBelowRem, 10, 16);
        // Every fourth date shows before every second, every second before the rest.
        var between = labels.Skip(1).SkipLast(1).Select((l, i) => (Index: i + 1, l.FromRem)).ToList();
        Assert.True(between.Where(l => l.Index % 4 == 0).Max(l => l.FromRem) <= between.Where(l => l.Index % 2 == 1).Min(l => l.FromRem));
        Assert.True(between.Where(l => l.Index % 2 == 0 && l.Index % 4 != 0).Max(l => l.FromRem) <= between.Where(l => l.Index % 2 == 1).Min(l => l.FromRem));
        Assert.All(between, l => Assert.True(l.FromRem > labels[^1].StackBelowRem));
    }

    [Fact]
    public void Dates_OfASingleMeasurement_IsOneCentredDate()
    {
        var label = Assert.Single(ChartDates.For([new DateOnly(2022, 6, 30)]));

        Assert.Equal((50d, 0, 0, false, false), (label.Left, label.FromRem, label.StackBelowRem, label.IsFirst, label.IsLast));
    }

    [Fact]
    public void Chart_DrawsActualBaselineAndTarget_AsThreeLinesInDifferentPatterns_NamedInTheLegend()
    {
        var cut = Render<IndicatorChart>(p => p.Add(c => c.Indicator, Sick(8.5, 8.1, 8.4)).Add(c => c.Reference, February));

        var lines = cut.FindAll("polyline.chart-line");
        Assert.Equal(3, lines.Count);
        Assert.Equal([IndicatorChart.ActualColour, IndicatorChart.BaselineColour, IndicatorChart.TargetColour], lines.Select(l => l.GetAttribute("stroke")));
        var legend = cut.FindAll(".indicator-chart-legend li");
        Assert.Equal(["Realisatie", "Nulmeting", "Streefwaarde"], legend.Select(l => l.TextContent.Trim()));
        Assert.Equal(["none", "10 6", "3 4"], legend.Select(l => l.QuerySelector("line")!.GetAttribute("stroke-dasharray")));
    }

    [Fact]
    public void Chart_SaysTheValueOnTheReferenceDate_AndOffersTheValuesAsATable()
    {
        var cut = Render<IndicatorChart>(p => p.Add(c => c.Indicator, Sick(8.5, 8.1, 8.4)).Add(c => c.Reference, February));

        Assert.Contains("(lager is beter)", cut.Find("figcaption").TextContent);
        Assert.Equal("Ziekteverzuim (lager is beter) Realisatie 8,4% op 31-12-2022 (nulmeting 8,5%, streefwaarde 6%).", cut.Find("figcaption").TextContent.Trim());
        Assert.Equal("true", cut.Find(".indicator-chart-plot").GetAttribute("aria-hidden"));
        var rows = cut.FindAll(".indicator-chart-table tbody tr");
        Assert.Equal(["30-06-2022 8,5%", "30-09-2022 8,1%", "31-12-2022 8,4%"],
            rows.Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))));
    }

    [Fact]
    public void Chart_WithoutMeasurements_SaysSo_AndDrawsNothing()
    {
        var cut = Render<IndicatorChart>(p => p.Add(c => c.Indicator, Sick()).Add(c => c.Reference, February));

        Assert.Contains("Op 14 februari 2023 nog niet gemeten", cut.Markup);
        Assert.Empty(cut.FindAll("svg.chart-svg"));
    }
}
