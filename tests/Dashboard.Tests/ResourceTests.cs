using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.Domain;
using Dashboard.Tests.Support;

namespace Dashboard.Tests;

/// <summary>All UI text comes from the resource files, in both languages, with the same placeholders.</summary>
[Trait("Category", "Fast")]
public partial class ResourceTests
{
    private static readonly string Source = Path.Combine(RepoRoot.Path, "src", "Dashboard");

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Source, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static readonly Dictionary<string, string> Dutch = Load("SharedResource.resx");
    private static readonly Dictionary<string, string> English = Load("SharedResource.en.resx");

    [Fact]
    public void BothLanguages_HaveTheSameKeys_AndNoEmptyText()
    {
        Assert.Empty(Dutch.Keys.Except(English.Keys));
        Assert.Empty(English.Keys.Except(Dutch.Keys));
        Assert.Empty(Dutch.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        Assert.Empty(English.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void BothLanguages_UseTheSamePlaceholders()
    {
        var mismatched = Dutch.Keys
            .Where(k => !Placeholders(Dutch[k]).SetEquals(Placeholders(English[k])))
            .ToList();
        Assert.Empty(mismatched);
    }

    [Fact]
    public void EveryKeyTheCodeAsksFor_Exists()
    {
        var used = SourceFiles()
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !Dutch.ContainsKey(u.Key)).Select(u => $"{u.File}: {u.Key}"));

        var counted = SourceFiles()
            .SelectMany(f => CountedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(counted);
        Assert.Empty(counted.Where(u => !Dutch.ContainsKey(u.Key + ".Singular") || !Dutch.ContainsKey(u.Key + ".Plural"))
            .Select(u => $"{u.File}: {u.Key}"));
    }

    [Fact]
    public void CountedMessages_HaveASingularAndAPlural_AndNoTextWritesBothInOne()
    {
        foreach (var texts in new[] { Dutch, English })
        {
            var singular = texts.Keys.Where(k => k.EndsWith(".Singular")).Select(k => k[..^".Singular".Length]).ToHashSet();
            var plural = texts.Keys.Where(k => k.EndsWith(".Plural")).Select(k => k[..^".Plural".Length]).ToHashSet();
            Assert.NotEmpty(singular);
            Assert.Equal(singular.Order(), plural.Order());
            // "speerpunt(en)", "indicator(s)", "mijlpaal/mijlpalen": a count is written as a person writes it.
            Assert.Empty(texts.Where(kv => BothForms().IsMatch(kv.Value)).Select(kv => $"{kv.Key}: {kv.Value}"));
        }
    }

    [Fact]
    public void EveryStatus_HasAWord()
    {
        Assert.All(Enum.GetValues<Status>(), s => Assert.True(Dutch.ContainsKey($"Status.{s}"), $"Status.{s}"));
    }

    [Fact]
    public void EveryAuditedAction_HasALabel()
    {
        var actions = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("Migrations"))
            .SelectMany(f => AuditAction().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(actions);
        var missing = actions.Where(a => !Dutch.ContainsKey($"Audit.Action.{a}")).ToList();
        Assert.True(missing.Count == 0, "No label for: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> SourceFiles() => Directory.EnumerateFiles(Source, "*.*", SearchOption.AllDirectories)
        .Where(f => f.EndsWith(".razor") || f.EndsWith(".cs"))
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\b(?:L|localizer)\[\s*""([^""]+)""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"\.Count(?:Of)?\(\s*\$?""([^""{]+)""")]
    private static partial Regex CountedKey();

    [GeneratedRegex(@"\w\((?:en|s|n|e)\)|\bmijlpaal/mijlpalen\b|\w/\w+en\b")]
    private static partial Regex BothForms();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:const string [Aa]ction = |Action = )""(\w+)""")]
    private static partial Regex AuditAction();
}
