using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Npgsql;

namespace Dashboard.Servers;

/// <summary>
/// Lets a scheduled job (backups, mail, the demo seed) run on one instance at a time: the others skip that round.
/// </summary>
public interface IJobLock
{
    /// <summary>Runs <paramref name="work"/> if no other instance runs the same job now; false when it was skipped.</summary>
    Task<bool> TryRunAsync(string job, Func<CancellationToken, Task> work, CancellationToken ct);
}

/// <summary>SQLite: one instance, so one lock per job in this process.</summary>
public sealed class InProcessJobLock : IJobLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<bool> TryRunAsync(string job, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, ct))
        {
            return false;
        }
        try
        {
            await work(ct);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>
/// PostgreSQL: a session-level advisory lock on a connection of its own, held while the job runs. An instance that
/// dies mid-job loses its connection, and with it the lock, so another instance takes over in the next round.
/// </summary>
public sealed class PostgresJobLock(DatabaseSettings settings) : IJobLock
{
    public async Task<bool> TryRunAsync(string job, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { ApplicationName = "dashboard-job-" + job, Pooling = false };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        await connection.OpenAsync(ct);
        var key = Key(job);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", key);
            if (await take.ExecuteScalarAsync(ct) is not true)
            {
                return false;
            }
        }
        try
        {
            await work(ct);
            return true;
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", key);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Waits for the lock of <paramref name="job"/> and holds it until the returned connection is disposed: for work that
    /// every instance needs done before it goes on, by one at a time (the upgrade of the database at start-up).
    /// </summary>
    public static async Task<IAsyncDisposable> HoldAsync(string connectionString, string job, CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "dashboard-job-" + job, Pooling = false };
        var connection = new NpgsqlConnection(csb.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", Key(job));
            await take.ExecuteNonQueryAsync(ct);
            // Closing the connection (no pooling) ends the session, and with it the lock.
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The same 64-bit key for the same job on every instance and every version (not string.GetHashCode).</summary>
    public static long Key(string job) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("voortgangsdashboard:" + job)), 0);
}
