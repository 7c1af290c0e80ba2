using System.Threading.Channels;
using Dashboard.Data;
using Npgsql;

namespace Dashboard.Servers;

/// <summary>
/// One dedicated connection per instance that LISTENs for the changes any instance commits, and hands them to this
/// instance's screens. When the connection drops it reconnects (with a growing pause), and then every open screen
/// reads its state again, so that a change committed while nobody was listening is not missed.
/// </summary>
public sealed class PostgresChangeListener(
    DatabaseSettings settings,
    ChangeDispatcher dispatcher,
    TimeProvider time,
    ILogger<PostgresChangeListener> log) : BackgroundService
{
    public const string ApplicationName = "dashboard-listener";

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private long _connections;
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many times the listening connection was (re)established: for tests and the log.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Completes once the current connection listens; a test waits for it before it saves.</summary>
    public Task Listening => Volatile.Read(ref _listening).Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliver = DeliverAsync(stoppingToken);
        var pause = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (Volatile.Read(ref _listening).Task.IsCompleted)
                {
                    Volatile.Write(ref _listening, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    pause = TimeSpan.FromMilliseconds(250);
                }
                log.LogWarning(ex, "The connection that listens for changes dropped; reconnecting in {Pause}", pause);
                try
                {
                    await Task.Delay(pause, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
        _received.Writer.TryComplete();
        await deliver;
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            // A dead server or network is noticed within seconds, not at the next change.
            KeepAlive = 5,
        };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        connection.Notification += (_, e) => _received.Writer.TryWrite(e.Payload);
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand($"LISTEN {PostgresChangeFeed.Channel}", connection))
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        var count = Interlocked.Increment(ref _connections);
        log.LogInformation("Listening for changes on {Channel} (connection {Count})", PostgresChangeFeed.Channel, count);
        if (count > 1)
        {
            // Whatever was committed while the connection was down went unheard: every screen reads again.
            _received.Writer.TryWrite(RefreshAll);
        }
        Volatile.Read(ref _listening).TrySetResult();
        while (true)
        {
            await connection.WaitAsync(ct);
        }
    }

    private const string RefreshAll = "*";

    private async Task DeliverAsync(CancellationToken ct)
    {
        await foreach (var payload in _received.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (payload == RefreshAll)
                {
                    await dispatcher.RefreshAllAsync();
                }
                else
                {
                    await dispatcher.DispatchAsync(Change.Parse(payload));
                }
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Delivering the change {Payload} to this instance's screens failed", payload);
            }
        }
    }
}
