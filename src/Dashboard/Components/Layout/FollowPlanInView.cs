using Dashboard.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Layout;

/// <summary>
/// Tells its owner (the layout) when another plan comes into view (false) or the plans themselves changed (true);
/// renders nothing.
/// </summary>
public sealed class FollowPlanInView : Follower<bool>
{
    [Inject] private PlanInView InView { get; set; } = default!;

    // The page names its plan while it first renders, also while prerendering, and the header shows it then.
    protected override bool BeforeFirstRender => true;

    protected override IDisposable Subscribe(int id, Func<bool, Task> onChange) => InView.Follow(onChange);
}
