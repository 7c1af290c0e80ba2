using Bunit;
using Dashboard.Components.Plans;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Dashboard.Tests.Components.Plans;

/// <summary>The /plannen list: every plan with its state, and the set-up buttons only for who may set up plans.</summary>
[Trait("Category", "Fast")]
public class PlansPageTests : PlanComponentTestBase
{
    private static readonly string[] SetUpButtons = ["Plan aanmaken", "Plan bewerken", "Vervolgplan maken", "Archiveren"];

    private static IEnumerable<string> Buttons(IRenderedComponent<PlansPage> page) =>
        page.FindAll("button").Select(b => b.TextContent.Trim());

    private static async Task<int> AddPlanAsync(TestApp app, string name, DateOnly start, DateOnly end)
    {
        var result = await app.Get<PlanEditor>().CreateAsync(Actors.Admin, new CreatePlanCommand(name, "Gemeente Maastricht", start, end, null));
        return (int)result.CreatedId!.Value;
    }

    [Fact]
    public async Task EveryPlan_ShowsItsOrganisationPeriodAndState_AsWordAndIcon_TheCurrentFirst()
    {
        await using var app = await StartAsync(DashboardRoles.CouncilMember);
        var coming = await AddPlanAsync(app, "Jaarplan 2028", new DateOnly(2028, 1, 1), new DateOnly(2028, 12, 31));
        var running = await AddPlanAsync(app, "Jaarplan 2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var page = Render<PlansPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".plan-item").Count));
        var items = page.FindAll(".plan-item");
        Assert.Equal([running.ToString(), coming.ToString()], items.Take(2).Select(i => i.GetAttribute("data-plan")));
        Assert.Equal(["Lopend", "Komend", "Afgelopen"], items.Select(i => i.QuerySelector(".plan-state")!.TextContent.Trim()));
        Assert.All(items, i => Assert.NotNull(i.QuerySelector(".plan-state svg")));
        Assert.Contains("Huidig plan", items[0].TextContent);
        var demo = items[2];
        Assert.Contains("Jaarplan handhaven openbare ruimte 2022-2023", demo.QuerySelector("a")!.TextContent);
        Assert.Contains("Gemeente Maastricht", demo.TextContent);
        Assert.Contains("1 januari 2022 tot en met 31 december 2023", demo.TextContent);
        Assert.Equal($"plannen/{running}", items[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ACouncilMember_SeesNoSetUpButtons()
    {
        await using var app = await StartAsync(DashboardRoles.CouncilMember);

        var page = Render<PlansPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".plan-item")));
        Assert.Empty(Buttons(page).Intersect(SetUpButtons));
    }

    [Fact]
    public async Task AManager_SeesTheSetUpButtons_AndArchivesAPlanAfterConfirming()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var provider = Render<MudDialogProvider>();
        var page = Render<PlansPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".plan-item")));
        Assert.Equal(SetUpButtons.Order(), Buttons(page).Intersect(SetUpButtons).Order());

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Archiveren").Click();
        provider.WaitForAssertion(() => Assert.Contains("blijft leesbaar", provider.Find(".mud-dialog").TextContent));
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Archiveren").Click();

        // Gone from the default list, back with the switch, marked as archived, with Terugzetten.
        page.WaitForAssertion(() => Assert.Contains("Er zijn nog geen plannen.", page.Markup));
        await using (var db = app.CreateDb())
        {
            Assert.NotNull((await db.Plans.SingleAsync()).ArchivedAt);
        }
        page.Find("input[type=checkbox]").Change(true);
        page.WaitForAssertion(() => Assert.Equal("Gearchiveerd", page.Find(".plan-item .plan-state").TextContent.Trim()));
        Assert.Contains("Terugzetten", Buttons(page));
    }

    [Fact]
    public async Task Archiving_Cancelled_ChangesNothing()
    {
        await using var app = await StartAsync(DashboardRoles.Admin);
        var provider = Render<MudDialogProvider>();
        var page = Render<PlansPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".plan-item")));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Archiveren").Click();
        provider.WaitForElement(".mud-dialog");
        provider.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Annuleren").Click();

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".mud-dialog")));
        await using var db = app.CreateDb();
        Assert.Null((await db.Plans.SingleAsync()).ArchivedAt);
    }
}
