namespace Dashboard.Services;

/// <summary>Where the presenter is: which presentation (deck) and which slide, as shown on the big screen.</summary>
public sealed record PresenterPosition(string Deck, int? BriefingId, int Slide, int SlideCount, DateTime AtUtc);

/// <summary>
/// Carries the presenter's current slide to everyone who follows on /presentatie/volgen. Only someone
/// who may present moves it; followers only listen. Kept in memory: after a restart the presenter's
/// screen, which keeps its slide in its address, reports it again.
/// </summary>
public sealed class PresentationHub(DashboardClock clock, ILogger<PresentationHub> log)
{
    private readonly Lock _gate = new();
    private readonly List<Func<PresenterPosition, Task>> _followers = [];

    public PresenterPosition? Current { get; private set; }

    /// <summary>Moves the shared slide; false (and nothing moves) for someone who may not present.</summary>
    public bool Move(Actor actor, string deck, int? briefingId, int slide, int slideCount)
    {
        if (!actor.MayPresent || slideCount <= 0)
        {
            return false;
        }
        var position = new PresenterPosition(deck, briefingId, Math.Clamp(slide, 0, slideCount - 1), slideCount, clock.UtcNow);
        Func<PresenterPosition, Task>[] followers;
        lock (_gate)
        {
            if (Current is { } current && current.Deck == position.Deck && current.Slide == position.Slide && current.SlideCount == position.SlideCount)
            {
                return true;
            }
            Current = position;
            followers = [.. _followers];
        }
        foreach (var follower in followers)
        {
            _ = TellAsync(follower, position);
        }
        return true;
    }

    /// <summary>Calls <paramref name="onMove"/> on every move of the presenter; dispose to stop following.</summary>
    public IDisposable Follow(Func<PresenterPosition, Task> onMove)
    {
        lock (_gate)
        {
            _followers.Add(onMove);
        }
        return new Subscription(this, onMove);
    }

    private async Task TellAsync(Func<PresenterPosition, Task> follower, PresenterPosition position)
    {
        try
        {
            await follower(position);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "A follower failed to take the presenter's slide");
        }
    }

    private sealed class Subscription(PresentationHub hub, Func<PresenterPosition, Task> onMove) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lock (hub._gate)
                {
                    hub._followers.Remove(onMove);
                }
            }
        }
    }
}
