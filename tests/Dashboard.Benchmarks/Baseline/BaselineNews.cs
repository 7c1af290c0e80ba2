using Dashboard.Progress;

namespace Dashboard.Benchmarks.Baseline;

/// <summary>The baseline's LiveUpdates: the new state is made once and handed to every subscriber.</summary>
public sealed class BaselineNews
{
    private readonly Lock _gate = new();
    private readonly List<Func<string, Task>> _handlers = [];

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _handlers.Count;
            }
        }
    }

    public IDisposable Subscribe(Func<string, Task> onNews)
    {
        lock (_gate)
        {
            _handlers.Add(onNews);
        }
        return new Subscription(this, onNews);
    }

    public void Publish(string text)
    {
        Func<string, Task>[] targets;
        lock (_gate)
        {
            targets = [.. _handlers];
        }
        foreach (var target in targets)
        {
            _ = DeliverAsync(target, text);
        }
    }

    private static async Task DeliverAsync(Func<string, Task> target, string text)
    {
        try
        {
            await target(text);
        }
        catch (Exception)
        {
            // a closed viewer
        }
    }

    private sealed class Subscription(BaselineNews owner, Func<string, Task> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._handlers.Remove(handler);
            }
        }
    }
}
