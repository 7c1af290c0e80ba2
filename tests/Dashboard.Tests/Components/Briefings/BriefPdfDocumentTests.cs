using AngleSharp.Html.Parser;
using Dashboard.Briefings;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace Dashboard.Tests.Components.Briefings;

/// <summary>The HTML document Chromium prints: rendered without a circuit, loading nothing, the notice on every page.</summary>
[Trait("Category", "Fast")]
public class BriefPdfDocumentTests
{
    private static async Task<string> RenderAsync(TestApp app, int briefingId) =>
        await RenderAsync((await app.Get<BriefingQueries>().GetBriefingAsync(briefingId))!);

    private static async Task<string> RenderAsync(BriefingDetail model)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLocalization();
        services.AddMudServices();
        services.AddSingleton<IJSRuntime, NoJavaScript>();
        services.AddSingleton<NavigationManager, NoNavigation>();
        await using var provider = services.BuildServiceProvider();
        return await BriefingEndpoints.RenderAsync(model, ".brief { color: black; }", provider, provider.GetRequiredService<ILoggerFactory>());
    }

    [Fact]
    public async Task Document_RepeatsTheReferenceDateAndDemoNotice_AndHasAPagePerSpearpoint_InOrder()
    {
        await using var app = await TestApp.InMemoryAsync();

        var html = await RenderAsync(app, await app.IdAsync(DemoBriefings.February));

        Assert.StartsWith("<!DOCTYPE html>", html);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("nl", doc.DocumentElement.GetAttribute("lang"));
        // The header row of the frame table repeats on every printed page.
        var running = doc.QuerySelector("table.brief-frame > thead")!.TextContent;
        Assert.Contains("Peildatum: 14 februari 2023", running);
        Assert.Contains("Demogegevens, geen echte cijfers", running);
        var pages = doc.QuerySelectorAll("section.brief-page h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(
        [
            "SP4 Versterken van het team, kwantitatief en kwalitatief",
            "IS2 Fietsparkeren binnenstad",
            "SP1 Informatiegestuurd werken",
            "SP2 Vergroten van de flexibiliteit",
            "SP3 Verwachtingenmanagement en communicatie richting buurten",
            "IS1 Overlast uitgaansgebied",
        ], pages);
        Assert.Contains("@page { size: A4;", html);
        Assert.Contains("\"Pagina \" counter(page) \" van \" counter(pages) \"\"", html);
        Assert.Equal(11, doc.QuerySelectorAll("svg.chart-svg").Length); // one chart per indicator measured by then
    }

    [Fact]
    public async Task Document_EndsWithTheBriefingsPublicQuestions_WithStateTimesAndAnswers_NeverTheNotPublicOne_EvenForABeheerder()
    {
        await using var app = await TestApp.InMemoryAsync();
        var model = (await app.Get<CouncilReads>().BriefingAsync(Actors.Admin, await app.IdAsync(DemoBriefings.February)))!;

        var doc = new HtmlParser().ParseDocument(await RenderAsync(model));

        var appendix = doc.QuerySelector("section.brief-questions")!;
        Assert.Equal("Bijlage: technische vragen", appendix.QuerySelector("h2")!.TextContent.Trim());
        var questions = appendix.QuerySelectorAll("article.printed-question");
        Assert.Equal(3, questions.Length);
        Assert.Contains("Hoeveel extra diensten in de avond", appendix.TextContent);
        Assert.Contains("twaalf extra avonddiensten", appendix.TextContent);
        var first = System.Text.RegularExpressions.Regex.Replace(questions[0].TextContent, @"\s+", " ");
        Assert.Contains("Beantwoord Gesteld op 06-02-2023 09:30", first);
        Assert.Contains("Beantwoord door Interim-manager HOR op 10-02-2023 11:00", first);
        Assert.All(questions, q => Assert.NotNull(q.QuerySelector(".question-state")));
        Assert.DoesNotContain("vacatures voor boa's", doc.DocumentElement.TextContent);
        Assert.DoesNotContain("Niet openbaar", appendix.TextContent);
    }

    [Fact]
    public async Task Document_MayLoadNothing_AndStoredTextStaysText()
    {
        await using var app = await TestApp.InMemoryAsync();
        var list = (await app.Get<BriefingQueries>().GetBriefingsAsync(null))!;
        var b = list.Past[0];
        const string title = "<img src='http://169.254.169.254/latest'><link rel=stylesheet href=file:///etc/passwd>";
        var saved = await app.Get<BriefingEditor>().EditAsync(Actors.Manager(), new EditBriefingCommand(list.Plan.Id, b.Id, b.Version, b.Date,
            title, b.Audience, b.Agenda, b.Notes, b.Spearpoints.Select(s => s.Id).ToList()));
        Assert.True(saved.Succeeded);

        var doc = new HtmlParser().ParseDocument(await RenderAsync(app, b.Id));

        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content"));
        Assert.Empty(doc.QuerySelectorAll("img, link, script, iframe, object, embed"));
        Assert.DoesNotContain(doc.QuerySelectorAll("[src], [href]"), e => !e.GetAttribute("src").IsNullOrData() || !e.GetAttribute("href").IsNullOrData());
        Assert.Equal(title, doc.QuerySelector("title")!.TextContent);
        Assert.Contains(title, doc.QuerySelector("h1")!.TextContent);
    }

    /// <summary>As in a plain request: there is an address, and nowhere to go.</summary>
    private sealed class NoNavigation : NavigationManager
    {
        public NoNavigation() => Initialize("http://localhost/", "http://localhost/bijpraatsessies/1/pdf");

        protected override void NavigateToCore(string uri, NavigationOptions options) =>
            throw new InvalidOperationException("The PDF document does not navigate.");
    }

    /// <summary>As outside a circuit: there is no browser to call (MudBlazor ignores this when it cleans up).</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new JSDisconnectedException($"No browser behind the PDF document ({identifier}).");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }
}

internal static class AttributeValues
{
    public static bool IsNullOrData(this string? value) => value is null || value.StartsWith("data:", StringComparison.Ordinal);
}
