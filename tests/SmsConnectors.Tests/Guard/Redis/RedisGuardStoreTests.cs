using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmsConnectors.Guard;
using SmsConnectors.Redis;
using SmsConnectors.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsConnectors.Tests.Guard.Redis;

/// <summary>
/// The store contract (<see cref="ISmsGuardStore"/>) kept by the Redis store against a real
/// redis-server: the same answers as the in-memory store for the same calls, with explicit times.
/// </summary>
public class RedisGuardStoreTests
{
    private const string Prefix = "test:";
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private static RedisGuardStore Store(RedisServer server, string prefix = Prefix) =>
        new(new SmsRedisStoreOptions { Configuration = server.Configuration, KeyPrefix = prefix }, TimeProvider.System, NullLoggerFactory.Instance);

    private static SmsGuardCounter Counter(string key, int limit, TimeSpan? window = null) => new(key, limit, window ?? Window);

    [SkippableFact]
    public async Task An_entry_counts_from_its_time_until_its_time_plus_the_window_exclusive()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        SmsGuardCounter[] counter = [Counter("n:a", 2)];

        Assert.True((await store.TryAcquireAsync(counter, "s1", T0)).IsAcquired);
        Assert.True((await store.TryAcquireAsync(counter, "s2", T0.AddSeconds(1))).IsAcquired);

