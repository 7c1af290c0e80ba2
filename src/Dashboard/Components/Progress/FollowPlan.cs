using Dashboard.Components.Shared;
using Dashboard.Progress;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Progress;

/// <summary>Hands its owner the plan's overview after a spearpoint is added, moved or ended in it; renders nothing.</summary>
public sealed class FollowPlan : Follower<OverviewModel>
{
    [Inject] private LiveUpdates Live { get; set; } = default!;

    /// <summary>The plan to follow, or null for none (e.g. on a past reference date).</summary>
    [Parameter, EditorRequired] public required int? PlanId { get; set; }

    protected override int? Id => PlanId;

    protected override IDisposable Subscribe(int id, Func<OverviewModel, Task> onChange) => Live.SubscribePlan(id, onChange);
}
