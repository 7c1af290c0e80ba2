using System.Text.RegularExpressions;
using Dashboard.Cli;
using Dashboard.Components.Shared;
using Dashboard.Tests.Support;

namespace Dashboard.Tests;

/// <summary>
/// The README and the reference pages it links to (src/Dashboard/docs) keep their promises: every relative link
/// points at a file that exists (and at a heading that exists), and every command shown is a verb the app knows.
/// </summary>
[Trait("Category", "Fast")]
public partial class ReadmeTests
{
    private static readonly string Docs = Path.Combine(RepoRoot.Path, "src", "Dashboard", "docs");

    /// <summary>README.md and every markdown file reached from it by relative links.</summary>
    private static Dictionary<string, string> Pages { get; } = Reachable(Path.Combine(RepoRoot.Path, "README.md"));

    [Fact]
    public void EveryRelativeLink_PointsAtAFileThatExists()
    {
        Assert.True(Pages.Count > 1, "the README links to its reference pages");
        Assert.Empty(Pages.SelectMany(p => BrokenLinks(p.Key, p.Value)));
    }

    [Fact]
    public void EveryReferencePage_IsReachedFromTheReadme()
    {
        var pages = Directory.EnumerateFiles(Docs, "*.md", SearchOption.AllDirectories);
        Assert.Empty(pages.Where(p => !Pages.ContainsKey(Path.GetFullPath(p))).Select(Relative));
    }

    [Fact]
    public void EveryCommandShown_IsAVerbTheAppKnows_AndEveryVerbIsShown()
    {
        var shown = Pages.SelectMany(p => VerbsShown(p.Value).Select(v => (Page: Relative(p.Key), Verb: v))).ToList();

        Assert.Empty(shown.Where(s => !DashboardCommands.Verbs.Contains(s.Verb)).Select(s => $"{s.Page}: {s.Verb}"));
        Assert.Empty(DashboardCommands.Verbs.Except(shown.Select(s => s.Verb)));
    }

    [Fact]
    public void TheChecks_FindABrokenLink_AMissingHeading_AndAnUnknownVerb()
    {
        var dir = Directory.CreateTempSubdirectory("dashboard-readme-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "there.md"), "# Back-up, herstel & upgrades\n\n## Twice\n\n## Twice\n");
            var readme = Path.Combine(dir.FullName, "README.md");
            const string Text = """
                [fine](there.md), [fine too](there.md#back-up-herstel--upgrades), [second](./there.md#twice-1),
                [a folder](.), [web](https://example.org/missing.md), [mail](mailto:a@b.nl), [here](#readme)
                # README
                [gone](docs/missing.md) and ![no picture](.github/none.png "title")
                [no heading](there.md#restore) and [not here](#nowhere)
                `[in code](nowhere.md)`

                ```sh
                dotnet run --project src/Dashboard -- backup --out x.db
                dotnet run --project src/Dashboard -- bakup --out x.db
                dotnet run --project src/Dashboard -- --urls http://127.0.0.1:0
                dotnet run -c Release --project tests/Dashboard.Benchmarks -- --circuits 250
                [in a block](nowhere.md)
                ```
                and in a sentence `dotnet run --project src/Dashboard -- plans` or `dotnet Dashboard.dll restor --from x.db`.
                """;
            File.WriteAllText(readme, Text);

            Assert.Equal(
                ["docs/missing.md", ".github/none.png", "there.md#restore", "#nowhere"],
                BrokenLinks(readme, Text).Select(b => b.Split(" -> ")[1]));
            Assert.Equal(["backup", "bakup", "plans", "restor"], VerbsShown(Text));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Reachable(string start)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        var todo = new Stack<string>([Path.GetFullPath(start)]);
        while (todo.TryPop(out var page))
        {
            if (!File.Exists(page) || !pages.TryAdd(page, File.ReadAllText(page)))
            {
                continue;
            }
            foreach (var target in RelativeLinks(pages[page]).Select(l => Resolve(page, l).File).Where(f => f.EndsWith(".md", StringComparison.Ordinal)))
            {
                todo.Push(target);
            }
        }
        return pages;
    }

    /// <summary>"page -> link" for every relative link whose file, or whose heading in a markdown file, is not there.</summary>
    private static IEnumerable<string> BrokenLinks(string page, string text)
    {
        foreach (var link in RelativeLinks(text))
        {
            var (file, anchor) = Resolve(page, link);
            var found = anchor is null || !file.EndsWith(".md", StringComparison.Ordinal)
                ? File.Exists(file) || Directory.Exists(file)
                : File.Exists(file) && Anchors(File.ReadAllText(file)).Contains(anchor);
            if (!found)
            {
                yield return $"{Relative(page)} -> {link}";
            }
        }
    }

    /// <summary>The targets of inline links and images outside code, that name no scheme (http:, mailto:).</summary>
    private static IEnumerable<string> RelativeLinks(string text) =>
        InlineLink().Matches(CodeSpan().Replace(WithoutCodeBlocks(text), ""))
            .Select(m => m.Groups[1].Value)
            .Where(target => !Scheme().IsMatch(target));

    private static (string File, string? Anchor) Resolve(string page, string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(hash < 0 ? link : link[..hash]);
        var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
        return (file, hash < 0 ? null : link[(hash + 1)..]);
    }

    /// <summary>The anchors GitHub gives the headings: lower case, punctuation dropped, spaces as hyphens, -1, -2 for repeats.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(WithoutCodeBlocks(markdown)))
        {
            var slug = NotInAnchor().Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var anchor = slug;
            for (var n = 1; !anchors.Add(anchor); n++)
            {
                anchor = $"{slug}-{n}";
            }
        }
        return anchors;
    }

    /// <summary>The first word after "dotnet run … --project src/Dashboard … --" or "dotnet Dashboard.dll", where it is no option.</summary>
    private static List<string> VerbsShown(string text) =>
        AppCommand().Matches(text).Select(m => m.Groups["verb"].Value).Where(v => !v.StartsWith('-') && !v.StartsWith('<')).ToList();

    private static string WithoutCodeBlocks(string markdown) => CodeBlock().Replace(markdown, "");

    private static string Relative(string path) => Path.GetRelativePath(RepoRoot.Path, path);

    [GeneratedRegex(@"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+""[^""]*"")?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^```.*?^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^#{1,6}[ \t]+(.+?)[ \t#]*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Nd}\p{Mn} _-]")]
    private static partial Regex NotInAnchor();

    [GeneratedRegex(@"dotnet run\b[^\n`]*?--project src/Dashboard(?=\s)[^\n`]*?\s--\s+(?<verb>[^\s`]+)|dotnet Dashboard\.dll\s+(?<verb>[^\s`]+)")]
    private static partial Regex AppCommand();
}
