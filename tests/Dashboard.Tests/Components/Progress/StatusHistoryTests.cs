using Bunit;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Components.Progress;

[Trait("Category", "Fast")]
public class StatusHistoryTests : ComponentTestBase
{
    private static readonly StatusUpdateView[] Updates =
    [
        new(2, Status.OnTrack, "Nieuwste", null, null, null, "Manager", new DateTime(2025, 2, 1, 9, 0, 0, DateTimeKind.Utc)),
        new(1, Status.OnTrack, "Ouder", null, null, null, "Manager", new DateTime(2025, 1, 1, 9, 0, 0, DateTimeKind.Utc)),
    ];

    [Fact]
    public void OlderUpdates_AreShownOnRequest()
    {
        var asked = 0;
        var cut = Render<StatusHistory>(p => p
            .Add(c => c.Updates, Updates)
            .Add(c => c.ShowOlder, EventCallback.Factory.Create(this, () => asked++)));

        cut.Find("button.show-older").Click();

        Assert.Contains("Oudere berichten tonen", cut.Find("button.show-older").TextContent);
        Assert.Equal(1, asked);
    }

    [Fact]
    public void WithoutOlderUpdates_ThereIsNoButton()
    {
        var cut = Render<StatusHistory>(p => p.Add(c => c.Updates, Updates));

        Assert.Equal(2, cut.FindAll("li.status-update").Count);
        Assert.Empty(cut.FindAll("button.show-older"));
    }
}
