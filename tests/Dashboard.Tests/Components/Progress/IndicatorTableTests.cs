using Bunit;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class IndicatorTableTests : ComponentTestBase
{
    private static IndicatorView I(int id, string name, MeasurementFrequency frequency, bool due = false, DateTime? ended = null) =>
        new(id, name, "%", 10, 50, IndicatorDirection.HigherIsBetter, new MeasurementView(new DateOnly(2023, 6, 30), 30, null), [], 1,
            frequency, null, ended, ended is null ? null : "Niet meer gemeten", due);

    [Fact]
    public void Table_ShowsTheFrequency_FlagsADueMeasurement_AndMarksAnEndedIndicator()
    {
        RenderFragment<IndicatorView> actions = i => b => b.AddMarkupContent(0, $"<button class=\"act\">{i.Name}</button>");
        var cut = Render<IndicatorTable>(p => p
            .Add(c => c.Indicators, new[]
            {
                I(1, "Op tijd", MeasurementFrequency.Monthly, due: true),
                I(2, "Tevreden", MeasurementFrequency.Yearly),
                I(3, "Oud", MeasurementFrequency.Quarterly, ended: new DateTime(2023, 5, 1, 10, 0, 0, DateTimeKind.Utc)),
            })
            .Add(c => c.RowActions, actions));

        var rows = cut.FindAll("tbody tr");
        Assert.Contains("Maandelijks", rows[0].TextContent);
        Assert.Contains("Jaarlijks", rows[1].TextContent);
        Assert.Contains("Nieuwe meting nodig", rows[0].QuerySelector(".measurement-due")!.TextContent);
        Assert.NotNull(rows[0].QuerySelector(".measurement-due svg"));
        Assert.Null(rows[1].QuerySelector(".measurement-due"));
        Assert.Contains("Beëindigd op 01-05-2023", rows[2].QuerySelector(".indicator-ended")!.TextContent);
        Assert.Null(rows[2].QuerySelector(".measurement-due"));
    }
}
