namespace Dashboard.Benchmarks.Scenarios;

public static class Stats
{
    /// <summary>Nearest-rank percentile; NaN for no values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double P50(this IReadOnlyList<double> v) => Percentile(v, 50);
    public static double P95(this IReadOnlyList<double> v) => Percentile(v, 95);
    public static double P99(this IReadOnlyList<double> v) => Percentile(v, 99);
    public static double Max(this IReadOnlyList<double> v) => v.Count == 0 ? double.NaN : Enumerable.Max(v);
}
