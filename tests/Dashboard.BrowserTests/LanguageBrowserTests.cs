using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dashboard.BrowserTests.Support;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests;

/// <summary>Dutch by default, English second: every page in both, nothing untranslated, the choice remembered.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public partial class LanguageBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    /// <summary>Dutch interface texts that differ from their English translation (longer than a short word).</summary>
    private static readonly IReadOnlyList<string> DutchOnlyTexts = LoadDutchOnlyTexts();

    /// <summary>The page's text without the plan's own (Dutch) content, which is marked lang="nl".</summary>
    private const string InterfaceTextScript = """
        () => {
            const hidden = [...document.querySelectorAll('body [lang="nl"]')];
            hidden.forEach(e => e.style.setProperty('display', 'none', 'important'));
            const text = document.body.innerText;
            hidden.forEach(e => e.style.removeProperty('display'));
            return text;
        }
        """;

    public static TheoryData<string> Routes() => new(AppRoutes.Templates);

    [SkippableTheory]
    [MemberData(nameof(Routes))]
    public async Task EveryPage_InEnglish_HasNoUntranslatedKeyAndNoDutchInterfaceText(string route)
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin, "en-GB");
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));

        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        var text = await page.EvaluateAsync<string>(InterfaceTextScript);
        Assert.Empty(ResourceKey().Matches(text).Select(m => m.Value));
        var dutchLeft = DutchOnlyTexts.Where(d => Regex.IsMatch(text, $@"(?<!\w){Regex.Escape(d)}(?!\w)")).ToList();
        Assert.True(dutchLeft.Count == 0, $"Dutch interface text on the English page {route}: {string.Join(" | ", dutchLeft)}");
    }

    [SkippableTheory]
    [MemberData(nameof(Routes))]
    public async Task EveryPage_InDutch_HasNoUntranslatedKey(string route)
    {
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin, "nl-NL");
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));

        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
        var text = await page.EvaluateAsync<string>("() => document.body.innerText");
        Assert.Empty(ResourceKey().Matches(text).Select(m => m.Value));
    }

    [SkippableFact]
    public async Task WithoutAChoice_TheDashboardIsDutch_EvenForAnEnglishBrowser()
    {
        await using var context = await browser.NewAnonymousContextAsync(app, culture: null);
        await context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9" });
        var page = await context.NewPageAsync();

        await page.SignInAsync(app, AppServer.Email(DashboardRoles.CouncilMember), AppServer.Password);

        Assert.Equal("nl", await page.Locator("html").GetAttributeAsync("lang"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overzicht");
    }

    [SkippableFact]
    public async Task TheLanguageSwitch_ShowsEnglish_RemembersItAcrossPages_AndSwitchesBack()
    {
        await using var context = await browser.NewContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/?peildatum=2022-10-11");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForInteractiveAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overview");
        Assert.EndsWith("/?peildatum=2022-10-11", page.Url);
        await Expect(page.Locator(".reference-date")).ToContainTextAsync("11 October 2022");
        var sp2 = page.Locator(".spearpoint-card").Filter(new() { HasText = "Vergroten van de flexibiliteit" });
        await Expect(sp2.Locator("[data-status]").First).ToHaveTextAsync("Needs attention");
        await Expect(sp2).ToContainTextAsync("1 of 5 milestones done");
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == ".AspNetCore.Culture");
        Assert.Contains("en-GB", Uri.UnescapeDataString(cookie.Value));
        Assert.True(cookie.Expires > DateTimeOffset.UtcNow.AddDays(300).ToUnixTimeSeconds());

        await page.GetByRole(AriaRole.Link, new() { Name = "Vergroten van de flexibiliteit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Milestones" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("english-spearpoint");

        await page.GetByRole(AriaRole.Button, new() { Name = "Nederlands" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijlpalen" })).ToBeVisibleAsync();
    }

    [SkippableFact]
    public async Task Numbers_FollowTheLanguage()
    {
        var url = $"{app.BaseUrl}/speerpunten/{await app.SpearpointIdAsync("SP4")}";
        await using var dutch = await browser.NewContextAsync(app, culture: "nl-NL");
        await using var english = await browser.NewContextAsync(app, culture: "en-GB");
        var nl = await dutch.NewPageAsync();
        var en = await english.NewPageAsync();

        await nl.GotoInteractiveAsync(url);
        await en.GotoInteractiveAsync(url);

        await Expect(nl.GetByRole(AriaRole.Row, new() { Name = "Ziekteverzuim" })).ToContainTextAsync("8,5%");
        await Expect(en.GetByRole(AriaRole.Row, new() { Name = "Ziekteverzuim" })).ToContainTextAsync("8.5%");
    }

    private static IReadOnlyList<string> LoadDutchOnlyTexts()
    {
        XElement Root(string file) => XDocument.Load(Path.Combine(RepoRoot.Path, "src", "Dashboard", "Resources", file)).Root!;
        var english = Root("SharedResource.en.resx").Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        return Root("SharedResource.resx").Elements("data")
            .Select(d => (Key: d.Attribute("name")!.Value, Value: d.Element("value")!.Value))
            .Where(d => english.TryGetValue(d.Key, out var en) && !string.Equals(en, d.Value, StringComparison.OrdinalIgnoreCase))
            // Compare the text around placeholders, not the whole formatted sentence.
            .SelectMany(d => Regex.Split(d.Value, @"\{\d+\}"))
            .Select(part => part.Trim(' ', ':', '.', ',', '(', ')', '·'))
            .Where(part => part.Length >= 5)
            .Distinct()
            .ToList();
    }

    [GeneratedRegex(@"\b(?:[A-Z][A-Za-z]+\.)+[A-Z][A-Za-z_]+\b")]
    private static partial Regex ResourceKey();
}
