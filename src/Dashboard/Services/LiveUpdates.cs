namespace Dashboard.Services;

/// <summary>
/// Pushes a committed change to every open screen that shows the spearpoint. One save causes one
/// read of the new state, shared by all viewers; each viewer's component re-renders itself.
/// </summary>
public sealed class LiveUpdates(DashboardQueries queries, ILogger<LiveUpdates> log)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<Func<SpearpointDetail, Task>>> _handlers = [];
    private long _reads;

    /// <summary>How many times a published change was read from the database (for tests and benchmarks).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public int SubscriberCount(int spearpointId)
    {
        lock (_gate)
        {
            return _handlers.TryGetValue(spearpointId, out var list) ? list.Count : 0;
        }
    }

    /// <summary>Calls <paramref name="onChange"/> with the spearpoint's current state after every committed change; dispose to stop.</summary>
    public IDisposable Subscribe(int spearpointId, Func<SpearpointDetail, Task> onChange)
    {
        lock (_gate)
        {
            if (!_handlers.TryGetValue(spearpointId, out var list))
            {
                _handlers[spearpointId] = list = [];
            }
            list.Add(onChange);
        }
        return new Subscription(this, spearpointId, onChange);
    }

    /// <summary>Called by the write services after their transaction has committed.</summary>
    public async Task PublishAsync(int spearpointId, CancellationToken ct = default)
    {
        Func<SpearpointDetail, Task>[] targets;
        lock (_gate)
        {
            if (!_handlers.TryGetValue(spearpointId, out var list) || list.Count == 0)
            {
                return;
            }
            targets = [.. list];
        }

        SpearpointDetail? detail;
        try
        {
            Interlocked.Increment(ref _reads);
            detail = await queries.GetSpearpointAsync(spearpointId, referenceDate: null, ct);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Reading spearpoint {SpearpointId} for the live update failed", spearpointId);
            return;
        }
        if (detail is null)
        {
            return;
        }
        foreach (var target in targets)
        {
            _ = DeliverAsync(target, detail);
        }
    }

    private async Task DeliverAsync(Func<SpearpointDetail, Task> target, SpearpointDetail detail)
    {
        try
        {
            await target(detail);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "A viewer failed to take the live update of spearpoint {SpearpointId}", detail.Summary.Id);
        }
    }

    private void Unsubscribe(int spearpointId, Func<SpearpointDetail, Task> onChange)
    {
        lock (_gate)
        {
            if (_handlers.TryGetValue(spearpointId, out var list) && list.Remove(onChange) && list.Count == 0)
            {
                _handlers.Remove(spearpointId);
            }
        }
    }

    private sealed class Subscription(LiveUpdates owner, int spearpointId, Func<SpearpointDetail, Task> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(spearpointId, onChange);
            }
        }
    }
}
