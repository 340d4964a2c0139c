using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A logger provider that keeps every log line (all levels), for asserting what is and is not logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every line so far: category, level, formatted message and exception text.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>All lines joined, for substring assertions.</summary>
    public string Text => string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> values
                ? " {" + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) + "}"
                : string.Empty;
            lines.Enqueue($"{category} [{logLevel}] {formatter(state, exception)}{structured}{(exception is null ? string.Empty : "\n" + exception)}");
        }
    }
}
