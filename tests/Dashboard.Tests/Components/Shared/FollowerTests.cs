using Bunit;
using Dashboard.Components.Shared;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Components.Shared;

/// <summary>The cycle every live screen follows through: subscribe after the first render, take changes on the renderer's thread, let go.</summary>
[Trait("Category", "Fast")]
public class FollowerTests : ComponentTestBase
{
    private readonly Channel _channel = new();
    private readonly List<string> _taken = [];

    public FollowerTests() => Services.AddSingleton(_channel);

    private IRenderedComponent<FollowTest> RenderFollower(int? id, Func<string, Task>? onChange = null) =>
        Render<FollowTest>(p => p.Add(c => c.Key, id).Add(c => c.OnChange, onChange ?? Take));

    private Task Take(string change)
    {
        Assert.True(Renderer.Dispatcher.CheckAccess());
        _taken.Add(change);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ItSubscribesAfterTheFirstRender_AndHandsOnItsChangesOnTheRenderersThread()
    {
        var cut = RenderFollower(1);

        Assert.Equal([1], _channel.Ids);
        Assert.Empty(cut.Markup);
        Assert.Equal(1, cut.RenderCount);
        await _channel.Handler(1)("saved");
        Assert.Equal(["saved"], _taken);
    }

    [Fact]
    public async Task WhilePrerendering_NothingIsFollowed()
    {
        await using var services = new ServiceCollection().AddSingleton(_channel).BuildServiceProvider();
        await using var prerenderer = new HtmlRenderer(services, NullLoggerFactory.Instance);

        await prerenderer.Dispatcher.InvokeAsync(() => prerenderer.RenderComponentAsync<FollowTest>(ParameterView.FromDictionary(
            new Dictionary<string, object?> { [nameof(FollowTest.Key)] = 1, [nameof(FollowTest.OnChange)] = (Func<string, Task>)Take })));

        Assert.Empty(_channel.Ids);
    }

    [Fact]
    public async Task AnotherId_IsFollowedInstead_AndAChangeStillOnItsWayForTheOldOneIsDropped()
    {
        var cut = RenderFollower(1);
        var old = _channel.Handler(1);

        cut.Render(p => p.Add(c => c.Key, 2));

        Assert.Equal([2], _channel.Ids);
        await old("read before the move");
        await _channel.Handler(2)("of the new one");
        Assert.Equal(["of the new one"], _taken);
    }

    [Fact]
    public void NoId_FollowsNothing()
    {
        var cut = RenderFollower(null);
        Assert.Empty(_channel.Ids);

        cut.Render(p => p.Add(c => c.Key, 3));
        Assert.Equal([3], _channel.Ids);

        cut.Render(p => p.Add(c => c.Key, null));
        Assert.Empty(_channel.Ids);
    }

    [Fact]
    public async Task ARemovedFollower_Unsubscribes_AndALateChangeDoesNotReachItsOwner()
    {
        RenderFollower(1);
        var handler = _channel.Handler(1);

        await DisposeComponentsAsync();

        Assert.Empty(_channel.Ids);
        await handler("late");
        Assert.Empty(_taken);
    }

    [Fact]
    public async Task AnOwnerThatFailsToTakeAChange_FailsThroughTheRenderer()
    {
        var failure = new InvalidOperationException("kapot");
        RenderFollower(1, _ => throw failure);

        await _channel.Handler(1)("saved");

        Assert.Same(failure, await Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    public sealed class FollowTest : Follower<string>
    {
        [Inject] private Channel Channel { get; set; } = default!;

        [Parameter] public int? Key { get; set; }

        protected override int? Followed => Key;

        protected override IDisposable Subscribe(int id, Func<string, Task> onChange) => Channel.Add(id, onChange);
    }

    /// <summary>A channel whose changes the test sends by hand.</summary>
    public sealed class Channel
    {
        private readonly Dictionary<int, Func<string, Task>> _handlers = [];

        public int[] Ids => [.. _handlers.Keys];

        public Func<string, Task> Handler(int id) => _handlers[id];

        public IDisposable Add(int id, Func<string, Task> handler)
        {
            Assert.True(_handlers.TryAdd(id, handler), "one subscription per id");
            return new Subscription(() => _handlers.Remove(id));
        }

        private sealed class Subscription(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
