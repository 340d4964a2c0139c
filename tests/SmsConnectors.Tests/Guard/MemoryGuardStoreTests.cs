using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Guard;

namespace SmsConnectors.Tests.Guard;

public class MemoryGuardStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Acquisition_is_all_or_none_and_release_gives_the_counts_back()
    {
        var store = new MemoryGuardStore(new FakeTimeProvider(T0));
        SmsGuardCounter roomy = new("a", 5, TimeSpan.FromHours(1)), tight = new("b", 1, TimeSpan.FromHours(1));

        Assert.True((await store.TryAcquireAsync([tight], "s1", T0)).IsAcquired);
        var refused = await store.TryAcquireAsync([roomy, tight], "s2", T0.AddMinutes(15));
        Assert.Equal((false, 1, TimeSpan.FromMinutes(45)), (refused.IsAcquired, refused.FullCounter, refused.RetryAfter));

        for (var i = 0; i < 5; i++)
        {
            Assert.True((await store.TryAcquireAsync([roomy], $"r{i}", T0)).IsAcquired);
        }

        await store.ReleaseAsync([roomy], "r3");
        Assert.True((await store.TryAcquireAsync([roomy], "r5", T0)).IsAcquired);
        Assert.False((await store.TryAcquireAsync([roomy], "r6", T0)).IsAcquired);
    }

    [Fact]
    public async Task Sends_arriving_out_of_order_free_the_counter_in_time_order()
    {
        var store = new MemoryGuardStore(new FakeTimeProvider(T0));
        SmsGuardCounter counter = new("a", 2, TimeSpan.FromMinutes(10));
        await store.TryAcquireAsync([counter], "late", T0.AddMinutes(5));
        await store.TryAcquireAsync([counter], "early", T0.AddMinutes(1));

        var refused = await store.TryAcquireAsync([counter], "third", T0.AddMinutes(6));

        Assert.Equal(TimeSpan.FromMinutes(5), refused.RetryAfter);
    }

    [Fact]
    public async Task Counters_and_values_are_swept_once_their_windows_pass()
    {
        var time = new FakeTimeProvider(T0);
        var store = new MemoryGuardStore(time);
        for (var i = 0; i < 100; i++)
        {
            await store.TryAcquireAsync([new SmsGuardCounter($"n:{i}", 5, TimeSpan.FromMinutes(5))], $"s{i}", T0);
            await store.TrySetAsync($"id:{i}", "v", TimeSpan.FromMinutes(5));
        }

        Assert.Equal(200, store.Count);
        time.Advance(TimeSpan.FromMinutes(5));
        await store.TryAcquireAsync([new SmsGuardCounter("other", 5, TimeSpan.FromMinutes(5))], "x", time.GetUtcNow());

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Values_are_set_once_replaced_only_from_the_expected_value_and_expire()
    {
        var time = new FakeTimeProvider(T0);
        var store = new MemoryGuardStore(time);

        Assert.Null(await store.TrySetAsync("k", "first", TimeSpan.FromMinutes(1)));
        Assert.Equal("first", await store.TrySetAsync("k", "second", TimeSpan.FromMinutes(1)));
        Assert.False(await store.ReplaceAsync("k", "second", "third", TimeSpan.FromMinutes(1)));
        Assert.True(await store.ReplaceAsync("k", "first", "done", TimeSpan.FromMinutes(1)));
        Assert.Equal("done", await store.TrySetAsync("k", "again", TimeSpan.FromMinutes(1)));
        Assert.True(await store.ReplaceAsync("k", "done", null, TimeSpan.Zero));
        Assert.Null(await store.TrySetAsync("k", "fresh", TimeSpan.FromMinutes(1)));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await store.TrySetAsync("k", "after expiry", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_wait_ends_when_the_value_changes_or_expires_or_times_out()
    {
        var time = new FakeTimeProvider(T0);
        var store = new MemoryGuardStore(time);
        await store.TrySetAsync("k", "in flight", TimeSpan.FromMinutes(10));

        var changed = store.WaitForChangeAsync("k", "in flight", TimeSpan.FromMinutes(5)).AsTask();
        Assert.False(changed.IsCompleted);
        await store.ReplaceAsync("k", "in flight", "sent", TimeSpan.FromMinutes(10));
        await changed.WaitAsync(TimeSpan.FromSeconds(10));

        await store.WaitForChangeAsync("k", "something else", TimeSpan.FromMinutes(5)); // differs already: returns at once

        var timedOut = store.WaitForChangeAsync("k", "sent", TimeSpan.FromMinutes(1)).AsTask();
        Assert.False(timedOut.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));
        await timedOut.WaitAsync(TimeSpan.FromSeconds(10));

        await store.TrySetAsync("short", "in flight", TimeSpan.FromSeconds(30));
        var expired = store.WaitForChangeAsync("short", "in flight", TimeSpan.FromMinutes(5)).AsTask();
        time.Advance(TimeSpan.FromSeconds(30));
        await expired.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
