using Bunit;
using Dashboard.Components.Presentation;
using Dashboard.Presentation;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Presentation;

/// <summary>FollowPresenter on the real hub: the presenter's moves reach it until it is removed.</summary>
[Trait("Category", "Fast")]
public class FollowPresenterTests : ComponentTestBase
{
    [Fact]
    public async Task ThePresentersMoves_ReachIt_UntilRemoved()
    {
        await using var app = await TestApp.InMemoryAsync();
        var hub = app.Get<PresentationHub>();
        Services.AddSingleton(hub);
        var slides = new List<int>();
        var cut = Render<FollowPresenter>(p => p.Add(c => c.OnChange, position =>
        {
            slides.Add(position.Slide);
            return Task.CompletedTask;
        }));

        Assert.True(await hub.MoveAsync(Actors.Presenter, "plan", null, 2, 6));
        cut.WaitForAssertion(() => Assert.Equal([2], slides));

        await DisposeComponentsAsync();
        Assert.True(await hub.MoveAsync(Actors.Presenter, "plan", null, 3, 6));
        Assert.Equal(3, (await hub.CurrentAsync())!.Slide);
        Assert.Equal([2], slides);
    }
}
