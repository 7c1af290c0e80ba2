using Dashboard.Components.Shared;
using Dashboard.Progress;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Progress;

/// <summary>Tells its owner when a rapportage of the plan is released, so that a screen showing the council's state reads it again.</summary>
public sealed class FollowReleases : Follower<int>
{
    [Inject] private LiveUpdates Live { get; set; } = default!;

    /// <summary>The plan whose releases to follow, or null for none (a screen showing live).</summary>
    [Parameter, EditorRequired] public required int? PlanId { get; set; }

    protected override int? Followed => PlanId;

    protected override IDisposable Subscribe(int id, Func<int, Task> onChange) => Live.SubscribeReleases(id, onChange);
}
