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
        lock (_lock)
        {
            SweepIfDue(now);
            var refusal = SmsGuardAcquisition.Acquired;
            for (var i = 0; i < counters.Count; i++)
            {
                var counter = counters[i];
                if (_counters.TryGetValue(counter.Key, out var log) && log.RetryAfter(counter, now) is { } retryAfter
                    && (refusal.IsAcquired || retryAfter > refusal.RetryAfter))
                {
                    refusal = SmsGuardAcquisition.Full(i, retryAfter);
                }
            }

            if (!refusal.IsAcquired)
            {
                return ValueTask.FromResult(refusal);
            }

            for (var i = 0; i < counters.Count; i++)
            {
                var counter = counters[i];
                ref var log = ref CollectionsMarshal.GetValueRefOrAddDefault(_counters, counter.Key, out _);
                (log ??= new SendLog()).Add(now, sendId, counter.Window);
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
                if (_counters.TryGetValue(counter.Key, out var log) && log.Remove(sendId) && log.IsEmpty)
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
            if (log.ExpiresAt <= now)
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

    /// <summary>One counter's sends, oldest first.</summary>
    private sealed class SendLog
    {
        private readonly List<(DateTimeOffset At, string Id)> _sends = [];

        /// <summary>Gets when the newest send leaves the longest window it was counted in.</summary>
        public DateTimeOffset ExpiresAt { get; private set; } = DateTimeOffset.MinValue;

        public bool IsEmpty => _sends.Count == 0;

        /// <summary>How long until the counter has room for one more send, or <see langword="null"/> when it has room now.</summary>
        public TimeSpan? RetryAfter(SmsGuardCounter counter, DateTimeOffset now)
        {
            var start = now - counter.Window;
            var expired = 0;
            while (expired < _sends.Count && _sends[expired].At <= start)
            {
                expired++;
            }

            _sends.RemoveRange(0, expired);
            return _sends.Count < counter.Limit ? null : _sends[_sends.Count - counter.Limit].At + counter.Window - now;
        }

        public void Add(DateTimeOffset at, string id, TimeSpan window)
        {
            // Sends arrive with the time each caller read, so keep the log in order.
            var index = _sends.Count;
            while (index > 0 && _sends[index - 1].At > at)
            {
                index--;
            }

            _sends.Insert(index, (at, id));
            if (at + window > ExpiresAt)
            {
                ExpiresAt = at + window;
            }
        }

        public bool Remove(string id) => _sends.RemoveAll(s => string.Equals(s.Id, id, StringComparison.Ordinal)) > 0;
    }
}
