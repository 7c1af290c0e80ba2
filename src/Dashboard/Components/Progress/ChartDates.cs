using Dashboard.Common;

namespace Dashboard.Components.Progress;

/// <summary>
/// The dates under a chart, each with the narrowest axis on which it still shows without touching a neighbour. The axis
/// thins out by halves (every date, every second, every fourth, ...), the first and last date always stay, and the width
/// each step needs is worked out from the dates' own length, so no two labels collide at any width. CSS container queries
/// (app.css, <c>.x-from-N</c>) hide a date on an axis narrower than its step needs, in steps of two rem; where even the
/// first and last would touch, the last goes on a second line (<c>.x-stack-N</c>).
/// </summary>
public static class ChartDates
{
    /// <summary>A generous width per character of the 0.8 rem labels (digits are 0.55-0.64 em in the usual fonts), and the gap between two.</summary>
    private const double CharWidthRem = 0.8 * 0.66;
    private const double GapRem = 0.6;
    /// <summary>The CSS has a step for every two rem up to this; a date that would need more never shows between the ends.</summary>
    public const int MaxStepRem = 120;

    /// <summary>
    /// A date under the chart: <paramref name="FromRem"/> the narrowest axis it shows on (0: always), and for the last
    /// <paramref name="StackBelowRem"/> the axis below which it goes on a second line, as the first and last would touch.
    /// </summary>
    public sealed record Label(string Text, double Left, int FromRem, int StackBelowRem, bool IsFirst, bool IsLast);

    public static IReadOnlyList<Label> For(IReadOnlyList<DateOnly> points)
    {
        var dates = points.Select(Fmt.Date).ToList();
        var count = dates.Count;
        if (count == 0)
        {
            return [];
        }
        // The width the axis needs to show the dates at every stride-th place (and the last), for strides 1, 2, 4, ...;
        // a longer stride never needs more than a shorter one, so each date shows from the width of the shortest stride it is in.
        var strides = new List<(int Stride, double Needs)>();
        for (var stride = 1; ; stride *= 2)
        {
            strides.Add((stride, Needs(dates, Shown(count, stride))));
            if (stride >= count - 1)
            {
                break;
            }
        }
        for (var i = strides.Count - 2; i >= 0; i--)
        {
            strides[i] = strides[i] with { Needs = Math.Max(strides[i].Needs, strides[i + 1].Needs) };
        }

        var ends = count > 1 ? Step(strides[^1].Needs) : 0;
        return dates.Select((text, i) =>
        {
            var isEnd = i == 0 || i == count - 1;
            var fromRem = isEnd ? 0 : Step(strides.Where(s => Shown(count, s.Stride).Contains(i)).Select(s => s.Needs).DefaultIfEmpty(double.MaxValue).Min());
            var isLast = i == count - 1 && count > 1;
            return new Label(text, ChartScale.Left(i, count), fromRem, isLast ? ends : 0, i == 0 && count > 1, isLast);
        }).ToList();
    }

    /// <summary>The CSS step (every two rem) at or above <paramref name="rem"/>.</summary>
    private static int Step(double rem) => rem >= MaxStepRem ? MaxStepRem + 2 : (int)Math.Ceiling(rem / 2) * 2;

    /// <summary>Every stride-th date from the first, and the last; the one before the last goes when it would crowd it.</summary>
    private static List<int> Shown(int count, int stride)
    {
        var shown = Enumerable.Range(0, count).Where(i => i % stride == 0).ToList();
        if (shown[^1] != count - 1)
        {
            if (shown.Count > 1 && count - 1 - shown[^1] < (stride + 1) / 2)
            {
                shown.RemoveAt(shown.Count - 1);
            }
            shown.Add(count - 1);
        }
        return shown;
    }

    /// <summary>The axis width in rem at which no two of the shown dates touch: the first is set from the left edge, the last up to the right, the rest centred.</summary>
    private static double Needs(IReadOnlyList<string> dates, List<int> shown)
    {
        var count = dates.Count;
        var needs = 0d;
        for (var k = 1; k < shown.Count; k++)
        {
            var (a, b) = (shown[k - 1], shown[k]);
            var right = Width(dates[a]) * (a == 0 ? 1 : 0.5);
            var left = Width(dates[b]) * (b == count - 1 ? 1 : 0.5);
            var apart = (ChartScale.Left(b, count) - ChartScale.Left(a, count)) / 100;
            needs = Math.Max(needs, (right + left + GapRem) / apart);
        }
        return needs;
    }

    private static double Width(string text) => text.Length * CharWidthRem;
}
