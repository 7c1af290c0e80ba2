using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dashboard.Tests.Support;

/// <summary>
/// A program of the solution (the app, or the crash writer) started as a separate OS process with
/// <c>dotnet X.dll</c> from the test's output folder, its output read line by line as it comes.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _pump;

    private AppProcess(Process process)
    {
        _process = process;
        _pump = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Add(line);
            }
            _lines.CompleteAdding();
        });
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public static AppProcess Start(string assembly, IEnumerable<string> args, IDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return new AppProcess(Process.Start(info)!);
    }

    /// <summary>The next line of standard output, or null once the process has ended and all was read.</summary>
    public string? NextLine(TimeSpan timeout) =>
        _lines.TryTake(out var line, timeout) ? line : null;

    /// <summary>Every line still to come, until the output ends.</summary>
    public IEnumerable<string> RemainingLines() => _lines.GetConsumingEnumerable();

    public string Errors => string.Join("\n", _errors);

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL on Linux: no shutdown code runs, nothing is flushed.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Waits for the end and for all its output; returns the exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _pump.WaitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
        _lines.Dispose();
    }
}
