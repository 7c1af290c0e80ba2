using System.Collections.Concurrent;
using Dashboard.Tests.Support;

namespace Dashboard.ClusterTests.Support;

/// <summary>
/// One instance of the real app: <c>dotnet Dashboard.dll</c> (the build output of src/Dashboard, copied beside
/// the tests) as an OS process of its own, in Production, on PostgreSQL, on plain HTTP on a loopback port behind nginx.
/// </summary>
public sealed class Instance(string name, IReadOnlyDictionary<string, string> environment, string logFolder) : IDisposable
{
    private AppProcess? _process;
    private readonly ConcurrentQueue<string> _log = new();
    private int _starts;

    /// <summary>The route nginx names this instance by (its route cookie's value): app1, app2.</summary>
    public string Name { get; } = name;
    /// <summary>Chosen at the first start; nginx's configuration holds it from then on.</summary>
    public int Port { get; private set; }
    public string Address => $"127.0.0.1:{Port}";
    public string Url => $"http://{Address}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts the process and waits until /health answers. A port of the range can be taken by someone's outgoing
    /// connection (it is in Linux's ephemeral range): the first start then takes another port, a restart tries again.
    /// </summary>
    public async Task StartAsync()
    {
        var first = Port == 0;
        for (var attempt = 1; ; attempt++)
        {
            if (first)
            {
                Port = Ports.Free();
            }
            try
            {
                await StartOnceAsync();
                return;
            }
            catch (AddressInUseException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(first ? 0 : 1));
            }
        }
    }

    private sealed class AddressInUseException(string message) : Exception(message);

    private async Task StartOnceAsync()
    {
        _starts++;
        _log.Enqueue($"--- start {_starts} on port {Port} at {DateTime.UtcNow:O}");
        if (_process is not null)
        {
            _log.Enqueue(_process.Errors);
            _process.Dispose();
        }
        var env = new Dictionary<string, string>(environment) { ["ASPNETCORE_URLS"] = Url };
        var process = AppProcess.Start("Dashboard.dll", [], env);
        _process = process;
        _ = Task.Run(() =>
        {
            try
            {
                foreach (var line in process.RemainingLines())
                {
                    _log.Enqueue(line);
                }
            }
            catch (ObjectDisposedException)
            {
                // disposed at the end of the run
            }
        });
        await WaitHealthyAsync(process);
    }

    private async Task WaitHealthyAsync(AppProcess process)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitAsync(TimeSpan.FromSeconds(10));
                var why = $"Instance {Name} ended at start-up:\n{Log}\n{process.Errors}";
                throw why.Contains("address already in use", StringComparison.Ordinal) ? new AddressInUseException(why) : new InvalidOperationException(why);
            }
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Instance {Name} not healthy within 90 s:\n{Log}\n{process.Errors}");
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, open connections are cut.</summary>
    public void Kill()
    {
        _log.Enqueue($"--- kill -9 at {DateTime.UtcNow:O}");
        _process!.Kill();
        _process.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
    }

    public string Log => string.Join("\n", _log);

    /// <summary>How many lines the log has now: a mark to read what came after it.</summary>
    public int LogMark => _log.Count;

    /// <summary>The log's errors (".. fail: ..." and what follows it) after a <see cref="LogMark"/>.</summary>
    public IReadOnlyList<string> ErrorsSince(int mark) => _log.Skip(mark)
        .Select((line, i) => (line, i))
        .Where(l => l.line.Contains(" fail: ", StringComparison.Ordinal) || l.line.Contains(" crit: ", StringComparison.Ordinal))
        .Select(l => string.Join("\n", _log.Skip(mark + l.i).Take(6)))
        .ToList();

    public void Dispose()
    {
        if (_process is not null)
        {
            _log.Enqueue(_process.Errors);
            _process.Dispose();
            _process = null;
        }
        File.WriteAllText(Path.Combine(logFolder, $"{Name}.log"), Log);
    }
}
