using Dashboard.Data;
using Dashboard.Servers;

namespace Dashboard.Editing;

/// <summary>What a write needs the caller to hold, within a plan or outside any (<see cref="EditorKit.May"/>).</summary>
public enum Right
{
    /// <summary>Change a plan's data: milestones, briefings.</summary>
    Edit,
    /// <summary>Add a status update or mark a milestone done.</summary>
    UpdateStatus,
    AddMeasurements,
    /// <summary>Set up plans, spearpoints and indicators.</summary>
    SetUpPlans,
    /// <summary>Manage users and API keys.</summary>
    Administer,
    /// <summary>Release a rapportage (vaststellen) or send it back.</summary>
    Release,
    /// <summary>Ask a technische vraag, or withdraw one's own: a raadslid.</summary>
    Ask,
}

/// <summary>
/// One write as the audit trail names it, refused or not: who asks, the action, the record's type and id, the values
/// attempted, and the spearpoint when it is known.
/// </summary>
public sealed record Write(Actor Actor, string Action, string Type, object? Id, object Attempted, int? SpearpointId = null)
{
    /// <summary>One more row for the write's own transaction, added just before its commit (an API idempotency record).</summary>
    public Action<DashboardDbContext>? Alongside { get; init; }
}

/// <summary>
/// A row that the caller of a write method stores in that write's own transaction, made from the write's answer once the
/// change is saved and before it commits: the API's idempotency record with the answer it will replay, so that a save cut
/// off anywhere stored both or neither. Ambient (as a transaction scope is), so the service stays the one method that
/// checks, saves and audits the write; only the first commit inside <see cref="Use"/> takes it.
/// </summary>
public static class WriteAlongside
{
    private sealed class Holder(Action<DashboardDbContext, SaveResult> add)
    {
        public Action<DashboardDbContext, SaveResult>? Add = add;
    }

    private static readonly AsyncLocal<Holder?> Current = new();

    public static IDisposable Use(Action<DashboardDbContext, SaveResult> add)
    {
        var holder = new Holder(add);
        Current.Value = holder;
        return new Release(holder);
    }

    /// <summary>The row to add, once: a later commit in the same flow (another write the first one causes) does not take it again.</summary>
    internal static Action<DashboardDbContext, SaveResult>? Take() => Current.Value is { } h ? Interlocked.Exchange(ref h.Add, null) : null;

    private sealed class Release(Holder holder) : IDisposable
    {
        public void Dispose()
        {
            holder.Add = null;
            if (Current.Value == holder)
            {
                Current.Value = null;
            }
        }
    }
}

/// <summary>
/// What a write changed, as its audit entry tells it. Unless said otherwise the entry names the write's record, the open
/// screens hear what a change to the opened record tells them, and the answer carries that record's new version.
/// </summary>
public sealed record Audited(object? Old, object? New)
{
    /// <summary>A new record, stored before the audit entry so that <see cref="Named"/> can give its id.</summary>
    public object? Added { get; init; }

    /// <summary>The id and spearpoint the audit entry names once <see cref="Added"/> has its id.</summary>
    public Func<(object? Id, int? SpearpointId)>? Named { get; init; }

    public Func<IReadOnlyCollection<Change>>? Tell { get; init; }

    public Func<SaveResult>? Answer { get; init; }

    /// <summary>The field and its message when a unique index refuses the change (someone saved the same a moment ago).</summary>
    public (string Field, string Message)? Clash { get; init; }
}
