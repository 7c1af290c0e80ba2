using Dashboard.Components.Shared;
using Dashboard.Presentation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Presentation;

/// <summary>Hands its owner the presenter's position after every move (there is one presenter); renders nothing.</summary>
public sealed class FollowPresenter : Follower<PresenterPosition>
{
    [Inject] private PresentationHub Hub { get; set; } = default!;

    protected override IDisposable Subscribe(int id, Func<PresenterPosition, Task> onChange) => Hub.Follow(onChange);
}
