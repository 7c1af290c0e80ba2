using System.Diagnostics;
using System.Text.Json;
using Dashboard.ApiTests.Support;
using Dashboard.Tests.Support;
using Xunit.Abstractions;

namespace Dashboard.ApiTests;

/// <summary>
/// Redocly CLI (tests/openapi-lint, pinned there and installed by `npm ci` in .ci/run) over the document the real app
/// serves, with its recommended rules less those switched off in redocly.yaml, each with its reason: no error and no
/// warning. Without Node or the package the test is skipped with the reason, unless DASHBOARD_REQUIRE_BROWSER=1 (CI).
/// </summary>
[Trait("Category", "Api")]
public class OpenApiLintTests(ApiServer app, ITestOutputHelper output) : IClassFixture<ApiServer>
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "tests", "openapi-lint");
    private static readonly string Cli = Path.Combine(Folder, "node_modules", "@redocly", "cli", "bin", "cli.js");

    [SkippableFact]
    public async Task TheServedDocument_PassesTheLinter_WithoutErrorsOrWarnings()
    {
        SkipUnlessAvailable();
        using var http = app.Client(null);
        var file = RepoRoot.Artifacts("openapi", "v1.json");
        await File.WriteAllTextAsync(file, await http.GetStringAsync("/openapi/v1.json"));

        var start = new ProcessStartInfo("node", [Cli, "lint", file, "--config", Path.Combine(Folder, "redocly.yaml"), "--format", "json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var report = await stdout;
        output.WriteLine(report);
        Assert.True(process.ExitCode is 0 or 1, $"redocly lint exited with {process.ExitCode}:\n{await stderr}");

        // Exit code 0 still allows warnings: the totals must say none, and every problem is named in the failure.
        using var json = JsonDocument.Parse(report);
        var problems = json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}"
                + $" at {string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()))}")
            .ToList();
        Assert.Empty(problems);
        var totals = json.RootElement.GetProperty("totals");
        Assert.Equal((0, 0), (totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32()));
    }

    private static void SkipUnlessAvailable()
    {
        var missing = !File.Exists(Cli) ? $"@redocly/cli not installed: run `npm ci` in {Folder}" : !CanRunNode() ? "node not found on PATH (apt-get install nodejs)" : null;
        if (missing is not null && Environment.GetEnvironmentVariable("DASHBOARD_REQUIRE_BROWSER") == "1")
        {
            throw new InvalidOperationException(missing + "; DASHBOARD_REQUIRE_BROWSER=1 demands it.");
        }
        Skip.If(missing is not null, missing);
    }

    private static bool CanRunNode()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true });
            p!.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
