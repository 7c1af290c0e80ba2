using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dashboard.ApiTests.Support;

/// <summary>The app's own log, kept in the test: every error, and every warning that carries an exception, with the request it came from.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<string> Failures { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private string? RequestPath()
    {
        string? path = null;
        _scopes?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "RequestPath").Value is string p)
            {
                path = p;
            }
        }, (object?)null);
        return path;
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error || (exception is not null && logLevel >= LogLevel.Warning))
            {
                var message = formatter(state, exception).Split('\n')[0];
                capture.Failures.Enqueue($"{logLevel} {category} on {capture.RequestPath() ?? "(no request)"}: {message[..Math.Min(300, message.Length)]}" +
                    (exception is null ? "" : $" — {exception.GetType().Name}: {exception.Message}"));
            }
        }
    }
}
