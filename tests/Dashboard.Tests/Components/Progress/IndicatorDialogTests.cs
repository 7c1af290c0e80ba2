using Bunit;
using Dashboard.Components.Editing;
using Dashboard.Components.Progress;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Components.Progress;

/// <summary>Indicator toevoegen / bewerken / beëindigen on the real services.</summary>
[Trait("Category", "Fast")]
public class IndicatorDialogTests : AppComponentTestBase
{
    private async Task<SpearpointDetail> DetailAsync(string code) =>
        (await App.Get<DashboardQueries>().GetSpearpointAsync(await App.SpearpointIdAsync(code), null))!;

    [Fact]
    public async Task Add_SavesEveryField()
    {
        await StartAsync();
        var sp = await DetailAsync("SP1");
        var cut = RenderProviders();
        await cut.InvokeAsync(() => IndicatorDialog.OpenAsync(Dialogs, L, sp.Plan, sp.Summary.Id));

        Field(cut, "Naam").Input("Analyses per maand");
        Field(cut, "Eenheid").Input("analyses");
        Field(cut, "Nulmeting").Input("4");
        Field(cut, "Datum nulmeting").Change("01-10-2022");
        Field(cut, "Streefwaarde").Input("2");
        cut.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Contains("Lager is beter")).Click();
        cut.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Contains("Maandelijks")).Click();
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        await using var db = App.CreateDb();
        var saved = await db.Indicators.SingleAsync(i => i.Name == "Analyses per maand");
        Assert.Equal(("analyses", 4.0, 2.0, IndicatorDirection.LowerIsBetter, MeasurementFrequency.Monthly, (DateOnly?)new DateOnly(2022, 10, 1)),
            (saved.Unit, saved.Baseline, saved.Target, saved.Direction, saved.Frequency, saved.BaselineDate));
    }

    [Fact]
    public async Task Add_WithoutNameOrValues_ShowsTheMessagesAtTheFields_AndStoresNothing()
    {
        await StartAsync();
        var sp = await DetailAsync("SP1");
        int Count() { using var db = App.CreateDb(); return db.Indicators.Count(); }
        var before = Count();
        var cut = RenderProviders();
        await cut.InvokeAsync(() => IndicatorDialog.OpenAsync(Dialogs, L, sp.Plan, sp.Summary.Id));

        Field(cut, "Eenheid").Input("%");
        Field(cut, "Nulmeting").Input("120");
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Naam is verplicht.", TextAt(cut, "Naam")));
        Assert.Contains("Nulmeting", TextAt(cut, "Nulmeting"));
        Assert.Contains("100", TextAt(cut, "Nulmeting"));
        Assert.Equal("Streefwaarde is verplicht.", TextAt(cut, "Streefwaarde"));
        Assert.Equal(before, Count());
    }

    [Fact]
    public async Task Edit_StartsFromTheIndicator_AndAfterAColleaguesChangeShowsTheConflict()
    {
        await StartAsync();
        var sp = await DetailAsync("SP4");
        var indicator = sp.Indicators.Single(i => i.Name == "Ziekteverzuim");
        var cut = RenderProviders();
        await cut.InvokeAsync(() => IndicatorDialog.OpenAsync(Dialogs, L, sp.Plan, sp.Summary.Id, indicator));
        Assert.Equal("Ziekteverzuim", Field(cut, "Naam").GetAttribute("value"));
        Assert.True(cut.FindAll("input[type=radio]").Single(r => r.Closest("label")!.TextContent.Contains("Lager is beter")).HasAttribute("checked"));

        await App.Get<IndicatorEditor>().EditAsync(Actors.Manager("Collega"), indicator.Targets(sp.Plan.Id, 8.5, 5.5));
        Field(cut, "Streefwaarde").Input("7");
        cut.Find(".save-button").Click();

        cut.WaitForAssertion(() => Assert.Equal("Conflict", cut.Find(".save-feedback").GetAttribute("data-outcome")));
        Assert.Contains("5,5", cut.Find(".conflict-details").TextContent);
        Assert.Equal(5.5, (await DetailAsync("SP4")).Indicators.Single(i => i.Id == indicator.Id).Target);

        cut.Find(".save-button").Click(); // having seen it, saves knowingly
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Equal(7, (await DetailAsync("SP4")).Indicators.Single(i => i.Id == indicator.Id).Target);
    }

    [Fact]
    public async Task End_RequiresAReason_ThenEndsTheIndicator()
    {
        await StartAsync();
        var sp = await DetailAsync("SP2");
        var indicator = sp.Indicators[0];
        var cut = RenderProviders();
        await cut.InvokeAsync(() => EndIndicatorDialog.OpenAsync(Dialogs, L, sp.Plan.Id, indicator));

        cut.Find(".save-button").Click();
        cut.WaitForAssertion(() => Assert.Equal("Reden is verplicht.", TextAt(cut, "Reden")));
        Assert.False((await DetailAsync("SP2")).Indicators[0].IsEnded);

        Field(cut, "Reden").Input("Wordt niet meer gemeten.");
        cut.Find(".save-button").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.Equal("Wordt niet meer gemeten.", (await DetailAsync("SP2")).Indicators[0].EndReason);
    }
}
