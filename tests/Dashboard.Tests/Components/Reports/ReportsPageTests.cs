using Bunit;
using Dashboard.Components.Reports;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Dashboard.Tests.Components.Reports;

/// <summary>/rapportages: the plan's rapportages by state, and Rapportage opstellen only for who may edit.</summary>
[Trait("Category", "Fast")]
public class ReportsPageTests : ReportComponentTestBase
{
    [Fact]
    public async Task TheRapportages_AreGroupedByState_TerVaststellingFirst_WithPeildatumExcerptAndPreparer()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var released = await ReleasedAsync();
        var (handedIn, _) = await HandedInAsync();
        var (concept, _) = await ConceptAsync(string.Join(' ', Enumerable.Repeat("Een lange samenvatting van het concept.", 20)));

        var page = Render<ReportsPage>();

        // The demo plan has rapportages of its own (two released, one ter vaststelling); these are the test's.
        string[] ours = [$"{handedIn}", $"{concept}", $"{released}"];
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".report-item").Count(i => ours.Contains(i.GetAttribute("data-report")))));
        var groups = page.FindAll(".report-group");
        Assert.Equal(["Submitted", "Concept", "Released"], groups.Select(g => g.GetAttribute("data-state")));
        Assert.Equal(["Ter vaststelling", "Concept", "Vastgesteld"], groups.Select(g => g.QuerySelector("h2")!.TextContent.Trim()));
        Assert.Equal(ours, page.FindAll(".report-item").Select(i => i.GetAttribute("data-report")).Where(ours.Contains));
        var first = page.FindAll(".report-item").Single(i => i.GetAttribute("data-report") == $"{concept}");
        Assert.Contains("31 december 2022", first.TextContent);
        Assert.Contains("Anna Opsteller", first.TextContent);
        Assert.EndsWith("…", first.QuerySelector(".report-excerpt")!.TextContent.Trim());
        Assert.Equal($"rapportages/{concept}", first.QuerySelector("a")!.GetAttribute("href"));
        Assert.All(page.FindAll(".report-item"), i => Assert.NotNull(i.QuerySelector(".report-state svg")));
    }

    [Fact]
    public async Task AManager_SeesRapportageOpstellen_AndADialogThatStoresTheConcept()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var provider = Render<MudDialogProvider>();
        var page = Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Contains("Rapportage opstellen", Buttons(page)));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Rapportage opstellen").Click();
        provider.WaitForElement(".mud-dialog");
        Assert.Equal(["Peildatum", "Samenvatting", "Bijpraatsessie"],
            provider.FindAll(".mud-dialog .mud-input-control label").Select(l => l.TextContent.Trim().TrimEnd('*').Trim()).Take(3));
        provider.Find(".mud-dialog textarea").Input("De samenvatting van het college.");
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Opslaan").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        await using var db = app.CreateDb();
        var report = await db.Reports.SingleAsync(r => r.State == ReportState.Concept);
        Assert.Equal((ReportState.Concept, "De samenvatting van het college."), (report.State, report.Summary));
    }

    [Theory]
    [InlineData(DashboardRoles.CouncilMember)]
    [InlineData(DashboardRoles.Presenter)]
    public async Task TheCouncil_SeesNoRapportageOpstellen_AndOnlyTheReleasedOnes(string role)
    {
        await using var app = await StartAsync(role);
        var released = await ReleasedAsync("Dit mag de raad lezen.");
        await HandedInAsync("Nog niet vastgesteld.");
        await ConceptAsync("Geheim concept.");

        var page = Render<ReportsPage>();

        // Ours and the demo plan's two released ones; not the demo's one ter vaststelling.
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".report-item").Count));
        Assert.Contains($"{released}", page.FindAll(".report-item").Select(i => i.GetAttribute("data-report")));
        Assert.Equal(["Released"], page.FindAll(".report-group").Select(g => g.GetAttribute("data-state")));
        Assert.DoesNotContain("Rapportage opstellen", Buttons(page));
        Assert.DoesNotContain("Geheim concept", page.Markup);
        Assert.DoesNotContain("Nog niet vastgesteld", page.Markup);
    }
}
