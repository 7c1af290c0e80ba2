using Dashboard.Progress;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Progress;

/// <summary>
/// A component that shows one spearpoint and follows its changes live (eShop's pattern): it
/// subscribes after the first interactive render, takes each pushed state on its own dispatcher,
/// marks itself "zojuist bijgewerkt" for a few seconds, re-renders only itself, and unsubscribes
/// when the tab closes.
/// </summary>
public abstract class LiveSpearpointBase : ComponentBase, IDisposable
{
    public static readonly TimeSpan JustUpdatedFor = TimeSpan.FromSeconds(6);

    [Inject] private LiveUpdates Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private IDisposable? _subscription;
    private CancellationTokenSource? _flash;
    private bool _rendered;

    protected bool JustUpdated { get; private set; }

    /// <summary>The spearpoint to follow, or null to follow none (e.g. a past reference date).</summary>
    protected abstract int? FollowedSpearpointId { get; }

    /// <summary>Takes the new state; runs on the component's dispatcher.</summary>
    protected abstract void Apply(SpearpointDetail detail);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _rendered = true;
            Follow();
        }
    }

    /// <summary>
    /// (Re)subscribes to <see cref="FollowedSpearpointId"/>; call it after loading another spearpoint or date.
    /// Before the first interactive render (prerendering) it does nothing.
    /// </summary>
    protected void Follow()
    {
        if (!_rendered)
        {
            return;
        }
        _subscription?.Dispose();
        _subscription = FollowedSpearpointId is { } id ? Live.Subscribe(id, OnChangedAsync) : null;
    }

    private Task OnChangedAsync(SpearpointDetail detail) => InvokeAsync(async () =>
    {
        try
        {
            Apply(detail);
            await FlashAsync();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task FlashAsync()
    {
        _flash?.Cancel();
        _flash?.Dispose();
        var flash = _flash = new CancellationTokenSource();
        JustUpdated = true;
        StateHasChanged();
        // A newer change cancels the wait; no exception for that, as every open screen takes this path.
        await Task.Delay(JustUpdatedFor, Time, flash.Token)
            .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        if (flash.IsCancellationRequested)
        {
            return;
        }
        JustUpdated = false;
        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _flash?.Cancel();
        _flash?.Dispose();
        GC.SuppressFinalize(this);
    }
}
