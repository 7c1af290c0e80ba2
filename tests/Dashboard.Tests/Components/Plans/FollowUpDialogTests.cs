using AngleSharp.Html.Dom;
using Bunit;
using Dashboard.Components.Plans;
using Dashboard.Editing;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Tests.Components.Plans;

[Trait("Category", "Fast")]
public class FollowUpDialogTests : PlanComponentTestBase
{
    [Fact]
    public async Task Proposal_PrefillsTheNextPeriod_ChecksTheRunningSpearpoints_AndSavesTheChosenOnes()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var demo = (await app.Get<DashboardQueries>().GetPlansAsync()).Single().Plan;
        var provider = Render<MudDialogProvider>();
        var L = Services.GetRequiredService<IStringLocalizer<Dashboard.Resources.SharedResource>>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await FollowUpDialog.OpenAsync(
            Services.GetRequiredService<IDialogService>(), L, app.Get<FollowUpPlans>(), demo));
        provider.WaitForElement(".mud-dialog");

        var inputs = provider.FindAll(".mud-dialog input:not([type=checkbox])");
        Assert.Equal(["Jaarplan handhaven openbare ruimte 2022-2023", demo.Organisation, "01-01-2024", "31-12-2025"],
            inputs.Take(4).Select(i => i.GetAttribute("value")));
        var boxes = provider.FindAll(".mud-dialog input[data-spearpoint]").Cast<IHtmlInputElement>().ToList();
        Assert.Equal(["SP1", "SP2", "SP3", "SP4", "IS1", "IS2"], boxes.Select(b => b.GetAttribute("data-spearpoint")));
        Assert.All(boxes, b => Assert.True(b.IsChecked));
        Assert.Contains("1 open mijlpaal gaat mee", boxes[2].Closest("label")!.TextContent);
        Assert.Contains("geen open mijlpalen", boxes[0].Closest("label")!.TextContent);

        // Leave SP1 behind.
        boxes[0].Change(false);
        var name = provider.FindAll(".mud-dialog input").First();
        name.Input("Jaarplan handhaven 2024-2025");
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Opslaan").Click();

        var result = await dialog!.Result;
        var id = (int)Assert.IsType<SaveResult>(result!.Data).CreatedId!.Value;
        await using var db = app.CreateDb();
        var plan = await db.Plans.Include(p => p.Spearpoints).ThenInclude(s => s.Milestones).SingleAsync(p => p.Id == id);
        Assert.Equal("Jaarplan handhaven 2024-2025", plan.Name);
        Assert.Equal(new DateOnly(2024, 1, 1), plan.StartDate);
        Assert.Equal(["SP2", "SP3", "SP4", "IS1", "IS2"], plan.Spearpoints.OrderBy(s => s.SortOrder).Select(s => s.Code));
        Assert.All(plan.Spearpoints.SelectMany(s => s.Milestones), m => Assert.NotNull(m.CarriedOverFromId));
    }
}
