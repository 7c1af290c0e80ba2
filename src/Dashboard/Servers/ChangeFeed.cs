using Dashboard.Data;

namespace Dashboard.Servers;

/// <summary>
/// How a committed change reaches the open screens of every instance. A save hands its changes to the feed inside
/// its transaction (<see cref="SignalAsync"/>) and again after the commit (<see cref="CommittedAsync"/>). On SQLite
/// (one instance) the second call delivers them in this process; on PostgreSQL the first one is a <c>pg_notify</c>
/// in the saving transaction, so a notification exists exactly when the commit does, and every instance, this one
/// too, delivers what its listener hears.
/// </summary>
public abstract class ChangeFeed
{
    /// <summary>Inside the saving transaction, before its commit.</summary>
    public abstract Task SignalAsync(DashboardDbContext db, IReadOnlyCollection<Change> changes, CancellationToken ct);

    /// <summary>After the commit.</summary>
    public abstract Task CommittedAsync(IReadOnlyCollection<Change> changes);

    /// <summary>
    /// Runs <paramref name="save"/> and the signal in one transaction (the caller's, when one is open: then the
    /// caller commits and calls <see cref="CommittedAsync"/>), then tells the screens.
    /// </summary>
    public async Task SaveAsync(DashboardDbContext db, IReadOnlyCollection<Change> changes, Func<Task> save, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            await save();
            return;
        }
        if (db.Database.CurrentTransaction is not null)
        {
            await save();
            await SignalAsync(db, changes, ct);
            return;
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await save();
            await SignalAsync(db, changes, ct);
            await tx.CommitAsync(ct);
        }
        await CommittedAsync(changes);
    }
}

/// <summary>One instance on SQLite: the changes go straight to this process's screens once committed.</summary>
public sealed class InProcessChangeFeed(ChangeDispatcher dispatcher) : ChangeFeed
{
    public override Task SignalAsync(DashboardDbContext db, IReadOnlyCollection<Change> changes, CancellationToken ct) => Task.CompletedTask;

    public override Task CommittedAsync(IReadOnlyCollection<Change> changes) => dispatcher.DispatchAsync(changes);
}
