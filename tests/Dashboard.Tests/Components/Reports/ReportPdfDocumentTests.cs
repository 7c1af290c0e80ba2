using AngleSharp.Html.Parser;
using Dashboard.Editing;
using Dashboard.Reports;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Components.Reports;

/// <summary>The HTML document Chromium prints for a released rapportage: from the stored bytes only, stamped, loading nothing.</summary>
[Trait("Category", "Fast")]
public class ReportPdfDocumentTests
{
    private static readonly Actor Preparer = new("Anna Opsteller", new HashSet<string> { DashboardRoles.Manager }, UserId: "user-anna");
    private static readonly Actor Releaser = new("Vera Vaststeller", new HashSet<string> { DashboardRoles.Releaser }, UserId: "user-vera");

    private static async Task<(int Plan, int Id)> ReleasedAsync(TestApp app, string summary, IReadOnlyDictionary<int, string?>? notes = null)
    {
        await app.AccountsForAsync(Preparer, Releaser);
        await using var db = app.CreateDb();
        var plan = await db.Plans.Select(p => p.Id).SingleAsync();
        var editor = app.Get<ReportEditor>();
        // Before the demo's first vastgestelde rapportage (11 October 2022).
        var date = new DateOnly(2022, 6, 30);
        var created = await editor.CreateAsync(Preparer, new CreateReportCommand(plan, date, summary));
        var id = (int)created.CreatedId!;
        var edited = await editor.EditAsync(Preparer, new EditReportCommand(plan, id, created.Version!.Value, date, summary, notes));
        Assert.True(edited.Succeeded, edited.Message);
        var submitted = await editor.SubmitAsync(Preparer, new ReportStepCommand(plan, id, edited.Version!.Value));
        var released = await editor.ReleaseAsync(Releaser, new ReportStepCommand(plan, id, submitted.Version!.Value));
        Assert.True(released.Succeeded, released.Message);
        return (plan, id);
    }

    private static async Task<string> RenderAsync(TestApp app, int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ReportPdfs.RenderAsync((await app.Get<ReportPdfs>().ReleasedAsync(id))!, ".brief { color: black; }", scope.ServiceProvider,
            app.Get<ILoggerFactory>());
    }

    [Fact]
    public async Task Document_HasThePlanPeildatumSummaryEverySpearpointAndNote_AndTheStampAtTheBottom()
    {
        await using var app = await TestApp.InMemoryAsync();
        var sp2 = await app.SpearpointIdAsync("SP2");
        var (_, id) = await ReleasedAsync(app, "Het team ligt op koers.\nTwee punten vragen aandacht.",
            new Dictionary<int, string?> { [sp2] = "De flexibele pool start in januari." });
        await using var db = app.CreateDb();
        var sha = await db.ReportSnapshots.Where(s => s.ReportId == id).Select(s => s.Sha256).SingleAsync();

        var html = await RenderAsync(app, id);

        Assert.StartsWith("<!DOCTYPE html>", html);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Contains("Peildatum: 30 juni 2022", doc.QuerySelector("table.brief-frame > thead")!.TextContent);
        Assert.Contains("Demogegevens, geen echte cijfers", doc.QuerySelector("table.brief-frame > thead")!.TextContent);
        Assert.Contains("Twee punten vragen aandacht.", doc.QuerySelector(".report-summary-text")!.TextContent);
        Assert.Equal(6, doc.QuerySelectorAll("section.brief-page article.spearpoint-brief").Length);
        var note = doc.QuerySelectorAll("section.brief-page").Single(s => s.QuerySelector(".report-note") is not null);
        Assert.Contains("SP2", note.QuerySelector("h2")!.TextContent);
        Assert.Contains("De flexibele pool start in januari.", note.TextContent);
        var stamp = doc.QuerySelector("footer.report-stamp")!.TextContent;
        Assert.Contains("Vastgesteld door Vera Vaststeller op 24 november 2026", stamp);
        Assert.Contains($"SHA-256: {sha}", stamp);
        Assert.Contains("Dit is de eerste vastgestelde rapportage van dit plan.", doc.Body!.TextContent);
    }

    [Fact]
    public async Task Document_MayLoadNothing_AndStoredTextStaysText()
    {
        await using var app = await TestApp.InMemoryAsync();
        const string summary = "<img src='http://169.254.169.254/latest'><link rel=stylesheet href=file:///etc/passwd>";
        var (_, id) = await ReleasedAsync(app, summary);

        var doc = new HtmlParser().ParseDocument(await RenderAsync(app, id));

        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content"));
        Assert.Empty(doc.QuerySelectorAll("img, link, script, iframe, object, embed"));
        Assert.Equal(summary, doc.QuerySelector(".report-summary-text")!.TextContent);
    }
}
