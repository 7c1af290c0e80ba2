using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Components.Layout;

/// <summary>FollowPlanInView follows from the start: the page beside it names its plan while they first render.</summary>
[Trait("Category", "Fast")]
public class FollowPlanInViewTests : ComponentTestBase
{
    private readonly List<bool> _taken = [];

    public FollowPlanInViewTests() => Services.AddScoped<PlanInView>();

    private Task Take(bool plansChanged)
    {
        _taken.Add(plansChanged);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AChangeDuringTheFirstRender_Reaches_AndOnceRemovedNoneDoes()
    {
        var cut = Render(b =>
        {
            b.OpenComponent<FollowPlanInView>(0);
            b.AddComponentParameter(1, nameof(FollowPlanInView.OnChange), (Func<bool, Task>)Take);
            b.CloseComponent();
            b.OpenComponent<ChangesPlans>(2);
            b.CloseComponent();
        });
        cut.WaitForAssertion(() => Assert.Equal([true], _taken));

        await DisposeComponentsAsync();
        Services.GetRequiredService<PlanInView>().PlansChanged();
        Assert.Equal([true], _taken);
    }

    public sealed class ChangesPlans : ComponentBase
    {
        [Inject] private PlanInView InView { get; set; } = default!;

        protected override void OnInitialized() => InView.PlansChanged();
    }
}
