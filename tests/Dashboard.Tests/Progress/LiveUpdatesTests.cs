using Dashboard.Domain;
using Dashboard.Progress;
using Dashboard.Tests.Support;

namespace Dashboard.Tests.Progress;

[Trait("Category", Database.Category)]
public class LiveUpdatesTests
{
    [Fact]
    public async Task ASave_ReachesEverySubscriberOfThatSpearpoint_WithOneReadForAll()
    {
        await using var app = await TestApp.InMemoryAsync();
        var live = app.Get<LiveUpdates>();
        var sp2 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development.Single(s => s.Code == "SP2");
        var sp3Id = await app.SpearpointIdAsync("SP3");
        var received = new TaskCompletionSource<SpearpointDetail>[50];
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < received.Length; i++)
        {
            var tcs = received[i] = new TaskCompletionSource<SpearpointDetail>(TaskCreationOptions.RunContinuationsAsynchronously);
            subscriptions.Add(live.Subscribe(sp2.Id, d => { tcs.TrySetResult(d); return Task.CompletedTask; }));
        }
        var otherCalled = false;
        subscriptions.Add(live.Subscribe(sp3Id, _ => { otherCalled = true; return Task.CompletedTask; }));
        var readsBefore = live.Reads;

        await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(),
            new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, Status.Delayed, "Live!", "O", "G", "B"));

        var details = await Task.WhenAll(received.Select(r => r.Task.WaitAsync(TimeSpan.FromSeconds(5))));
        Assert.All(details, d => Assert.Equal((Status.Delayed, "Live!"), (d.Summary.Status, d.Summary.Latest!.Explanation)));
        Assert.Single(details.Distinct()); // one read, shared by all
        Assert.Equal(readsBefore + 1, live.Reads);
        Assert.False(otherCalled);
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Disposing_Unsubscribes_AndWithoutSubscribersNothingIsRead()
    {
        await using var app = await TestApp.InMemoryAsync();
        var live = app.Get<LiveUpdates>();
        var sp1 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development[0];

        var subscription = live.Subscribe(sp1.Id, _ => Task.CompletedTask);
        Assert.Equal(1, live.SubscriberCount(sp1.Id));
        subscription.Dispose();
        subscription.Dispose();
        Assert.Equal(0, live.SubscriberCount(sp1.Id));

        // A second spearpoint that is followed, saved after the first: once its change is here (on PostgreSQL through the
        // listener, in commit order), the first one's has been handled too, and it read nothing.
        var sp2 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development[1];
        var followed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var other = live.Subscribe(sp2.Id, _ => { followed.TrySetResult(); return Task.CompletedTask; });
        await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), new StatusCommand(sp1.PlanId, sp1.Id, sp1.Version, Status.OnTrack, "x"));
        await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), new StatusCommand(sp2.PlanId, sp2.Id, sp2.Version, Status.OnTrack, "y"));
        await followed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, live.Reads);
    }

    [Fact]
    public async Task AFailingViewer_DoesNotStopTheOthers_NorTheSave()
    {
        await using var app = await TestApp.InMemoryAsync();
        var live = app.Get<LiveUpdates>();
        var sp1 = (await app.Get<DashboardQueries>().GetOverviewAsync(null, null))!.Development[0];
        var good = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bad = live.Subscribe(sp1.Id, _ => throw new InvalidOperationException("kapot scherm"));
        using var ok = live.Subscribe(sp1.Id, _ => { good.TrySetResult(); return Task.CompletedTask; });

        var result = await app.Get<StatusEditor>().SaveStatusAsync(Actors.Manager(), new StatusCommand(sp1.PlanId, sp1.Id, sp1.Version, Status.OnTrack, "x"));

        Assert.True(result.Succeeded);
        await good.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
