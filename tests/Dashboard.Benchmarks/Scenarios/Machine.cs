using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>The machine is shared: wait a while for other work to calm down before measuring.</summary>
public static class Machine
{
    public static double LoadAverage1()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception)
        {
            return 0;
        }
    }

    public static async Task WaitForQuietAsync(BenchOptions o, string what)
    {
        if (o.QuietWaitSeconds <= 0)
        {
            return;
        }
        var waited = Stopwatch.StartNew();
        while (LoadAverage1() > o.QuietLoad && waited.Elapsed.TotalSeconds < o.QuietWaitSeconds)
        {
            if (waited.Elapsed.TotalSeconds < 1)
            {
                Console.WriteLine($"[{what}] load average {LoadAverage1():F1} > {o.QuietLoad:F1}: waiting up to {o.QuietWaitSeconds} s for other work to calm down");
            }
            await Task.Delay(5000);
        }
        if (waited.Elapsed.TotalSeconds >= 1)
        {
            Console.WriteLine($"[{what}] waited {waited.Elapsed.TotalSeconds:F0} s; load average now {LoadAverage1():F1}");
        }
    }
}
