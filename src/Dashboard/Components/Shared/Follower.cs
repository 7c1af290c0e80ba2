using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Shared;

/// <summary>
/// Follows one live channel for the component it is placed in, and renders nothing. It subscribes after the first
/// interactive render (so not while prerendering), hands every change to <see cref="OnChange"/> on the renderer's
/// thread, routes a failure there to the error boundary, and unsubscribes when it is removed or follows another
/// id. One subscription per follower. An <see cref="IComponent"/> rather than a ComponentBase: one sits in every
/// live card, and it needs none of the rendering.
/// </summary>
public abstract class Follower<T> : IComponent, IHandleAfterRender, IDisposable
{
    private static readonly RenderFragment Nothing = static _ => { };

    private RenderHandle _handle;
    private IDisposable? _subscription;
    private int? _following;
    private bool _rendered;
    private bool _started;

    /// <summary>
    /// Takes a change, on the renderer's thread. A Func and not an EventCallback: the owner renders itself when
    /// it should (StateHasChanged), so a live card renders once per change and a burst of changes no more often.
    /// </summary>
    [Parameter, EditorRequired] public required Func<T, Task> OnChange { get; set; }

    /// <summary>The id to follow, or null to follow nothing; a channel without ids follows 0.</summary>
    protected virtual int? Followed => 0;

    /// <summary>True to subscribe at once, also while prerendering, for changes made during the first render.</summary>
    protected virtual bool BeforeFirstRender => false;

    protected abstract IDisposable Subscribe(int id, Func<T, Task> onChange);

    void IComponent.Attach(RenderHandle renderHandle) => _handle = renderHandle;

    Task IComponent.SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (!_rendered)
        {
            _rendered = true;
            _started = BeforeFirstRender;
            // Rendered once, for the call after the render, which only an interactive renderer makes.
            _handle.Render(Nothing);
        }
        Follow();
        return Task.CompletedTask;
    }

    Task IHandleAfterRender.OnAfterRenderAsync()
    {
        if (!_started)
        {
            _started = true;
            Follow();
        }
        return Task.CompletedTask;
    }

    private void Follow()
    {
        var id = _started ? Followed : null;
        if (id == _following)
        {
            return;
        }
        _subscription?.Dispose();
        _subscription = id is { } followed ? Subscribe(followed, change => OnChangedAsync(followed, change)) : null;
        _following = id;
    }

    private Task OnChangedAsync(int id, T change) => _handle.Dispatcher.InvokeAsync(async () =>
    {
        // A change read before this follower moved to another id, or was removed, is no longer its owner's.
        if (id != _following)
        {
            return;
        }
        try
        {
            await OnChange(change);
        }
        catch (Exception ex)
        {
            await _handle.DispatchExceptionAsync(ex);
        }
    });

    public void Dispose()
    {
        _subscription?.Dispose();
        _following = null;
        GC.SuppressFinalize(this);
    }
}
