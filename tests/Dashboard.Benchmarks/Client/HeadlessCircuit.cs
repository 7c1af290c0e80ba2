using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Briefings;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Client;

/// <summary>
/// One Blazor Server circuit without a browser, doing what blazor.web.js does for a prerendered page:
/// GET the page, read its component markers and persisted state, StartCircuit, UpdateRootComponents,
/// acknowledge every render batch and answer every JS call. It notices when a render batch carries a
/// given text, which is how a viewer "sees" a change.
/// </summary>
public sealed partial class HeadlessCircuit : IAsyncDisposable
{
    /// <summary>JS calls by identifier, over all circuits (to see what a page asks of the browser).</summary>
    public static readonly ConcurrentDictionary<string, int> JsCallsByIdentifier = new();

    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _rootComponentsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Expectation? _expectation;
    private long _nextJsObjectId;
    private bool _disposed;

    public int RenderBatches;
    public long RenderBytes;
    public string? Error { get; private set; }

    /// <summary>Timings of the opening, in milliseconds.</summary>
    public double PageMs { get; private set; }
    public double InteractiveMs { get; private set; }
    public int PageBytes { get; private set; }

    private HeadlessCircuit(HubConnection hub) => _hub = hub;

    public static async Task<HeadlessCircuit> OpenAsync(HttpClient http, Uri pageUri, TimeSpan timeout, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var html = await http.GetStringAsync(pageUri, ct);
        var pageMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var markers = ServerMarkers(html);
        var state = StateComment().Match(html) is { Success: true } m ? m.Groups[1].Value : "";
        var baseUri = new Uri(pageUri, "/");

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, o => o.SkipNegotiation = true);
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var circuit = new HeadlessCircuit(builder.Build()) { PageMs = pageMs, PageBytes = html.Length };
        circuit.Wire();

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await circuit._hub.StartAsync(cts.Token);
            var interactive = Stopwatch.GetTimestamp();
            var secret = await circuit._hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), pageUri.ToString(), "[]", state, cts.Token);
            if (string.IsNullOrEmpty(secret))
            {
                throw new InvalidOperationException("StartCircuit refused: " + circuit.Error);
            }
            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray([.. markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add",
                    ["ssrComponentId"] = i + 1,
                    ["marker"] = marker,
                })]),
            };
            await circuit._hub.SendAsync("UpdateRootComponents", operations.ToJsonString(), state, cts.Token);
            await circuit._rootComponentsDone.Task.WaitAsync(cts.Token);
            circuit.InteractiveMs = Stopwatch.GetElapsedTime(interactive).TotalMilliseconds;
            return circuit;
        }
        catch (Exception ex)
        {
            circuit.Error ??= ex.Message;
            await circuit.DisposeAsync();
            throw new InvalidOperationException($"Circuit on {pageUri} did not open: {circuit.Error}", ex);
        }
    }

    /// <summary>
    /// Completes with the <see cref="Stopwatch"/> timestamp of the first render batch that carries
    /// <paramref name="text"/> (strings travel as UTF-8 in the batch's string table).
    /// </summary>
    public Task<long> Expect(string text)
    {
        var expectation = new Expectation(Encoding.UTF8.GetBytes(text));
        Volatile.Write(ref _expectation, expectation);
        return expectation.Seen.Task;
    }

    private void Wire()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            var at = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref RenderBatches);
            Interlocked.Add(ref RenderBytes, data.Length);
            if (Volatile.Read(ref _expectation) is { } e && data.AsSpan().IndexOf(e.Token) >= 0)
            {
                e.Seen.TrySetResult(at);
            }
            // The server stops rendering after 10 batches that were not acknowledged.
            await _hub.SendAsync("OnRenderCompleted", batchId, null);
        });

        // .NET 10: taskId, identifier, argsJson, resultType, targetInstanceId, callType.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            var taskId = (long)args[0]!;
            var identifier = (string)args[1]!;
            var resultType = (int)args[3]!;
            JsCallsByIdentifier.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            if (taskId == 0)
            {
                return;
            }
            var result = resultType == 1 // JSCallResultType.JSObjectReference
                ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref _nextJsObjectId)}}}"
                : "null";
            await _hub.SendAsync("EndInvokeJSFromDotNet", taskId, true, $"[{taskId},true,{result}]");
        });

        _hub.On<long>("JS.EndUpdateRootComponents", _ => _rootComponentsDone.TrySetResult());
        _hub.On<string>("JS.Error", error =>
        {
            Error ??= error;
            _rootComponentsDone.TrySetException(new InvalidOperationException(error));
        });
        _hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndInvokeDotNet", [typeof(string)], _ => Task.CompletedTask);
        _hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
        _hub.Closed += ex =>
        {
            if (!_disposed)
            {
                Error ??= "connection closed" + (ex is null ? "" : ": " + ex.Message);
                _rootComponentsDone.TrySetException(new InvalidOperationException(Error));
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>The interactive server markers of the page, in their sequence, as blazor.web.js sends them.</summary>
    public static List<JsonObject> ServerMarkers(string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerComment().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && marker["type"]?.GetValue<string>() == "server")
            {
                markers.Add(marker);
            }
        }
        markers.Sort((a, b) => a["sequence"]!.GetValue<int>().CompareTo(b["sequence"]!.GetValue<int>()));
        for (var i = 0; i < markers.Count; i++)
        {
            markers[i]["uniqueId"] = i;
        }
        if (markers.Count == 0)
        {
            throw new InvalidOperationException("The page has no interactive server components.");
        }
        return markers;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            await _hub.DisposeAsync();
        }
        catch (Exception)
        {
            // closing anyway
        }
    }

    private sealed class Expectation(byte[] token)
    {
        public byte[] Token { get; } = token;
        public TaskCompletionSource<long> Seen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerComment();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]*)\s*-->")]
    private static partial Regex StateComment();
}
