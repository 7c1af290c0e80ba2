using Dashboard.Progress;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Progress;

/// <summary>
/// A component that shows one spearpoint live: its <see cref="FollowSpearpoint"/> hands it each saved state
/// (<see cref="TakeAsync"/>), and it marks itself "zojuist bijgewerkt" for a few seconds, re-rendering only itself.
/// </summary>
public abstract class LiveSpearpointBase : ComponentBase, IDisposable
{
    public static readonly TimeSpan JustUpdatedFor = TimeSpan.FromSeconds(6);

    [Inject] private TimeProvider Time { get; set; } = default!;

    private CancellationTokenSource? _flash;

    protected bool JustUpdated { get; private set; }

    /// <summary>Takes the new state; runs on the component's dispatcher.</summary>
    protected abstract void Apply(SpearpointDetail detail);

    /// <summary>The <see cref="FollowSpearpoint"/>'s OnChange: shows the new state, marked for a few seconds.</summary>
    protected async Task TakeAsync(SpearpointDetail detail)
    {
        Apply(detail);
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
        _flash?.Cancel();
        _flash?.Dispose();
        GC.SuppressFinalize(this);
    }
}
