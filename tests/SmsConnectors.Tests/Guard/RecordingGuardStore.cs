using System.Collections.Concurrent;
using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

/// <summary>A guard store that records every key and value it is given, and can be made to fail, around a working in-memory store.</summary>
internal sealed class RecordingGuardStore(TimeProvider timeProvider) : ISmsGuardStore
{
    private readonly MemoryGuardStore _inner = new(timeProvider);

    public ConcurrentQueue<string> Seen { get; } = new();

    public int Calls => Seen.Count;

    /// <summary>Gets or sets whether every call throws, as a store that cannot be reached does.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Gets or sets what happens before each acquisition (a test cancels the send there).</summary>
    public Action? BeforeAcquire { get; set; }

    public ValueTask<SmsGuardAcquisition> TryAcquireAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        BeforeAcquire?.Invoke();
        Record([.. counters.Select(c => c.Key), sendId]);
        return _inner.TryAcquireAsync(counters, sendId, now, cancellationToken);
    }

    public ValueTask ReleaseAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, CancellationToken cancellationToken = default)
    {
        Record([.. counters.Select(c => c.Key), sendId]);
        return _inner.ReleaseAsync(counters, sendId, cancellationToken);
    }

    public ValueTask<string?> TrySetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        Record([key, value]);
        return _inner.TrySetAsync(key, value, expiry, cancellationToken);
    }

    public ValueTask<bool> ReplaceAsync(string key, string expected, string? value, TimeSpan expiry, CancellationToken cancellationToken = default)
    {
        Record([key, expected, value ?? string.Empty]);
        return _inner.ReplaceAsync(key, expected, value, expiry, cancellationToken);
    }

    public ValueTask WaitForChangeAsync(string key, string value, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Record([key, value]);
        return _inner.WaitForChangeAsync(key, value, timeout, cancellationToken);
    }

    private void Record(string[] values)
    {
        if (Unreachable)
        {
            throw new IOException("No connection to the store (password=hunter2 must not leak).");
        }

        foreach (var value in values)
        {
            Seen.Enqueue(value);
        }
    }
}
