using System.Collections.Concurrent;

namespace SmsConnectors.DeliveryReports;

/// <summary>What became of a nonce offered to a <see cref="NonceCache"/>.</summary>
internal enum NonceOutcome
{
    /// <summary>It was not seen within the lifetime; it is remembered now.</summary>
    New,

    /// <summary>It was seen within the lifetime: a replay.</summary>
    Seen,

    /// <summary>The cache holds as many nonces as it may, all still alive; nothing was remembered.</summary>
    Full,
}

/// <summary>
/// The nonces seen within a lifetime, so that a signed call cannot be replayed while its timestamp
/// is still accepted. Bounded: it holds at most <c>capacity</c> nonces, sweeps expired ones at most
/// once a minute (and whenever it is full), and refuses new ones while it is full of live ones.
/// Per process: instances behind a load balancer each keep their own.
/// </summary>
internal sealed class NonceCache(TimeProvider timeProvider, TimeSpan lifetime, int capacity)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly Lock _sweepLock = new();
    private int _count;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Gets how many nonces are held, expired ones not yet swept included.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Remembers <paramref name="nonce"/> for the lifetime, unless it is alive already or the cache is full.</summary>
    public NonceOutcome TryRemember(string nonce)
    {
        var now = timeProvider.GetUtcNow();
        Sweep(now, force: false);
        if (Count >= capacity)
        {
            Sweep(now, force: true);
            if (Count >= capacity)
            {
                return _expiries.TryGetValue(nonce, out var alive) && alive > now ? NonceOutcome.Seen : NonceOutcome.Full;
            }
        }

        var expiry = now + lifetime;
        if (_expiries.TryAdd(nonce, expiry))
        {
            Interlocked.Increment(ref _count);
            return NonceOutcome.New;
        }

        // Held already: a replay while it is alive; an expired entry not yet swept is renewed.
        return _expiries.TryGetValue(nonce, out var existing) && existing <= now && _expiries.TryUpdate(nonce, expiry, existing)
            ? NonceOutcome.New
            : NonceOutcome.Seen;
    }

    /// <summary>Forgets <paramref name="nonce"/>, so that the same call is accepted again (its reports were not processed).</summary>
    public void Forget(string nonce)
    {
        if (_expiries.TryRemove(nonce, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void Sweep(DateTimeOffset now, bool force)
    {
        lock (_sweepLock)
        {
            if (!force && now < _nextSweep)
            {
                return;
            }

            _nextSweep = now + SweepInterval;
        }

        foreach (var (nonce, expiry) in _expiries)
        {
            if (expiry <= now && _expiries.TryRemove(new KeyValuePair<string, DateTimeOffset>(nonce, expiry)))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }
}
