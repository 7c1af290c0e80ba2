using Bunit;
using Dashboard.Components.Plans;
using Dashboard.Domain;
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
public class PlanDialogTests : PlanComponentTestBase
{
    private IStringLocalizer<Dashboard.Resources.SharedResource> L =>
        Services.GetRequiredService<IStringLocalizer<Dashboard.Resources.SharedResource>>();

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(PlanListItem? plan = null)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await PlanDialog.OpenAsync(dialogs, L, plan));
        provider.WaitForElement(".mud-dialog");
        return (provider, dialog!);
    }

    private static void Fill(IRenderedComponent<MudDialogProvider> provider, string label, string value)
    {
        var field = provider.FindAll(".mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);
        var input = field.QuerySelector("input, textarea")!;
        // Text fields save as one types; the date fields take the typed date when it is complete.
        try
        {
            input.Change(value);
        }
        catch (MissingEventHandlerException)
        {
            input.Input(value);
        }
    }

    private static void Save(IRenderedComponent<MudDialogProvider> provider) =>
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Opslaan").Click();

    [Fact]
    public async Task NewPlan_Saved_IsStoredWithItsFields_AndTheDialogGivesItsId()
    {
        await using var app = await StartAsync(DashboardRoles.Manager, seedDemo: false);
        var (provider, dialog) = await OpenAsync();
        Assert.Contains("Plan aanmaken", provider.Find(".mud-dialog-title").TextContent);

        Fill(provider, "Naam", "Jaarplan handhaven 2027");
        Fill(provider, "Organisatie", "Gemeente Maastricht");
        Fill(provider, "Begindatum", "01-01-2027");
        Fill(provider, "Einddatum", "31-12-2027");
        Fill(provider, "Omschrijving", "Het plan van het team.");
        Save(provider);

        var result = await dialog.Result;
        Assert.False(result!.Canceled);
        var id = Assert.IsType<SaveResult>(result.Data).CreatedId;
        await using var db = app.CreateDb();
        var plan = await db.Plans.SingleAsync();
        Assert.Equal(id, plan.Id);
        Assert.Equal(("Jaarplan handhaven 2027", "Gemeente Maastricht", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), "Het plan van het team."),
            (plan.Name, plan.Organisation, plan.StartDate, plan.EndDate, plan.Description));
    }

    [Fact]
    public async Task ReversedDates_AreRefusedAtTheField_AndNothingIsStored()
    {
        await using var app = await StartAsync(DashboardRoles.Admin, seedDemo: false);
        var (provider, _) = await OpenAsync();

        Fill(provider, "Naam", "Jaarplan 2027");
        Fill(provider, "Organisatie", "Gemeente Maastricht");
        Fill(provider, "Begindatum", "31-12-2027");
        Fill(provider, "Einddatum", "01-01-2027");
        Save(provider);

        provider.WaitForAssertion(() => Assert.Contains("Einddatum", provider.Find(".mud-dialog .mud-input-helper-text.mud-input-error, .mud-dialog .mud-input-error").TextContent));
        Assert.Single(provider.FindAll(".mud-dialog"));
        await using var db = app.CreateDb();
        Assert.False(await db.Plans.AnyAsync());
    }

    [Fact]
    public async Task Edit_AfterAColleaguesEdit_ShowsTheConflict_AndKeepsTheInput()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var item = (await app.Get<DashboardQueries>().GetPlansAsync()).Single();
        var (provider, _) = await OpenAsync(item);
        Assert.Equal(item.Plan.Name, provider.FindAll("input").First().GetAttribute("value"));

        // A colleague renames the plan while this form is open.
        var p = item.Plan;
        var colleague = await app.Get<PlanEditor>().EditAsync(Actors.Manager("Collega"),
            new EditPlanCommand(p.Id, item.Version, "Jaarplan van de collega", p.Organisation, p.StartDate, p.EndDate, p.Description));
        Assert.True(colleague.Succeeded);

        Fill(provider, "Naam", "Mijn nieuwe naam");
        Save(provider);

        provider.WaitForAssertion(() => Assert.Contains("Jaarplan van de collega", provider.Find(".save-feedback").TextContent));
        Assert.Equal("Conflict", provider.Find(".save-feedback").GetAttribute("data-outcome"));
        Assert.Equal("Mijn nieuwe naam", provider.FindAll("input").First().GetAttribute("value"));
        await using var db = app.CreateDb();
        Assert.Equal("Jaarplan van de collega", (await db.Plans.SingleAsync()).Name);
    }

    private static AngleSharp.Dom.IElement CouncilSeesRadio(IRenderedComponent<MudDialogProvider> provider, string label) =>
        provider.FindAll(".council-sees-choice .mud-radio")
            .Single(r => r.TextContent.Trim() == label)
            .QuerySelector("input[type=radio]")!;

    [Fact]
    public async Task NewPlan_OffersRaadZiet_WithVastgesteldeStandChosen_AndStoresIt()
    {
        await using var app = await StartAsync(DashboardRoles.Manager, seedDemo: false);
        var (provider, dialog) = await OpenAsync();
        Assert.Equal("Raad ziet", provider.Find("#council-sees-label").TextContent.Trim());
        Assert.True(CouncilSeesRadio(provider, "Vastgestelde stand").HasAttribute("checked"));
        Assert.False(CouncilSeesRadio(provider, "Actuele stand").HasAttribute("checked"));
        Assert.Equal(2, provider.FindAll(".council-sees-choice .choice-help").Count);

        Fill(provider, "Naam", "Jaarplan handhaven 2027");
        Fill(provider, "Organisatie", "Gemeente Maastricht");
        Fill(provider, "Begindatum", "01-01-2027");
        Fill(provider, "Einddatum", "31-12-2027");
        Save(provider);

        Assert.False((await dialog.Result)!.Canceled);
        await using var db = app.CreateDb();
        Assert.Equal(CouncilView.Released, (await db.Plans.SingleAsync()).CouncilSees);
    }

    [Fact]
    public async Task EditPlan_ShowsWhatTheCouncilSeesNow_AndStoresTheOtherChoice()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var item = (await app.Get<DashboardQueries>().GetPlansAsync()).Single();
        var (provider, dialog) = await OpenAsync(item);
        // The demo plan's council sees its released rapportages.
        Assert.True(CouncilSeesRadio(provider, "Vastgestelde stand").HasAttribute("checked"));

        CouncilSeesRadio(provider, "Actuele stand").Click();
        Save(provider);

        Assert.False((await dialog.Result)!.Canceled);
        await using var db = app.CreateDb();
        Assert.Equal(CouncilView.Live, (await db.Plans.SingleAsync()).CouncilSees);
    }

    [Fact]
    public async Task EditPlan_ShowsTheRedacteurenByName_AndAnotherManagerCanBeChosen_WhoIsStoredAsRedacteur()
    {
        await using var app = await StartAsync(DashboardRoles.Manager);
        var colleague = await app.CreateUserAsync("collega@gemeente.test", DashboardRoles.Manager, name: "Collega Noord", editsPlans: false);
        var item = (await app.Get<DashboardQueries>().GetPlansAsync()).Single();
        var (provider, dialog) = await OpenAsync(item);

        var field = provider.Find(".plan-editors");
        Assert.Contains("Redacteuren", field.TextContent);
        Assert.Equal("manager@gemeente.test", field.QuerySelector("input")!.GetAttribute("value"));

        string me;
        await using (var before = app.CreateDb())
        {
            me = await before.PlanEditors.Where(e => e.PlanId == item.Plan.Id).Select(e => e.UserId).SingleAsync();
        }
        await provider.InvokeAsync(() => provider.FindComponent<MudSelect<string>>().Instance.SelectedValuesChanged.InvokeAsync(
            new HashSet<string> { me, colleague }));
        Save(provider);

        Assert.False((await dialog.Result)!.Canceled);
        await using var db = app.CreateDb();
        Assert.Contains(colleague, await db.PlanEditors.Where(e => e.PlanId == item.Plan.Id).Select(e => e.UserId).ToListAsync());
    }
}
