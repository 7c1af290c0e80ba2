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
