using Dashboard.Presentation;
using Dashboard.Progress;

namespace Dashboard.Servers;

/// <summary>
/// Hands a committed change to this instance's screens: the live cards and overviews (<see cref="LiveUpdates"/>, one
/// read for all viewers) and the presentation's followers (<see cref="PresentationHub"/>). Resolves both when a change
/// arrives, because they in turn save through the feed that calls this.
/// </summary>
public sealed class ChangeDispatcher(IServiceProvider services)
{
    private LiveUpdates Live => services.GetRequiredService<LiveUpdates>();
    private PresentationHub Presentation => services.GetRequiredService<PresentationHub>();

    public async Task DispatchAsync(IEnumerable<Change> changes)
    {
        // A plan's overviews first, then the spearpoints' own screens, then the slide: the order a save told them in before.
        foreach (var change in changes.Distinct().OrderBy(c => c.Kind switch { ChangeKind.Plan => 0, ChangeKind.Spearpoint => 1, _ => 2 }))
        {
            switch (change.Kind)
            {
                case ChangeKind.Plan:
                    await Live.PublishPlanAsync(change.Id, CancellationToken.None);
                    break;
                case ChangeKind.Spearpoint:
                    await Live.PublishAsync(change.Id, CancellationToken.None);
                    break;
                case ChangeKind.Release:
                    await Live.PublishReleaseAsync(change.Id);
                    break;
                case ChangeKind.Questions:
                    await Live.PublishQuestionsAsync(change.Id, CancellationToken.None);
                    break;
                case ChangeKind.Slide:
                    await Presentation.ReloadAsync(CancellationToken.None);
                    break;
            }
        }
    }

    /// <summary>After changes may have been missed (the listening connection was down): every open screen reads again.</summary>
    public async Task RefreshAllAsync()
    {
        await Live.RefreshAllAsync(CancellationToken.None);
        await Presentation.ReloadAsync(CancellationToken.None);
    }
}
