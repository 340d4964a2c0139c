using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Resilience.Internal;

namespace SmsConnectors.Tests.Resilience;

/// <summary>The connector's token bucket, on a fake clock: rates, queueing, and reloads that change them in place.</summary>
public class SendRateLimiterTests
{
    [Fact]
    public async Task A_full_bucket_lets_the_rate_through_at_once_and_queues_the_rest_in_order()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(permitsPerSecond: 10, queueLength: 5, clock);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(await limiter.AcquireAsync(CancellationToken.None));
        }

        var waiting = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask()).ToList();
        var refused = await limiter.AcquireAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        await waiting[0].WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);

        Assert.False(refused);
        Assert.All(waiting.Skip(1), task => Assert.False(task.IsCompleted));

        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.All(await Task.WhenAll(waiting), Assert.True);
    }

    [Fact]
    public async Task Reloading_the_rate_keeps_waiting_sends_in_the_queue_and_grants_them_at_the_new_rate()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(permitsPerSecond: 2, queueLength: 100, clock);
        Assert.True(await limiter.AcquireAsync(CancellationToken.None));
        Assert.True(await limiter.AcquireAsync(CancellationToken.None));
        var waiting = Enumerable.Range(0, 20).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask()).ToList();

        limiter.Update(permitsPerSecond: 10, queueLength: 100);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(waiting.Take(10)).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);

        Assert.All(waiting.Skip(10), task => Assert.False(task.IsCompleted));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.All(await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5)), Assert.True);
    }

    [Fact]
    public async Task Spent_tokens_stay_spent_across_reloads_so_the_rate_holds()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(permitsPerSecond: 10, queueLength: 0, clock);
        var granted = 0;

        // Ten reloads within one second, alternating between two rates of at most 10 per second.
        for (var reload = 0; reload < 10; reload++)
        {
            limiter.Update(reload % 2 == 0 ? 10 : 8, queueLength: 0);
            while (await limiter.AcquireAsync(CancellationToken.None))
            {
                granted++;
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // A fresh bucket per reload would have let about 90 through; the bucket allows its 10 and at most 10 per second.
        Assert.InRange(granted, 10, 20);
    }

    [Fact]
    public async Task Turning_the_limit_off_releases_every_waiting_send()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(permitsPerSecond: 1, queueLength: 10, clock);
        await limiter.AcquireAsync(CancellationToken.None);
        var waiting = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask()).ToList();

        limiter.Update(permitsPerSecond: 0, queueLength: 0);

        Assert.All(await Task.WhenAll(waiting), Assert.True);
        Assert.True(await limiter.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_queue_and_its_place_goes_to_the_next()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(permitsPerSecond: 1, queueLength: 2, clock);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(cancellation.Token).AsTask();
        var next = limiter.AcquireAsync(CancellationToken.None).AsTask();

        await cancellation.CancelAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.True(await next);
    }

    [Fact]
    public async Task Disposing_fails_waiting_sends_and_refuses_new_ones()
    {
        var limiter = new SendRateLimiter(permitsPerSecond: 1, queueLength: 2, new FakeTimeProvider());
        await limiter.AcquireAsync(CancellationToken.None);
        var waiting = limiter.AcquireAsync(CancellationToken.None).AsTask();

        limiter.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => limiter.AcquireAsync(CancellationToken.None).AsTask());
    }
}
