namespace Dashboard.Components.Progress;

/// <summary>
/// The value axis of a line chart: round tick values that hold every value, and where a value falls as a
/// percentage from the top. Percentages let the chart stretch to any width while its labels stay in CSS px.
/// </summary>
public sealed record ChartScale(double Low, double High, IReadOnlyList<double> Ticks)
{
    public static ChartScale For(IEnumerable<double> values, int intervals = 4)
    {
        var all = values.ToList();
        var (min, max) = all.Count == 0 ? (0d, 1d) : (all.Min(), all.Max());
        if (min == max)
        {
            (min, max) = min == 0 ? (0, 1) : (min - Math.Abs(min) * 0.1, max + Math.Abs(max) * 0.1);
        }
        var step = NiceStep((max - min) / intervals);
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        var count = (int)Math.Round((high - low) / step);
        return new ChartScale(low, high, Enumerable.Range(0, count + 1).Select(i => Math.Round(low + i * step, 10)).ToList());
    }

    /// <summary>How far down the plot <paramref name="value"/> lies, 0 at the top and 100 at the bottom.</summary>
    public double Top(double value) => (High - value) / (High - Low) * 100;

    /// <summary>How far along the plot point <paramref name="index"/> of <paramref name="count"/> lies, 0 to 100.</summary>
    public static double Left(int index, int count) => count <= 1 ? 50 : index * 100.0 / (count - 1);

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10) * magnitude;
    }
}
