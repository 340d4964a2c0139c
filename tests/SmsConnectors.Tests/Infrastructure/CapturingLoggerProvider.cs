using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A log line as a logger received it: formatted, with its structured values and its exception.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string Values, Exception? Exception)
{
    /// <summary>Everything the line carries, for checks that something appears nowhere in the logs.</summary>
    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message} [{Values}] {Exception}";
}

/// <summary>
/// Records every log line written through any logger it creates, at every level, so a test can
/// assert on what an application's logs would contain.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>Gets every line logged so far, in order.</summary>
    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Gets every line logged so far with its structured values and exception (<see cref="CapturedLog.ToString"/>).</summary>
    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.ToString())];

    /// <summary>Gets every formatted message (and exception text) logged so far, joined by new lines.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Exception is null ? e.Message : e.Message + "\n" + e.Exception));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Adds this provider to <paramref name="services"/> with the minimum level lowered to Trace.</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
        return services;
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._entries.Enqueue(new CapturedLog(
                category,
                logLevel,
                eventId,
                formatter(state, exception),
                state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty,
                exception));
    }
}
