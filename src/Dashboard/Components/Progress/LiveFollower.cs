using Dashboard.Components.Shared;
using Dashboard.Progress;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Progress;

/// <summary>Follows one spearpoint or plan of the <see cref="LiveUpdates"/>.</summary>
public abstract class LiveFollower<T> : Follower<T>
{
    [Inject] private protected LiveUpdates Live { get; set; } = default!;

    /// <summary>The spearpoint or plan to follow, or null for none (a past reference date does not change).</summary>
    [Parameter, EditorRequired] public required int? Id { get; set; }

    protected override int? Followed => Id;
}

/// <summary>Hands its owner the spearpoint's state after every saved change of it; renders nothing.</summary>
public sealed class FollowSpearpoint : LiveFollower<SpearpointDetail>
{
    protected override IDisposable Subscribe(int id, Func<SpearpointDetail, Task> onChange) => Live.Subscribe(id, onChange);
}

/// <summary>Hands its owner the plan's overview after a spearpoint is added, moved or ended in it; renders nothing.</summary>
public sealed class FollowPlan : LiveFollower<OverviewModel>
{
    protected override IDisposable Subscribe(int id, Func<OverviewModel, Task> onChange) => Live.SubscribePlan(id, onChange);
}
