using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmsConnectors.Redis;

/// <summary>
/// The store's connection to Redis, made on first use: from the configuration string (then owned
/// and disposed with the store) or from the app's factory (then the app's to dispose). A connect
/// that failed is tried again on the next use.
/// </summary>
internal sealed class RedisConnection : IDisposable
{
    /// <summary>The connect, sync and async timeout used unless the configuration string sets its own.</summary>
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private readonly string? _configuration;
    private readonly Func<Task<IConnectionMultiplexer>>? _factory;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Task<Connected>? _connecting;
    private bool _disposed;

    public RedisConnection(SmsRedisStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _configuration = options.Configuration;
        _factory = options.ConnectionMultiplexerFactory;
        _logger = logger;
    }

    /// <summary>
    /// Parses a configuration string and applies the store's defaults to what it leaves out, or
    /// returns <see langword="null"/> and says what is wrong without repeating the string (it may
    /// hold a password).
    /// </summary>
    public static ConfigurationOptions? TryParse(string configuration, out string? problem)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or NotSupportedException)
        {
            problem = "is not a valid StackExchange.Redis configuration string: it is a comma-separated list of host:port endpoints and key=value options, such as 127.0.0.1:6379,password=...";
            return null;
        }

        if (options.EndPoints.Count == 0)
        {
            problem = "names no Redis server: it needs at least one host:port, such as 127.0.0.1:6379";
            return null;
        }

        var given = configuration.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Contains('=', StringComparison.Ordinal))
            .Select(part => part[..part.IndexOf('=', StringComparison.Ordinal)].Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var timeout = (int)DefaultTimeout.TotalMilliseconds;
        if (!given.Contains("abortConnect"))
        {
            options.AbortOnConnectFail = false;
        }

        if (!given.Contains("connectTimeout"))
        {
            options.ConnectTimeout = timeout;
        }

        if (!given.Contains("syncTimeout"))
        {
            options.SyncTimeout = timeout;
        }

        if (!given.Contains("asyncTimeout"))
        {
            options.AsyncTimeout = timeout;
        }

        // Fail at once while disconnected, rather than queueing each command until its timeout:
        // a send then learns at once that the store is unavailable, and 'Guard:FailureMode' decides.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        problem = null;
        return options;
    }

    /// <summary>The database, connecting first if no connection was made yet (or the last attempt failed).</summary>
    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        Task<Connected> connecting;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connecting is null || _connecting.IsFaulted || _connecting.IsCanceled)
            {
                _connecting = Task.Run(ConnectAsync, CancellationToken.None);
            }

            connecting = _connecting;
        }

        var connected = await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        return connected.Multiplexer.GetDatabase();
    }

    public void Dispose()
    {
        Task<Connected>? connecting;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            connecting = _connecting;
        }

        if (connecting is null)
        {
            return;
        }

        if (connecting.IsCompletedSuccessfully)
        {
            Close(connecting.Result);
        }
        else if (!connecting.IsCompleted)
        {
            // Still connecting: close the connection once it is made.
            connecting.ContinueWith(
                static (task, state) =>
                {
                    if (task.IsCompletedSuccessfully)
                    {
                        ((RedisConnection)state!).Close(task.Result);
                    }
                },
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task<Connected> ConnectAsync()
    {
        if (_factory is not null)
        {
            var given = await _factory().ConfigureAwait(false)
                ?? throw new InvalidOperationException("'SmsRedisStoreOptions.ConnectionMultiplexerFactory' returned null.");
            return new Connected(given, Owned: false);
        }

        var options = TryParse(_configuration ?? string.Empty, out var problem)
            ?? throw new InvalidOperationException($"'{SmsRedisStoreOptionsValidator.Section}:Configuration' {problem}.");
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        multiplexer.ConnectionFailed += OnConnectionFailed;
        multiplexer.ConnectionRestored += OnConnectionRestored;
        return new Connected(multiplexer, Owned: true);
    }

    private void Close(Connected connected)
    {
        if (!connected.Owned)
        {
            return;
        }

        connected.Multiplexer.ConnectionFailed -= OnConnectionFailed;
        connected.Multiplexer.ConnectionRestored -= OnConnectionRestored;
        connected.Multiplexer.Dispose();
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            RedisLog.ConnectionFailed(_logger, e.EndPoint?.ToString() ?? "unknown", e.FailureType);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive)
        {
            RedisLog.ConnectionRestored(_logger, e.EndPoint?.ToString() ?? "unknown");
        }
    }

    /// <summary>A connection, and whether the store made it (and so disposes it).</summary>
    private sealed record Connected(IConnectionMultiplexer Multiplexer, bool Owned);
}
