using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// Follows one live channel for the component it is placed in, and renders nothing. It subscribes after the first
/// interactive render (so not while prerendering), hands every change to <see cref="OnChange"/> on the renderer's
/// thread, routes a failure there to the error boundary, and unsubscribes when it is removed or follows another
/// id. One subscription per follower.
/// </summary>
public abstract class Follower<T> : ComponentBase, IDisposable
{
    /// <summary>
    /// Takes a change, on the renderer's thread. A Func and not an EventCallback: the owner renders itself when
    /// it should (StateHasChanged), so a live card renders once per change and a burst of changes no more often.
    /// </summary>
    [Parameter, EditorRequired] public required Func<T, Task> OnChange { get; set; }

    private IDisposable? _subscription;
    private int? _followed;
    private bool _started;

    /// <summary>The id to follow, or null to follow nothing (e.g. a past reference date).</summary>
    protected abstract int? Id { get; }

    protected abstract IDisposable Subscribe(int id, Func<T, Task> onChange);

    /// <summary>True to subscribe at once, also while prerendering, for changes made during the first render.</summary>
    protected virtual bool BeforeFirstRender => false;

    protected override void OnInitialized() => _started = BeforeFirstRender;

    protected override void OnParametersSet() => Follow();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && !_started)
        {
            _started = true;
            Follow();
        }
    }

    // Nothing to show: new parameters only change what is followed.
    protected override bool ShouldRender() => false;

    private void Follow()
    {
        var id = _started ? Id : null;
        if (id == _followed)
        {
            return;
        }
        _subscription?.Dispose();
        _subscription = id is { } followed ? Subscribe(followed, change => OnChangedAsync(followed, change)) : null;
        _followed = id;
    }

    private Task OnChangedAsync(int id, T change) => InvokeAsync(async () =>
    {
        // A change read before this follower moved to another id, or was removed, is no longer its owner's.
        if (id != _followed)
        {
            return;
        }
        try
        {
            await OnChange(change);
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    public void Dispose()
    {
        _subscription?.Dispose();
        _followed = null;
        GC.SuppressFinalize(this);
    }
}
