using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Dashboard.Benchmarks.Hosting;

/// <summary>
/// A server under test in a process of its own (this program with "serve"), so that its heap and RSS
/// are its own and not the clients'. Stopped through /bench/stop, killed by its id if it does not stop.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StreamWriter _log;

    public Uri BaseUri { get; }
    public string LogFile { get; }
    public int ProcessId => _process.Id;

    private ServerProcess(Process process, Uri baseUri, StreamWriter log, string logFile)
    {
        _process = process;
        BaseUri = baseUri;
        _log = log;
        LogFile = logFile;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    public static async Task<ServerProcess> StartAsync(string kind, string workDir, params string[] extra)
    {
        var port = LoopbackPorts.Next();
        var psi = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }
        foreach (var arg in (string[])["serve", kind, "--port", port.ToString(CultureInfo.InvariantCulture), "--parent", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), .. extra])
        {
            psi.ArgumentList.Add(arg);
        }
        var logFile = Path.Combine(workDir, $"{kind}-{port}.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"), log, logFile);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {kind} server stopped at start-up; see {logFile}");
            }
            try
            {
                await server.StatsAsync(gc: false);
                return server;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(250);
            }
        }
    }

    public async Task<ServerStats> StatsAsync(bool gc) =>
        (await _http.GetFromJsonAsync<ServerStats>(gc ? "bench/stats?gc=1" : "bench/stats", Json.Options))!;

    public async Task<SaveAck> SaveAsync(string text)
    {
        using var response = await _http.PostAsync($"bench/save?text={Uri.EscapeDataString(text)}", null);
        response.EnsureSuccessStatusCode();
        var ack = (await response.Content.ReadFromJsonAsync<SaveAck>(Json.Options))!;
        return ack.Saved ? ack : throw new InvalidOperationException("The save was refused: " + ack.Message);
    }

    public async Task ResetQueriesAsync() => (await _http.PostAsync("bench/queries/reset", null)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _http.PostAsync("bench/stop", null, cts.Token);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
        }
        catch (Exception)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
        _http.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}

/// <summary>
/// Loopback ports for the servers under test and the PostgreSQL cluster: free ones the system picks, or, with
/// <c>--ports</c>, the next free one from a given port on (a shared machine where each user has a range).
/// </summary>
public static class LoopbackPorts
{
    private static int _next;

    public static void StartAt(int first) => _next = first;

    public static int Next()
    {
        if (_next <= 0)
        {
            return Bind(0);
        }
        while (true)
        {
            var port = _next++;
            try
            {
                return Bind(port);
            }
            catch (SocketException)
            {
                // taken: the next one
            }
        }
    }

    private static int Bind(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
