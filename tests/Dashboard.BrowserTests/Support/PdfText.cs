using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Dashboard.BrowserTests.Support;

/// <summary>A PDF read back as text with poppler's pdftotext and pdfinfo (apt-get install poppler-utils).</summary>
public static class PdfText
{
    public static readonly bool Required = Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1";

    public static string? Tool => new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);

    /// <summary>Skips the test without pdftotext, or fails it when the browser tests are required.</summary>
    public static void Need()
    {
        Skip.If(Tool is null && !Required, "pdftotext not found (apt-get install poppler-utils)");
        Assert.True(Tool is not null, "pdftotext not found; DASHBOARD_REQUIRE_BROWSER=1 demands it (apt-get install poppler-utils)");
    }

    /// <summary>The whole document's text.</summary>
    public static string Text(string pdf) => Run("pdftotext", pdf, "-");

    /// <summary>Each page's text, in its layout.</summary>
    public static List<string> Pages(string pdf)
    {
        var count = int.Parse(Regex.Match(Run("pdfinfo", pdf), @"Pages:\s+(\d+)").Groups[1].Value);
        return Enumerable.Range(1, count).Select(p => Run("pdftotext", "-layout", "-f", $"{p}", "-l", $"{p}", pdf, "-")).ToList();
    }

    public static string PageSize(string pdf) =>
        Regex.Match(Run("pdfinfo", pdf), @"Page size:\s+[\d.]+ x [\d.]+ pts \((\w+)\)").Groups[1].Value;

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
