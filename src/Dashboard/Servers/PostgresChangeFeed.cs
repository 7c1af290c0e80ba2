using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Servers;

/// <summary>
/// Several instances on PostgreSQL: a save's changes go out as <c>pg_notify</c> inside its transaction, which
/// PostgreSQL delivers to every listening instance when, and only when, the transaction commits. This instance
/// hears its own notification too (<see cref="PostgresChangeListener"/>), so the after-commit step has nothing to do.
/// </summary>
public sealed class PostgresChangeFeed : ChangeFeed
{
    public const string Channel = "dashboard_changes";

    public override async Task SignalAsync(DashboardDbContext db, IReadOnlyCollection<Change> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }
        var payload = Change.Format(changes);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
    }

    public override Task CommittedAsync(IReadOnlyCollection<Change> changes) => Task.CompletedTask;
}
