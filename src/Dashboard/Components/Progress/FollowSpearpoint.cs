using Dashboard.Components.Shared;
using Dashboard.Progress;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Progress;

/// <summary>Hands its owner the spearpoint's state after every saved change of it; renders nothing.</summary>
public sealed class FollowSpearpoint : Follower<SpearpointDetail>
{
    [Inject] private LiveUpdates Live { get; set; } = default!;

    /// <summary>The spearpoint to follow, or null for none (e.g. on a past reference date).</summary>
    [Parameter, EditorRequired] public required int? SpearpointId { get; set; }

    protected override int? Id => SpearpointId;

    protected override IDisposable Subscribe(int id, Func<SpearpointDetail, Task> onChange) => Live.Subscribe(id, onChange);
}
