using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Support;

public static class Accessibility
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA: 2.1 AA is what Dutch government websites must meet, 2.2 AA what we hold to.</summary>
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>Runs axe-core on the page as it is now; fails listing each serious or critical violation with its elements.</summary>
    public static async Task AssertAccessibleAsync(this IPage page, string state)
    {
        var results = await page.RunAxe(Wcag21AA);
        var severe = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (severe.Count == 0)
        {
            return;
        }
        var report = new StringBuilder($"axe-core found {severe.Count} serious or critical violation(s) in {state} ({page.Url}):\n");
        foreach (var v in severe)
        {
            report.AppendLine($"- {v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes.Take(5))
            {
                report.AppendLine($"    {node.Target}: {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    report.AppendLine($"      {check.Message}");
                }
            }
        }
        await page.ScreenshotAsync("axe-" + string.Concat(state.Select(c => char.IsLetterOrDigit(c) ? c : '-')));
        Assert.Fail(report.ToString());
    }
}
