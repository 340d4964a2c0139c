using Microsoft.Extensions.Time.Testing;
using SmsConnectors.DeliveryReports;

namespace SmsConnectors.Tests.DeliveryReports;

/// <summary>The nonces a signed vendor call may not reuse: remembered for their lifetime, bounded, swept.</summary>
public class NonceCacheTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_nonce_is_new_once_then_seen_until_it_expires()
    {
        var time = new FakeTimeProvider(T0);
        var cache = new NonceCache(time, TimeSpan.FromMinutes(10), capacity: 10);

        Assert.Equal(NonceOutcome.New, cache.TryRemember("a"));
        Assert.Equal(NonceOutcome.Seen, cache.TryRemember("a"));
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Equal(NonceOutcome.Seen, cache.TryRemember("a"));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(NonceOutcome.New, cache.TryRemember("a"));
    }

    [Fact]
    public void A_forgotten_nonce_is_new_again()
    {
        var cache = new NonceCache(new FakeTimeProvider(T0), TimeSpan.FromMinutes(10), capacity: 10);
        cache.TryRemember("a");

        cache.Forget("a");

        Assert.Equal(0, cache.Count);
        Assert.Equal(NonceOutcome.New, cache.TryRemember("a"));
    }

    [Fact]
    public void A_full_cache_refuses_new_nonces_until_old_ones_expire_and_are_swept()
    {
        var time = new FakeTimeProvider(T0);
        var cache = new NonceCache(time, TimeSpan.FromMinutes(10), capacity: 2);
        cache.TryRemember("a");
        time.Advance(TimeSpan.FromMinutes(5));
        cache.TryRemember("b");

        Assert.Equal(NonceOutcome.Full, cache.TryRemember("c"));
        Assert.Equal(NonceOutcome.Seen, cache.TryRemember("a"));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(NonceOutcome.New, cache.TryRemember("c"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Expired_nonces_are_swept_at_most_once_a_minute_so_memory_stays_bounded()
    {
        var time = new FakeTimeProvider(T0);
        var cache = new NonceCache(time, TimeSpan.FromMinutes(10), capacity: 100_000);
        for (var i = 0; i < 1000; i++)
        {
            cache.TryRemember($"n{i}");
        }

        time.Advance(TimeSpan.FromMinutes(11));
        cache.TryRemember("fresh");

        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Parallel_offers_of_one_nonce_let_exactly_one_through()
    {
        var cache = new NonceCache(new FakeTimeProvider(T0), TimeSpan.FromMinutes(10), capacity: 100);

        var outcomes = new NonceOutcome[64];
        Parallel.For(0, outcomes.Length, i => outcomes[i] = cache.TryRemember("same"));

        Assert.Equal(1, outcomes.Count(o => o == NonceOutcome.New));
        Assert.Equal(1, cache.Count);
    }
}
