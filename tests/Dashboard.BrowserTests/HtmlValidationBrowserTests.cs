using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Support;
using Dashboard.Editing;

namespace Dashboard.BrowserTests;

/// <summary>
/// The HTML the server sends for every page the router knows passes html-validate (the HTML standard, plus
/// unique ids and landmarks), and each page says what it is in a meta description.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public partial class HtmlValidationBrowserTests(Browser browser, AppServer app) : IClassFixture<AppServer>
{
    public static TheoryData<string, string> Pages() => AppRoutes.InBothLanguages();

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task ServerRenderedPage_IsValidHtml_WithAMetaDescription(string route, string culture)
    {
        HtmlValidator.SkipUnlessAvailable();
        await using var context = await browser.NewContextAsync(app, DashboardRoles.Admin, culture);
        var response = await context.APIRequest.GetAsync(app.BaseUrl + await AppRoutes.UrlAsync(app, route));
        var html = await response.TextAsync();

        var descriptions = MetaDescription().Matches(html);
        Assert.True(descriptions.Count == 1, $"{route} has {descriptions.Count} meta descriptions");
        Assert.True(descriptions[0].Groups[1].Value.Length >= 40, $"the description of {route} says too little: '{descriptions[0].Groups[1].Value}'");

        var name = $"{string.Join('-', route.Split('/', '{', '}', ':').Where(p => p.Length > 0).DefaultIfEmpty("overview"))}-{culture}";
        var errors = await HtmlValidator.ErrorsAsync(html, name);
        Assert.True(errors.Count == 0, $"html-validate: {errors.Count} error(s) on {route} ({culture}), see TestResults/html/{name}.html:\n"
            + string.Join("\n", errors.Take(20).Select(e => $"- {e.Line}:{e.Column} [{e.RuleId}] {e.Text} ({e.Selector})")));
    }

    [GeneratedRegex("""<meta name="description" content="([^"]*)"\s*/?>""")]
    private static partial Regex MetaDescription();
}
