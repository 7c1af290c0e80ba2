using Bunit;
using Bunit.TestDoubles;
using Dashboard.Common;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Servers;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class ReferenceDatePickerTests : ComponentTestBase
{
    private static readonly ReferencePoint Today = new(new DateOnly(2023, 12, 31), false, DateTime.MaxValue);
    private static readonly ReferencePoint October = new(new DateOnly(2022, 10, 11), true, new DateTime(2022, 10, 11, 22, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void ChoosingADate_AndShow_OpensThePageOnThatPeildatum()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("speerpunten/4");
        var cut = Render<ReferenceDatePicker>(p => p.Add(c => c.Reference, Today));

        cut.Find("input[type=date]").Change("2022-10-11");
        cut.Find("form").Submit();

        Assert.EndsWith("/speerpunten/4?peildatum=2022-10-11", nav.Uri);
    }

    [Fact]
    public void AnEmptyDate_IsRefusedWithAMessage_AndGoesNowhere()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        var cut = Render<ReferenceDatePicker>(p => p.Add(c => c.Reference, Today));
        var before = nav.Uri;

        cut.Find("input[type=date]").Change("");
        cut.Find("form").Submit();

        Assert.Equal(before, nav.Uri);
        Assert.Contains("Vul een geldige datum in.", cut.Markup);
    }

    [Fact]
    public void OnAChosenDate_ThereIsAWayBackToToday()
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("?peildatum=2022-10-11");

        var cut = Render<ReferenceDatePicker>(p => p.Add(c => c.Reference, October));

        var back = cut.Find("a.reference-today");
        Assert.Contains("Terug naar vandaag", back.TextContent);
        Assert.DoesNotContain("peildatum", back.GetAttribute("href"));
        Assert.Equal("2022-10-11", cut.Find("input[type=date]").GetAttribute("value"));
    }

    [Fact]
    public void Today_HasNoWayBackToToday()
    {
        var cut = Render<ReferenceDatePicker>(p => p.Add(c => c.Reference, Today));

        Assert.Empty(cut.FindAll("a.reference-today"));
        Assert.Contains("Peildatum", cut.Find("label").TextContent);
    }
}
