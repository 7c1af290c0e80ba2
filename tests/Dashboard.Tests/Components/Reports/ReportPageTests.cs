using Bunit;
using Dashboard.Components.Reports;
using Dashboard.Domain;
using Dashboard.Editing;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Dashboard.Tests.Components.Reports;

/// <summary>/rapportages/{id}: the frozen state, and the steps by state and right; the service refuses whatever the page shows.</summary>
[Trait("Category", "Fast")]
public class ReportPageTests : ReportComponentTestBase
{
    private static readonly string[] StepButtons = ["Bewerken", "Ter vaststelling aanbieden", "Vaststellen", "Terugsturen"];

    private IRenderedComponent<ReportPage> Open(int id)
    {
        var page = Render<ReportPage>(p => p.Add(c => c.Id, id));
        page.WaitForElement(".report-state");
        return page;
    }

    private IEnumerable<string> Steps(IRenderedComponent<ReportPage> page) => Buttons(page).Intersect(StepButtons);

    [Theory]
    [InlineData(DashboardRoles.Manager, ReportState.Concept, "Bewerken,Ter vaststelling aanbieden")]
    [InlineData(DashboardRoles.Releaser, ReportState.Concept, "")]
    [InlineData(DashboardRoles.Manager, ReportState.Submitted, "")]
    [InlineData(DashboardRoles.Releaser, ReportState.Submitted, "Vaststellen,Terugsturen")]
    [InlineData(DashboardRoles.Admin, ReportState.Submitted, "Vaststellen,Terugsturen")]
    [InlineData(DashboardRoles.Manager, ReportState.Released, "")]
    [InlineData(DashboardRoles.Releaser, ReportState.Released, "")]
    [InlineData(DashboardRoles.CouncilMember, ReportState.Released, "")]
    public async Task TheSteps_FollowTheStateAndTheRight(string role, ReportState state, string expected)
    {
        await using var app = await StartAsync(role);
        var id = state switch
        {
            ReportState.Concept => (await ConceptAsync()).Id,
            ReportState.Submitted => (await HandedInAsync()).Id,
            _ => await ReleasedAsync(),
        };

        var page = Open(id);

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), Steps(page));
        Assert.Equal(state.ToString(), page.Find(".report-head .report-state").GetAttribute("data-state"));
        Assert.Equal(6, page.FindAll(".spearpoint-brief").Count);
        Assert.Equal((int)state + 1, page.FindAll(".report-step").Count);
    }

    [Fact]
    public async Task AReleasedRapportage_SaysWhoReleasedItWhen_WithItsHash_AndLinksItsPdf()
    {
        await using var app = await StartAsync(DashboardRoles.CouncilMember);
        var id = await ReleasedAsync("Vastgesteld met een samenvatting.");

        var page = Open(id);

        Assert.StartsWith("Vastgesteld door Vera Vaststeller op ", page.Find(".report-released-by").TextContent.Trim());
        Assert.Matches("^[0-9a-f]{64}$", page.Find(".report-hash code").TextContent);
        Assert.Equal($"rapportages/{id}/pdf", page.FindAll("a").Single(a => a.TextContent.Trim() == "PDF downloaden").GetAttribute("href"));
        Assert.Contains("Vastgesteld met een samenvatting.", page.Find(".report-summary").TextContent);
        Assert.Equal(["Concept", "Submitted", "Released"], page.FindAll(".report-step").Select(s => s.GetAttribute("data-to")));
    }

    [Theory]
    [InlineData(ReportState.Concept)]
    [InlineData(ReportState.Submitted)]
    public async Task ACouncilMember_DoesNotGetAConcept_NorOneWaitingForRelease(ReportState state)
    {
        await using var app = await StartAsync(DashboardRoles.CouncilMember);
        var id = state == ReportState.Concept ? (await ConceptAsync("Geheime tekst.")).Id : (await HandedInAsync("Geheime tekst.")).Id;

        var notFound = false;
        Services.GetRequiredService<NavigationManager>().OnNotFound += (_, _) => notFound = true;

        var page = Render<ReportPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => Assert.True(notFound));
        Assert.DoesNotContain("Geheime tekst", page.Markup);
        Assert.Empty(page.FindAll(".report-state"));
    }

    [Fact]
    public async Task TheAuthorWhoMayRelease_IsToldSomeoneElseMustReleaseIt_InsteadOfVaststellen()
    {
        await using var app = await StartAsync(DashboardRoles.Admin);
        var me = new Actor("Beheerder zelf", new HashSet<string> { DashboardRoles.Admin }, UserId: UserId);
        var (id, _) = await HandedInAsync(by: me);

        var page = Open(id);

        Assert.Contains("iemand anders moet haar vaststellen", page.Find(".report-own-work").TextContent);
        Assert.Equal(["Terugsturen"], Steps(page));
    }

    [Fact]
    public async Task HandingInWithoutSamenvatting_ShowsTheDutchFieldMessage_KeepsTheDialogOpen_AndStoresNothing()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var (id, _) = await ConceptAsync(summary: "");
        var provider = Render<MudDialogProvider>();
        var page = Open(id);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Ter vaststelling aanbieden").Click();
        provider.WaitForElement(".mud-dialog");
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Ter vaststelling aanbieden").Click();

        provider.WaitForAssertion(() => Assert.Contains("Samenvatting is verplicht.", provider.Find(".mud-dialog .field-errors").TextContent));
        Assert.Single(provider.FindAll(".mud-dialog"));
        Assert.Equal(ReportState.Concept, await StateOfAsync(id));
        await using var db = app.CreateDb();
        Assert.False(await db.ReportSnapshots.AnyAsync(s => s.ReportId == id));
    }

    [Fact]
    public async Task SendingBack_WithoutAReason_IsRefusedAtTheField_ThenWithOne_GoesBackToConcept()
    {
        await using var app = await StartAsync(DashboardRoles.Releaser);
        var (id, _) = await HandedInAsync();
        var provider = Render<MudDialogProvider>();
        var page = Open(id);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Terugsturen").Click();
        provider.WaitForElement(".mud-dialog");
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Terugsturen").Click();
        provider.WaitForAssertion(() => Assert.Contains("Reden is verplicht.", provider.Find(".mud-dialog").TextContent));
        Assert.Equal(ReportState.Submitted, await StateOfAsync(id));

        provider.Find(".mud-dialog textarea").Input("De toelichting bij SP3 ontbreekt.");
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Terugsturen").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        Assert.Equal(ReportState.Concept, await StateOfAsync(id));
        page.WaitForAssertion(() => Assert.Contains("De toelichting bij SP3 ontbreekt.", page.Find(".report-step-reason").TextContent));
    }

    [Fact]
    public async Task Bewerken_StoresTheSamenvattingAndANotePerSpearpoint_ShownWithThatSpearpoint()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var (id, _) = await ConceptAsync();
        var provider = Render<MudDialogProvider>();
        var page = Open(id);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Bewerken").Click();
        provider.WaitForElement(".mud-dialog");
        var textareas = provider.FindAll(".mud-dialog textarea");
        textareas[0].Input("Nieuwe samenvatting.");
        provider.FindAll(".mud-dialog textarea")[1].Input("Een notitie bij het eerste speerpunt.");
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Opslaan").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        page.WaitForAssertion(() => Assert.Contains("Nieuwe samenvatting.", page.Find(".report-summary").TextContent));
        Assert.Contains("Een notitie bij het eerste speerpunt.", page.Find(".spearpoint-brief .report-note").TextContent);
        await using var db = app.CreateDb();
        Assert.Single(await db.ReportNotes.Where(n => n.ReportId == id).ToListAsync());
    }
}
