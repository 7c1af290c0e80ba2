using Dashboard.Servers;

namespace Dashboard.Progress;

/// <summary>
/// Pushes a committed change to every open screen of this instance that shows it. One save causes one read of
/// the new state per instance, shared by all its viewers; each viewer's component re-renders itself. Two
/// channels: a spearpoint's state (its cards and its page), and a plan's list of spearpoints (added, moved,
/// ended: its overviews). The changes arrive through the <see cref="Servers.ChangeFeed"/>, from this instance or
/// (on PostgreSQL) any other.
/// </summary>
public sealed class LiveUpdates(DashboardQueries queries, Questions.QuestionQueries questions, ILogger<LiveUpdates> log)
{
    private readonly Subscribers<SpearpointDetail> _spearpoints = new();
    private readonly Subscribers<OverviewModel> _plans = new();
    private readonly Subscribers<int> _releases = new();
    private readonly Subscribers<Questions.PlanQuestions> _questions = new();
    private long _reads;

    /// <summary>How many times a published change was read from the database (for tests and benchmarks).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public int SubscriberCount(int spearpointId) => _spearpoints.Count(spearpointId);

    public int PlanSubscriberCount(int planId) => _plans.Count(planId);

    /// <summary>Calls <paramref name="onChange"/> with the spearpoint's current state after every committed change; dispose to stop.</summary>
    public IDisposable Subscribe(int spearpointId, Func<SpearpointDetail, Task> onChange) => _spearpoints.Add(spearpointId, onChange);

    /// <summary>Calls <paramref name="onChange"/> with the plan's current overview after a spearpoint is added, moved, ended or changes kind.</summary>
    public IDisposable SubscribePlan(int planId, Func<OverviewModel, Task> onChange) => _plans.Add(planId, onChange);

    /// <summary>
    /// Calls <paramref name="onRelease"/> with the plan's id after a rapportage of it is released: the screens that show the
    /// council's released state read it again themselves, each for its own reader and peildatum (a release is rare).
    /// </summary>
    public IDisposable SubscribeReleases(int planId, Func<int, Task> onRelease) => _releases.Add(planId, onRelease);

    /// <summary>
    /// Calls <paramref name="onChange"/> with everything stored about the plan's technische vragen after one is asked, answered or
    /// withdrawn: read once for all screens; each shows only what its reader may see (<see cref="Questions.QuestionReader.See"/>).
    /// </summary>
    public IDisposable SubscribeQuestions(int planId, Func<Questions.PlanQuestions, Task> onChange) => _questions.Add(planId, onChange);

    /// <summary>Called, through the change feed, after a change to the plan's questions has committed.</summary>
    public Task PublishQuestionsAsync(int planId, CancellationToken ct = default) =>
        PublishAsync(_questions, planId, () => questions.ReadPlanAsync(planId, ct)!, "questions");

    /// <summary>Called, through the change feed, after a rapportage of the plan was released.</summary>
    public Task PublishReleaseAsync(int planId)
    {
        foreach (var target in _releases.Of(planId))
        {
            _ = DeliverAsync(target, planId, "release", planId);
        }
        return Task.CompletedTask;
    }

    /// <summary>Every open screen reads its state again (after the feed may have missed changes); one read per spearpoint and plan shown.</summary>
    public async Task RefreshAllAsync(CancellationToken ct = default)
    {
        foreach (var plan in _plans.Ids())
        {
            await PublishPlanAsync(plan, ct);
        }
        foreach (var spearpoint in _spearpoints.Ids())
        {
            await PublishAsync(spearpoint, ct);
        }
        foreach (var plan in _releases.Ids())
        {
            await PublishReleaseAsync(plan);
        }
        foreach (var plan in _questions.Ids())
        {
            await PublishQuestionsAsync(plan, ct);
        }
    }

    /// <summary>Called, through the change feed, after a spearpoint's change has committed.</summary>
    public Task PublishAsync(int spearpointId, CancellationToken ct = default) =>
        PublishAsync(_spearpoints, spearpointId, () => queries.GetSpearpointAsync(spearpointId, referenceDate: null, ct), "spearpoint");

    /// <summary>Called, through the change feed, after a change to the plan's list of spearpoints has committed.</summary>
    public Task PublishPlanAsync(int planId, CancellationToken ct = default) =>
        PublishAsync(_plans, planId, () => queries.GetOverviewAsync(planId, referenceDate: null, ct), "plan");

    private async Task PublishAsync<T>(Subscribers<T> subscribers, int id, Func<Task<T?>> read, string what) where T : class
    {
        var targets = subscribers.Of(id);
        if (targets.Length == 0)
        {
            return;
        }

        T? state;
        try
        {
            Interlocked.Increment(ref _reads);
            state = await read();
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Reading {What} {Id} for the live update failed", what, id);
            return;
        }
        if (state is null)
        {
            return;
        }
        foreach (var target in targets)
        {
            _ = DeliverAsync(target, state, what, id);
        }
    }

    private async Task DeliverAsync<T>(Func<T, Task> target, T state, string what, int id)
    {
        try
        {
            await target(state);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "A viewer failed to take the live update of {What} {Id}", what, id);
        }
    }

    /// <summary>The open screens following each id, added and removed from any thread.</summary>
    private sealed class Subscribers<T>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, List<Func<T, Task>>> _handlers = [];

        public int Count(int id)
        {
            lock (_gate)
            {
                return _handlers.TryGetValue(id, out var list) ? list.Count : 0;
            }
        }

        public int[] Ids()
        {
            lock (_gate)
            {
                return [.. _handlers.Keys];
            }
        }

        public Func<T, Task>[] Of(int id)
        {
            lock (_gate)
            {
                return _handlers.TryGetValue(id, out var list) ? [.. list] : [];
            }
        }

        public IDisposable Add(int id, Func<T, Task> handler)
        {
            lock (_gate)
            {
                if (!_handlers.TryGetValue(id, out var list))
                {
                    _handlers[id] = list = [];
                }
                list.Add(handler);
            }
            return new Subscription(this, id, handler);
        }

        private void Remove(int id, Func<T, Task> handler)
        {
            lock (_gate)
            {
                if (_handlers.TryGetValue(id, out var list) && list.Remove(handler) && list.Count == 0)
                {
                    _handlers.Remove(id);
                }
            }
        }

        private sealed class Subscription(Subscribers<T> owner, int id, Func<T, Task> handler) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    owner.Remove(id, handler);
                }
            }
        }
    }
}
