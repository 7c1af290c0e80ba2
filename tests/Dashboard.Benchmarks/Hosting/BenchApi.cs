using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>What the benchmark asks of a server under test: push a change, and say how many are following it.</summary>
public interface IBenchTarget
{
    /// <summary>Makes <paramref name="text"/> the new state every viewer should see, the way the app does it.</summary>
    Task<SaveAck> SaveAsync(string text, CancellationToken ct);

    /// <summary>Live components following the changed item.</summary>
    ValueTask<int> SubscribersAsync();

    /// <summary>Database reads made to publish changes (0 for the baseline, which has no database).</summary>
    long LiveReads { get; }
}

/// <summary>When the save started, on the machine-wide monotonic clock and on the wall clock (for browsers).</summary>
public sealed record SaveAck(long StartTimestamp, double StartUnixMs, bool Saved, string? Message, double SaveMs = 0);

public sealed record ServerStats(
    long HeapBytes, long RssBytes, int Circuits, int Queries, long LiveReads, int Subscribers,
    long AllocatedBytes, int Gen0, int Gen1, int Gen2, double CpuMs, double JitMs, double ComponentsPerCircuit = 0);

/// <summary>The /bench endpoints both servers answer; the benchmark's own, never part of the app.</summary>
public static class BenchApi
{
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var target = services.GetRequiredService<IBenchTarget>();
        var queries = services.GetService<QueryCounter>();
        var ct = context.RequestAborted;
        switch (context.Request.Path.Value)
        {
            case "/stats":
                if (context.Request.Query.ContainsKey("gc"))
                {
                    for (var i = 0; i < 3; i++)
                    {
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        GC.WaitForPendingFinalizers();
                    }
                }
                using (var process = Process.GetCurrentProcess())
                {
                    await context.Response.WriteAsJsonAsync(new ServerStats(
                        GC.GetTotalMemory(forceFullCollection: false),
                        process.WorkingSet64,
                        services.GetRequiredService<CircuitCounter>().Open,
                        queries?.Count ?? 0,
                        target.LiveReads,
                        await target.SubscribersAsync(),
                        GC.GetTotalAllocatedBytes(precise: true),
                        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
                        process.TotalProcessorTime.TotalMilliseconds,
                        System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
                        services.GetRequiredService<CircuitCounter>().ComponentsPerCircuit()), ct);
                }
                break;
            case "/queries/reset":
                queries?.Reset();
                break;
            case "/save":
                var text = context.Request.Query["text"].ToString();
                await context.Response.WriteAsJsonAsync(await target.SaveAsync(text, ct), ct);
                break;
            case "/stop":
                context.RequestServices.GetRequiredService<IHostApplicationLifetime>().StopApplication();
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    /// <summary>
    /// A closed circuit is normally kept three minutes for a reconnect; here it goes at once, so the
    /// warm-up's and the browsers' closed circuits do not stay in the memory and circuit counts.
    /// </summary>
    public static void DropClosedCircuits(CircuitOptions options) =>
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMilliseconds(10);

    public static SaveAck Started(bool saved = true, string? message = null) =>
        new(Stopwatch.GetTimestamp(), (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds, saved, message);
}

/// <summary>Circuits open on the server right now, and the components they hold.</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Circuit, byte> _circuits = new();
    private int _open;
    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        _circuits.TryAdd(circuit, 0);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        _circuits.TryRemove(circuit, out _);
        return Task.CompletedTask;
    }

    // The framework does not say how many components a circuit holds; the benchmark reads it from the renderer
    // (Circuit._circuitHost.Renderer._componentStateById), as a heap dump would count RemoteComponentState.
    private static readonly System.Reflection.FieldInfo? HostField =
        typeof(Circuit).GetField("_circuitHost", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);
    private static readonly System.Reflection.FieldInfo? StatesField =
        typeof(Microsoft.AspNetCore.Components.RenderTree.Renderer).GetField("_componentStateById", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    /// <summary>Components per open circuit, on average; -1 when the framework's internals are not where expected.</summary>
    public double ComponentsPerCircuit()
    {
        if (HostField is null || StatesField is null)
        {
            return -1;
        }
        long components = 0;
        var circuits = 0;
        foreach (var circuit in _circuits.Keys)
        {
            var host = HostField.GetValue(circuit);
            var renderer = host?.GetType().GetProperty("Renderer")?.GetValue(host);
            if (renderer is not null && StatesField.GetValue(renderer) is System.Collections.ICollection states)
            {
                components += states.Count;
                circuits++;
            }
        }
        return circuits == 0 ? 0 : (double)components / circuits;
    }
}

/// <summary>Counts the SQL commands EF sends that read or write data (the connection PRAGMAs are not commands of EF's).</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Interlocked.Increment(ref _count);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }
}

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