        // Full until the first entry leaves: it counts at T0 + window - 1 ms, not at T0 + window.
        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromSeconds(8)), await store.TryAcquireAsync(counter, "s3", T0.AddSeconds(2)));
        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromMilliseconds(1)), await store.TryAcquireAsync(counter, "s3", T0 + Window - TimeSpan.FromMilliseconds(1)));
        Assert.True((await store.TryAcquireAsync(counter, "s3", T0 + Window)).IsAcquired);

        // Now s2 (T0 + 1 s) and s3 (T0 + 10 s) are in the window: s2 frees the slot at T0 + 11 s.
        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromMilliseconds(500)), await store.TryAcquireAsync(counter, "s4", T0.AddSeconds(10.5)));
        Assert.True((await store.TryAcquireAsync(counter, "s4", T0.AddSeconds(11))).IsAcquired);

        var members = await (await server.DatabaseAsync()).SortedSetRangeByScoreWithScoresAsync(Prefix + "n:a");
        Assert.Equal(["s3", "s4"], members.Select(m => m.Element.ToString()));
        Assert.Equal([(T0 + Window).ToUnixTimeMilliseconds(), T0.AddSeconds(11).ToUnixTimeMilliseconds()], members.Select(m => (long)m.Score));
    }

    [SkippableFact]
    public async Task Retry_after_is_when_the_entry_at_count_minus_limit_leaves_the_window()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);

        // Three sends within a window of 10 s, counted with a limit of 3...
        foreach (var (id, seconds) in new[] { ("a", 0), ("b", 2), ("c", 5) })
        {
            Assert.True((await store.TryAcquireAsync([Counter("n:r", 3)], id, T0.AddSeconds(seconds))).IsAcquired);
        }

        // ...are full at T0 + 6 s until the oldest (T0) leaves, 4 s later.
        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromSeconds(4)), await store.TryAcquireAsync([Counter("n:r", 3)], "d", T0.AddSeconds(6)));

        // With the limit lowered to 2 (a configuration change), the entry at index 3 - 2 = 1 decides: T0 + 2 s.
        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromSeconds(6)), await store.TryAcquireAsync([Counter("n:r", 2)], "d", T0.AddSeconds(6)));

        // The in-memory store, the reference, answers the same.
        ISmsGuardStore memory = new MemoryGuardStore(TimeProvider.System);
        foreach (var (id, seconds) in new[] { ("a", 0), ("b", 2), ("c", 5) })
        {
            await memory.TryAcquireAsync([Counter("n:r", 3)], id, T0.AddSeconds(seconds));
        }

        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromSeconds(4)), await memory.TryAcquireAsync([Counter("n:r", 3)], "d", T0.AddSeconds(6)));
        Assert.Equal(SmsGuardAcquisition.Full(0, TimeSpan.FromSeconds(6)), await memory.TryAcquireAsync([Counter("n:r", 2)], "d", T0.AddSeconds(6)));
    }

    [SkippableFact]
    public async Task The_same_calls_get_the_same_answers_as_the_in_memory_store()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        ISmsGuardStore memory = new MemoryGuardStore(TimeProvider.System);
        SmsGuardCounter[] counters = [Counter("n:x", 3, TimeSpan.FromMinutes(1)), Counter("cd:x", 1, TimeSpan.FromSeconds(7)), Counter("d:20300101", 5, TimeSpan.FromDays(1))];
        var random = new Random(1234);
        var now = T0;
        for (var i = 0; i < 60; i++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 9000));
            var id = "s" + i;
            var expected = await memory.TryAcquireAsync(counters, id, now);
            var actual = await store.TryAcquireAsync(counters, id, now);
            Assert.Equal(expected, actual);
            if (actual.IsAcquired && random.Next(4) == 0)
            {
                await memory.ReleaseAsync(counters, id);
                await store.ReleaseAsync(counters, id);
            }
        }
    }

    [SkippableFact]
    public async Task A_full_counter_leaves_every_other_counter_unchanged()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        var database = await server.DatabaseAsync();
        Assert.True((await store.TryAcquireAsync([Counter("cd:b", 1)], "earlier", T0)).IsAcquired);

        var refused = await store.TryAcquireAsync([Counter("n:a", 5), Counter("cd:b", 1), Counter("ip:c", 5)], "later", T0.AddSeconds(1));

        Assert.Equal(SmsGuardAcquisition.Full(1, TimeSpan.FromSeconds(9)), refused);
        Assert.False(await database.KeyExistsAsync(Prefix + "n:a"));
        Assert.False(await database.KeyExistsAsync(Prefix + "ip:c"));
        Assert.Equal(["earlier"], (await database.SortedSetRangeByRankAsync(Prefix + "cd:b")).Select(v => v.ToString()));

        // When several are full, the first one is named.
        Assert.True((await store.TryAcquireAsync([Counter("n:a", 1)], "other", T0)).IsAcquired);
        Assert.Equal(0, (await store.TryAcquireAsync([Counter("n:a", 1), Counter("cd:b", 1)], "third", T0.AddSeconds(2))).FullCounter);
    }

    [SkippableFact]
    public async Task Release_removes_the_send_from_every_counter()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        var database = await server.DatabaseAsync();
        SmsGuardCounter[] counters = [Counter("n:a", 1), Counter("c:DE", 10)];
        Assert.True((await store.TryAcquireAsync(counters, "first", T0)).IsAcquired);
        Assert.True((await store.TryAcquireAsync([counters[1]], "kept", T0)).IsAcquired);
        Assert.False((await store.TryAcquireAsync(counters, "second", T0.AddSeconds(1))).IsAcquired);

        await store.ReleaseAsync(counters, "first");
        await store.ReleaseAsync(counters, "never-acquired");

        Assert.Equal(0, await database.SortedSetLengthAsync(Prefix + "n:a"));
        Assert.Equal(["kept"], (await database.SortedSetRangeByRankAsync(Prefix + "c:DE")).Select(v => v.ToString()));
        Assert.True((await store.TryAcquireAsync(counters, "second", T0.AddSeconds(1))).IsAcquired);
    }

    [SkippableFact]
    public async Task Counters_expire_after_their_window_and_only_ever_live_longer()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        var database = await server.DatabaseAsync();
        var now = DateTimeOffset.UtcNow;

        await store.TryAcquireAsync([Counter("n:a", 5, TimeSpan.FromMinutes(10)), Counter("d:x", 5, TimeSpan.FromDays(1))], "s1", now);

        var number = await database.KeyTimeToLiveAsync(Prefix + "n:a");
        var day = await database.KeyTimeToLiveAsync(Prefix + "d:x");
        Assert.InRange(number!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange(day!.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1));

        // A later send with a shorter window (a configuration change) does not cut the key's life short.
        await store.TryAcquireAsync([Counter("n:a", 5, TimeSpan.FromMinutes(1))], "s2", now);
        Assert.InRange((await database.KeyTimeToLiveAsync(Prefix + "n:a"))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        // A short window really expires on the server.
        await store.TryAcquireAsync([Counter("cd:short", 1, TimeSpan.FromMilliseconds(150))], "s3", now);
        Assert.True(await database.KeyExistsAsync(Prefix + "cd:short"));
        await WaitUntilAsync(async () => !await database.KeyExistsAsync(Prefix + "cd:short"), TimeSpan.FromSeconds(5));
    }

    [SkippableFact]
    public async Task TrySet_sets_once_and_returns_the_value_held()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        var database = await server.DatabaseAsync();

        Assert.Null(await store.TrySetAsync("id:k", "first", TimeSpan.FromMinutes(10)));
        Assert.Equal("first", await store.TrySetAsync("id:k", "second", TimeSpan.FromMinutes(10)));
        Assert.Equal("first", (string?)await database.StringGetAsync(Prefix + "id:k"));
        Assert.InRange((await database.KeyTimeToLiveAsync(Prefix + "id:k"))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        // Once it expired, the key can be set again.
        Assert.Null(await store.TrySetAsync("id:short", "first", TimeSpan.FromMilliseconds(100)));
        await WaitUntilAsync(async () => !await database.KeyExistsAsync(Prefix + "id:short"), TimeSpan.FromSeconds(5));
        Assert.Null(await store.TrySetAsync("id:short", "second", TimeSpan.FromMinutes(1)));
    }

    [SkippableFact]
    public async Task Replace_changes_or_removes_only_the_expected_value()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        var database = await server.DatabaseAsync();
        await store.TrySetAsync("id:k", "in-flight", TimeSpan.FromMinutes(1));

        Assert.False(await store.ReplaceAsync("id:k", "someone-else", "sent", TimeSpan.FromMinutes(10)));
        Assert.Equal("in-flight", (string?)await database.StringGetAsync(Prefix + "id:k"));

        Assert.True(await store.ReplaceAsync("id:k", "in-flight", "sent", TimeSpan.FromMinutes(10)));
        Assert.Equal("sent", (string?)await database.StringGetAsync(Prefix + "id:k"));
        Assert.InRange((await database.KeyTimeToLiveAsync(Prefix + "id:k"))!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));

        Assert.False(await store.ReplaceAsync("id:k", "in-flight", null, TimeSpan.FromMinutes(10)));
        Assert.True(await store.ReplaceAsync("id:k", "sent", null, TimeSpan.FromMinutes(10)));
        Assert.False(await database.KeyExistsAsync(Prefix + "id:k"));
        Assert.False(await store.ReplaceAsync("id:missing", "sent", "other", TimeSpan.FromMinutes(10)));
        Assert.False(await database.KeyExistsAsync(Prefix + "id:missing"));
    }

    [SkippableFact]
    public async Task WaitForChange_returns_when_the_value_changes_is_removed_or_the_time_is_up()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        await store.TrySetAsync("id:k", "in-flight", TimeSpan.FromMinutes(1));

        // Not holding the value (or no key at all): at once.
        var watch = Stopwatch.StartNew();
        await store.WaitForChangeAsync("id:k", "other", TimeSpan.FromSeconds(30));
        await store.WaitForChangeAsync("id:missing", "in-flight", TimeSpan.FromSeconds(30));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());

        // Changed by someone else while waiting.
        watch.Restart();
        var waiting = store.WaitForChangeAsync("id:k", "in-flight", TimeSpan.FromSeconds(30)).AsTask();
        await Task.Delay(150);
        Assert.False(waiting.IsCompleted);
        Assert.True(await store.ReplaceAsync("id:k", "in-flight", "sent", TimeSpan.FromMinutes(1)));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());

        // Removed while waiting.
        waiting = store.WaitForChangeAsync("id:k", "sent", TimeSpan.FromSeconds(30)).AsTask();
        await Task.Delay(100);
        Assert.True(await store.ReplaceAsync("id:k", "sent", null, TimeSpan.FromMinutes(1)));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));

        // Expired while waiting.
        await store.TrySetAsync("id:short", "in-flight", TimeSpan.FromMilliseconds(200));
        await store.WaitForChangeAsync("id:short", "in-flight", TimeSpan.FromSeconds(30)).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        // Unchanged: returns when the time is up, not before.
        await store.TrySetAsync("id:still", "in-flight", TimeSpan.FromMinutes(1));
        watch.Restart();
        await store.WaitForChangeAsync("id:still", "in-flight", TimeSpan.FromMilliseconds(300));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(5));

        // Cancelled: throws.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WaitForChangeAsync("id:still", "in-flight", TimeSpan.FromSeconds(30), cancel.Token).AsTask());
    }

    [SkippableFact]
    public async Task A_call_cancelled_before_it_reaches_redis_changes_nothing()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        var database = await server.DatabaseAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryAcquireAsync([Counter("n:a", 1)], "s", T0, cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TrySetAsync("id:k", "v", Window, cancelled.Token).AsTask());

        Assert.Empty(await server.KeysAsync(Prefix));
        Assert.Null(await store.TrySetAsync("id:k", "v", Window));
        Assert.False(await database.KeyExistsAsync(Prefix + "n:a"));
    }

    [SkippableFact]
    public async Task Every_key_starts_with_the_prefix()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server, "{sms}:");
        await store.TryAcquireAsync([Counter("n:a", 1), Counter("c:DE", 1)], "s", T0);
        await store.TrySetAsync("id:k", "v", Window);

        Assert.Equal(["{sms}:c:DE", "{sms}:id:k", "{sms}:n:a"], (await server.KeysAsync(string.Empty)).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task An_unreachable_redis_fails_the_call_quickly_without_the_password()
    {
        await using var server = await RedisServer.StartAsync(password: "s3cret-Redis-pw");
        var port = server.Port;
        server.Kill();
        using var store = new RedisGuardStore(new SmsRedisStoreOptions { Configuration = $"127.0.0.1:{port},password=s3cret-Redis-pw" }, TimeProvider.System, NullLoggerFactory.Instance);

        var watch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => store.TryAcquireAsync([Counter("n:a", 1)], "s", T0).AsTask());

        Assert.IsNotType<OperationCanceledException>(exception, exactMatch: false);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), watch.Elapsed.ToString());
        Assert.DoesNotContain("s3cret-Redis-pw", exception.ToString(), StringComparison.Ordinal);

        // A second call (connected in the background or not) fails too, and quickly.
        watch.Restart();
        await Assert.ThrowsAnyAsync<RedisException>(() => store.TrySetAsync("id:k", "v", Window).AsTask());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
    }

    [SkippableFact]
    public async Task A_restarted_redis_is_used_again()
    {
        await using var server = await RedisServer.StartAsync();
        using var store = Store(server);
        Assert.Null(await store.TrySetAsync("id:k", "v", Window));

        server.Kill();
        await Assert.ThrowsAnyAsync<RedisException>(() => store.TrySetAsync("id:k", "v", Window).AsTask());
        await server.RestartAsync();

        // The restarted server is empty; the store reconnects by itself and its scripts load again.
        var held = "not yet";
        await WaitUntilAsync(
            async () =>
            {
                try
                {
                    held = await store.TrySetAsync("id:k", "again", Window);
                    return true;
                }
                catch (RedisException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(15));
        Assert.Null(held);
        Assert.True((await store.TryAcquireAsync([Counter("n:a", 1)], "s", T0)).IsAcquired);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, $"The condition did not hold within {timeout}.");
            await Task.Delay(25);
        }
    }
}
