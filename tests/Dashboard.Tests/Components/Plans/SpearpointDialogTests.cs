using Bunit;
using Dashboard.Components.Editing;
using Dashboard.Components.Plans;
using Dashboard.Data;
using Dashboard.Domain;
using Dashboard.Plans;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components.Plans;

/// <summary>Speerpunt toevoegen / bewerken / beëindigen on the real services: what is saved, what is refused and where it is said.</summary>
[Trait("Category", "Fast")]
public class SpearpointDialogTests : AppComponentTestBase
{
    private async Task<int> PlanIdAsync() => (await App.Get<DashboardQueries>().GetCurrentPlanAsync())!.Id;

    private async Task<SpearpointDetail> DetailAsync(string code) =>
        (await App.Get<DashboardQueries>().GetSpearpointAsync(await App.SpearpointIdAsync(code), null))!;

    private async Task<int> SpearpointCountAsync()
    {
        await using var db = App.CreateDb();
        return await db.Spearpoints.CountAsync();
    }

    [Fact]
    public async Task Add_SavesTheSpearpointOfTheKindOfItsSection_WithTheChosenDefaults()
    {
        await StartAsync();
        var planId = await PlanIdAsync();
        var cut = RenderProviders();
        await cut.InvokeAsync(() => SpearpointDialog.OpenAsync(Dialogs, L, planId, SpearpointKind.Substantive));

        Assert.True(cut.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Contains("Inhoudelijk speerpunt")).HasAttribute("checked"));
        Field(cut, "Code").Input("IS3");
        Field(cut, "Titel").Input("Zwerfafval rond scholen");
        Field(cut, "Omschrijving").Input("Minder afval op de looproutes.");
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        await using var db = App.CreateDb();
        var saved = await db.Spearpoints.SingleAsync(s => s.Code == "IS3");
        Assert.Equal(("Zwerfafval rond scholen", SpearpointKind.Substantive, (string?)null), (saved.Title, saved.Kind, saved.OwnerId));
    }

    [Fact]
    public async Task Add_WithADuplicateOrEmptyCode_ShowsTheDutchMessageAtTheField_AndStoresNothing()
    {
        await StartAsync();
        var planId = await PlanIdAsync();
        var before = await SpearpointCountAsync();
        var cut = RenderProviders();
        await cut.InvokeAsync(() => SpearpointDialog.OpenAsync(Dialogs, L, planId, SpearpointKind.Development));

        Field(cut, "Titel").Input("Nog een informatiegestuurd speerpunt");
        cut.Find(".save-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("Code is verplicht.", TextAt(cut, "Code")));
        Assert.Contains("verbeter de gemarkeerde velden", cut.Find(".save-feedback").TextContent);

        // A second refusal on the same field shows too.
        Field(cut, "Code").Input("sp1");
        Field(cut, "Code").Blur();
        cut.Find(".save-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("Code sp1 bestaat al in dit plan. Kies een andere code.", TextAt(cut, "Code")));
        Assert.Equal(before, await SpearpointCountAsync());
        Assert.Single(cut.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Edit_ShowsTheFreeTextOwnerAsTheCurrentValueWithAHint_AndSavesTheNewTitle()
    {
        await StartAsync();
        var sp1 = await DetailAsync("SP1");
        Assert.Null(sp1.Summary.OwnerId);
        var cut = RenderProviders();
        await cut.InvokeAsync(() => SpearpointDialog.OpenAsync(Dialogs, L, sp1));

        Assert.Equal($"{sp1.Owner} (geen account)", Field(cut, "Eigenaar").GetAttribute("value"));
        Assert.Contains("alleen als tekst vastgelegd", TextAt(cut, "Eigenaar"));
        Assert.Equal("SP1", Field(cut, "Code").GetAttribute("value"));
        Field(cut, "Titel").Input("Informatiegestuurd en datagedreven werken");
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        var after = await DetailAsync("SP1");
        Assert.Equal("Informatiegestuurd en datagedreven werken", after.Summary.Title);
        Assert.Equal(sp1.Owner, after.Owner); // the label stays until an account is picked
    }

    [Fact]
    public async Task Edit_AfterAColleaguesChange_ShowsTheConflict_AndKeepsTheInput()
    {
        await StartAsync();
        var sp2 = await DetailAsync("SP2");
        var cut = RenderProviders();
        await cut.InvokeAsync(() => SpearpointDialog.OpenAsync(Dialogs, L, sp2));
        await App.Get<SpearpointEditor>().EditAsync(Actors.Manager("Collega"), new EditSpearpointCommand(
            sp2.Plan.Id, sp2.Summary.Id, sp2.Summary.Version, "SP2", "Flexibel roosteren", sp2.Description, sp2.Summary.Kind, null));

        Field(cut, "Titel").Input("Mijn titel");
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Conflict", cut.Find(".save-feedback").GetAttribute("data-outcome")));
        Assert.Contains("Flexibel roosteren", cut.Find(".conflict-details").TextContent);
        Assert.Equal("Mijn titel", Field(cut, "Titel").GetAttribute("value"));
        Assert.Equal("Flexibel roosteren", (await DetailAsync("SP2")).Summary.Title);
    }

    [Fact]
    public async Task End_RequiresAReason_ThenEndsTheSpearpoint()
    {
        await StartAsync();
        var sp3 = await DetailAsync("SP3");
        var cut = RenderProviders();
        await cut.InvokeAsync(() => EndSpearpointDialog.OpenAsync(Dialogs, L, sp3.Summary));
        Assert.Contains("nooit verwijderd", cut.Find(".mud-dialog").TextContent);

        cut.Find(".save-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("Reden is verplicht.", TextAt(cut, "Reden")));
        Assert.False((await DetailAsync("SP3")).Summary.IsEnded);

        Field(cut, "Reden").Input("Opgegaan in SP1.");
        cut.Find(".save-button").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        var after = await DetailAsync("SP3");
        Assert.Equal("Opgegaan in SP1.", after.Summary.EndReason);
    }

    [Fact]
    public async Task End_AfterAColleaguesChange_ShowsTheConflict()
    {
        await StartAsync();
        var sp4 = await DetailAsync("SP4");
        var cut = RenderProviders();
        await cut.InvokeAsync(() => EndSpearpointDialog.OpenAsync(Dialogs, L, sp4.Summary));
        await App.Get<SpearpointEditor>().EditAsync(Actors.Manager("Collega"), new EditSpearpointCommand(
            sp4.Plan.Id, sp4.Summary.Id, sp4.Summary.Version, "SP4", "Sterker team", sp4.Description, sp4.Summary.Kind, null));

        Field(cut, "Reden").Input("Niet meer nodig.");
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Conflict", cut.Find(".save-feedback").GetAttribute("data-outcome")));
        Assert.False((await DetailAsync("SP4")).Summary.IsEnded);
    }
}
