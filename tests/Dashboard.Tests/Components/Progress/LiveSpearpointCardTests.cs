using Bunit;
using Dashboard.Components.Progress;
using Dashboard.Components.Shared;
using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Progress;

/// <summary>The live card on the real services: it follows saves, re-renders only itself, and lets go when closed.</summary>
[Trait("Category", "Fast")]
public class LiveSpearpointCardTests : ComponentTestBase
{
    private async Task<(TestApp App, OverviewModel Overview)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        Services.AddSingleton(app.Get<LiveUpdates>());
        Services.AddSingleton<TimeProvider>(app.Time);
        return (app, (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!);
    }

    [Fact]
    public async Task ASave_UpdatesThatCardOnly_AndMarksItJustUpdatedForAFewSeconds()
    {
        var (app, overview) = await StartAsync();
        await using var _ = app;
        var sp2 = overview.Development.Single(s => s.Code == "SP2");
        var sp3 = overview.Development.Single(s => s.Code == "SP3");
        var changed = Render<LiveSpearpointCard>(p => p.Add(c => c.Spearpoint, sp2).Add(c => c.Reference, overview.Reference));
        var other = Render<LiveSpearpointCard>(p => p.Add(c => c.Spearpoint, sp3).Add(c => c.Reference, overview.Reference));
        var otherRenders = other.RenderCount;

        await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, Status.NeedsAttention, "Nieuw risico", "O", "G", "B"));

        changed.WaitForAssertion(() =>
        {
            Assert.Equal("Aandachtspunt", changed.Find("[data-status]").TextContent.Trim());
            Assert.Contains("Zojuist bijgewerkt", changed.Find(".just-updated").TextContent);
            Assert.Equal("Nieuw risico", changed.Find(".card-explanation").TextContent);
        });
        Assert.Equal(otherRenders, other.RenderCount);

        app.Time.Advance(LiveSpearpointBase.JustUpdatedFor + TimeSpan.FromSeconds(1));
        changed.WaitForAssertion(() => Assert.Empty(changed.FindAll(".just-updated")));
    }

    [Fact]
    public async Task AClosedCard_Unsubscribes()
    {
        var (app, overview) = await StartAsync();
        await using var _ = app;
        var live = app.Get<LiveUpdates>();
        var sp1 = overview.Development[0];

        var card = Render<LiveSpearpointCard>(p => p.Add(c => c.Spearpoint, sp1).Add(c => c.Reference, overview.Reference));
        Assert.Equal(1, live.SubscriberCount(sp1.Id));

        await DisposeComponentsAsync();
        Assert.Equal(0, live.SubscriberCount(sp1.Id));
    }

    [Fact]
    public async Task ACardOnAPastReferenceDate_DoesNotFollowChanges()
    {
        var (app, _) = await StartAsync();
        await using var __ = app;
        var past = (await app.Get<DashboardQueries>().GetOverviewAsync(null, new DateOnly(2022, 10, 11)))!;

        Render<LiveSpearpointCard>(p => p.Add(c => c.Spearpoint, past.Development[0]).Add(c => c.Reference, past.Reference));

        Assert.Equal(0, app.Get<LiveUpdates>().SubscriberCount(past.Development[0].Id));
    }
}
