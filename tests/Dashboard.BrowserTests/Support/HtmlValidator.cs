using System.Diagnostics;
using System.Text.Json;
using Dashboard.Tests.Support;

namespace Dashboard.BrowserTests.Support;

/// <summary>
/// The npm package html-validate (tests/html-validate, installed by `npm ci` there; .ci/run does it) run by
/// Node over a page's HTML. Without Node or the package the tests are skipped with the reason, unless
/// DASHBOARD_REQUIRE_BROWSER=1 (CI) demands every tool: then they fail.
/// </summary>
public static class HtmlValidator
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "tests", "html-validate");
    private static readonly string Cli = Path.Combine(Folder, "node_modules", "html-validate", "bin", "html-validate.mjs");

    /// <summary>
    /// Errors that come from MudBlazor's or Blazor's own output, not from our markup, each with the reason it
    /// is accepted. The one place to list them: every other error fails the test.
    /// </summary>
    public static readonly IReadOnlyList<(string Rule, string Contains, string Reason)> KnownForeign = [];

    public record Message(string RuleId, string Text, int Line, int Column, string? Selector);

    public static void SkipUnlessAvailable()
    {
        var missing = !File.Exists(Cli) ? $"html-validate not installed: run `npm ci` in {Folder}"
            : !CanRunNode() ? "node not found on PATH (apt-get install nodejs)" : null;
        if (missing is not null && Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1")
        {
            throw new InvalidOperationException(missing + "; DASHBOARD_REQUIRE_BROWSER=1 demands it.");
        }
        Skip.If(missing is not null, missing);
    }

    /// <summary>The errors html-validate reports for <paramref name="html"/>, less the known foreign ones.</summary>
    public static async Task<IReadOnlyList<Message>> ErrorsAsync(string html, string name)
    {
        var file = RepoRoot.Artifacts("html", name + ".html");
        await File.WriteAllTextAsync(file, html);
        // The report goes to a file: node may exit before a large report through a pipe is written out.
        var report = Path.ChangeExtension(file, ".json");
        File.Delete(report);
        var start = new ProcessStartInfo("node", [Cli, "--config", Path.Combine(Folder, ".htmlvalidate.json"), "--formatter", $"json={report}", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"html-validate exited with {process.ExitCode}: {await error}");
        }
        await output;
        var json = File.Exists(report) ? (await File.ReadAllTextAsync(report)).Trim() : "";
        if (json.Length == 0)
        {
            return [];
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("messages").EnumerateArray())
            .Where(m => m.GetProperty("severity").GetInt32() == 2)
            .Select(m => new Message(
                m.GetProperty("ruleId").GetString()!, m.GetProperty("message").GetString()!,
                m.GetProperty("line").GetInt32(), m.GetProperty("column").GetInt32(),
                m.TryGetProperty("selector", out var s) ? s.GetString() : null))
            .Where(m => !KnownForeign.Any(k => k.Rule == m.RuleId && (m.Text + " " + m.Selector).Contains(k.Contains, StringComparison.Ordinal)))
            .ToList();
    }

    private static bool CanRunNode()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true });
            p!.WaitForExit(10_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
