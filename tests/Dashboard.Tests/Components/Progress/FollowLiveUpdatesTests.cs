using Bunit;
using Dashboard.Components.Progress;
using Dashboard.Progress;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Progress;

/// <summary>FollowSpearpoint and FollowPlan on the real LiveUpdates: one subscription each, to their own id, until removed.</summary>
[Trait("Category", "Fast")]
public class FollowLiveUpdatesTests : ComponentTestBase
{
    private readonly List<int> _taken = [];

    private async Task<(TestApp App, LiveUpdates Live, OverviewModel Overview)> StartAsync()
    {
        var app = await TestApp.InMemoryAsync();
        Services.AddSingleton(app.Get<LiveUpdates>());
        return (app, app.Get<LiveUpdates>(), (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!);
    }

    private Task Take(int id)
    {
        _taken.Add(id);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FollowSpearpoint_TakesTheChangesOfItsSpearpointOnly_UntilRemoved()
    {
        var (app, live, overview) = await StartAsync();
        await using var _ = app;
        var (sp1, sp2) = (overview.Development[0].Id, overview.Development[1].Id);
        var cut = Render<FollowSpearpoint>(p => p.Add(c => c.Id, sp1).Add(c => c.OnChange, d => Take(d.Summary.Id)));
        Assert.Equal((1, 0), (live.SubscriberCount(sp1), live.SubscriberCount(sp2)));

        await live.PublishAsync(sp2);
        await live.PublishAsync(sp1);

        cut.WaitForAssertion(() => Assert.Equal([sp1], _taken));
        await DisposeComponentsAsync();
        Assert.Equal(0, live.SubscriberCount(sp1));
    }

    [Fact]
    public async Task FollowPlan_TakesItsPlansOverview_UntilRemoved()
    {
        var (app, live, overview) = await StartAsync();
        await using var _ = app;
        var plan = overview.Plan.Id;
        var cut = Render<FollowPlan>(p => p.Add(c => c.Id, plan).Add(c => c.OnChange, o => Take(o.Plan.Id)));
        Assert.Equal(1, live.PlanSubscriberCount(plan));

        await live.PublishPlanAsync(plan);

        cut.WaitForAssertion(() => Assert.Equal([plan], _taken));
        await DisposeComponentsAsync();
        Assert.Equal(0, live.PlanSubscriberCount(plan));
    }
}
