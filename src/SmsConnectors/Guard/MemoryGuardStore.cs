using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SmsConnectors.Guard;

/// <summary>
/// The guard's store for one process: sliding-window counters and expiring values under one lock,
/// so that every operation is atomic. Counters and values that can no longer matter are swept out
/// once a minute, so memory follows the traffic of the last window, not all traffic ever.
/// </summary>
internal sealed class MemoryGuardStore(TimeProvider timeProvider) : ISmsGuardStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SendLog> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredValue> _values = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Gets how many counters and values the store holds, for tests of its sweeping.</summary>
    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _counters.Count + _values.Count;
            }
        }
    }

    public ValueTask<SmsGuardAcquisition> TryAcquireAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var at = now.UtcTicks;
        lock (_lock)
        {
            SweepIfDue(now);
            var logs = new FoundLogs();
            var found = Math.Min(counters.Count, FoundLogs.Length);
            var refusal = SmsGuardAcquisition.Acquired;
            for (var i = 0; i < counters.Count; i++)
            {
                var counter = counters[i];
                if (_counters.TryGetValue(counter.Key, out var log))
                {
                    if (i < found)
                    {
                        logs[i] = log;
                    }

                    if (log.RetryAfter(counter, at) is { } retryAfter && (refusal.IsAcquired || retryAfter > refusal.RetryAfter))
                    {
                        refusal = SmsGuardAcquisition.Full(i, retryAfter);
                    }
                }
            }

            if (!refusal.IsAcquired)
            {
                return ValueTask.FromResult(refusal);
            }

            for (var i = 0; i < counters.Count; i++)
            {
                var counter = counters[i];
                var log = i < found ? logs[i] : null;
                if (log is null)
                {
                    ref var added = ref CollectionsMarshal.GetValueRefOrAddDefault(_counters, counter.Key, out _);
                    log = added ??= new SendLog();
                }

                log.Add(at, sendId, counter.Window);
            }
        }

        return ValueTask.FromResult(SmsGuardAcquisition.Acquired);
    }

    public ValueTask ReleaseAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counters);
        lock (_lock)
        {
            foreach (var counter in counters)
            {
                if (_counters.TryGetValue(counter.Key, out var log) && log.Remove(sendId) && log.Count == 0)
                {
                    _counters.Remove(counter.Key);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> TrySetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            SweepIfDue(now);
            if (Live(key, now) is { } existing)
            {
                return ValueTask.FromResult<string?>(existing.Value);
            }

            _values[key] = new StoredValue(value, now + expiry);
        }

        return ValueTask.FromResult<string?>(null);
    }

    public ValueTask<bool> ReplaceAsync(string key, string expected, string? value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        StoredValue? replaced;
        lock (_lock)
        {
            replaced = Live(key, now);
            if (replaced is null || !string.Equals(replaced.Value, expected, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(false);
            }

            if (value is null)
            {
                _values.Remove(key);
            }
            else
            {
                _values[key] = new StoredValue(value, now + expiry);
            }
        }

        replaced.Changed.TrySetResult();
        return ValueTask.FromResult(true);
    }

    public async ValueTask WaitForChangeAsync(string key, string value, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        StoredValue? current;
        lock (_lock)
        {
            current = Live(key, now);
        }

        if (current is null || !string.Equals(current.Value, value, StringComparison.Ordinal))
        {
            return;
        }

        // An expiry is a change too: wait no longer than the value lives.
        var wait = current.ExpiresAt - now < timeout ? current.ExpiresAt - now : timeout;
        try
        {
            await current.Changed.Task.WaitAsync(wait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The time is up, or the value expired: the caller reads the key again.
        }
    }

    private StoredValue? Live(string key, DateTimeOffset now)
    {
        if (!_values.TryGetValue(key, out var stored))
        {
            return null;
        }

        if (stored.ExpiresAt > now)
        {
            return stored;
        }

        _values.Remove(key);
        stored.Changed.TrySetResult();
        return null;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (key, log) in _counters)
        {
            if (log.ExpiresAt <= now.UtcTicks)
            {
                _counters.Remove(key);
            }
        }

        foreach (var (key, stored) in _values)
        {
            if (stored.ExpiresAt <= now)
            {
                _values.Remove(key);
                stored.Changed.TrySetResult();
            }
        }
    }

    private sealed record StoredValue(string Value, DateTimeOffset ExpiresAt)
    {
        public TaskCompletionSource Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The logs of a send's first counters, found while checking them, so that counting the send looks none up again.</summary>
    [InlineArray(Length)]
    private struct FoundLogs
    {
        public const int Length = 5;

        private SendLog? _first;
    }
}
