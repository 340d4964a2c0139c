using SmsConnectors.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsConnectors.Tests.Guard.Redis;

/// <summary>Two instances of an app sharing one real Redis: one set of limits and idempotency keys between them.</summary>
public class RedisSharedGuardTests
{
    [SkippableFact]
    public async Task Two_apps_on_one_redis_enforce_one_per_number_limit_between_them()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var vendor = await GuardedApp.StartVendorAsync();
        var settings = GuardedApp.Settings(redis, vendor);
        settings["SmsConnectors:Guard:PerNumber:Limit"] = "5";
        settings["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00";
        await using var first = await GuardedApp.StartAsync(settings);
        await using var second = await GuardedApp.StartAsync(settings);

        var sends = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(_ => new[] { first.TrySendAsync(), second.TrySendAsync() }));

        Assert.Equal(5, vendor.Requests.Count);
        Assert.Equal(5, sends.Count(s => s.Result is not null));
        var refused = sends.Where(s => s.Error is not null).Select(s => s.Error!).ToList();
        Assert.Equal(15, refused.Count);
        Assert.All(refused, error =>
        {
            Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
            Assert.Equal(SmsGuardReason.PerNumber, error.GuardReason);
            Assert.False(error.MayHaveBeenSent);
            Assert.NotNull(error.RetryAfter);
            Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        });

        // The one counter both apps share holds the five sends that went out.
        Assert.Equal(5, await (await redis.DatabaseAsync()).SortedSetLengthAsync((await redis.KeysAsync("sms:n:")).Single()));
    }

    [SkippableFact]
    public async Task An_idempotency_key_used_on_one_app_is_replayed_by_the_other()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var vendor = await GuardedApp.StartVendorAsync();
        var settings = GuardedApp.Settings(redis, vendor);
        settings["SmsConnectors:Guard:IdempotencyWindow"] = "00:10:00";
        await using var first = await GuardedApp.StartAsync(settings);
        await using var second = await GuardedApp.StartAsync(settings);

        var sent = await first.Connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123") with { IdempotencyKey = "click-1" });
        var replayed = await second.Connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123") with { IdempotencyKey = "click-1" });

        Assert.False(sent.IsReplay);
        Assert.True(replayed.IsReplay);
        Assert.Equal("m-1", sent.MessageId);
        Assert.Equal(sent.MessageId, replayed.MessageId);
        Assert.Single(vendor.Requests);

        // Another key is another message.
        var other = await second.Connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123") with { IdempotencyKey = "click-2" });
        Assert.False(other.IsReplay);
        Assert.Equal(2, vendor.Requests.Count);
    }

    [SkippableFact]
    public async Task Concurrent_sends_with_one_key_from_both_apps_reach_the_vendor_once()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var vendor = await GuardedApp.StartVendorAsync(delay: TimeSpan.FromMilliseconds(300));
        var settings = GuardedApp.Settings(redis, vendor);
        settings["SmsConnectors:Guard:IdempotencyWindow"] = "00:10:00";
        await using var first = await GuardedApp.StartAsync(settings);
        await using var second = await GuardedApp.StartAsync(settings);
        var message = SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123") with { IdempotencyKey = "click-1" };

        var results = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { first.Connector.SendAsync(message), second.Connector.SendAsync(message) }));

        Assert.Single(vendor.Requests);
        Assert.All(results, r => Assert.Equal("m-1", r.MessageId));
        Assert.Single(results, r => !r.IsReplay);
    }

    [SkippableFact]
    public async Task Keys_and_values_in_redis_hold_no_number_code_ip_or_idempotency_key_and_all_expire()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var vendor = await GuardedApp.StartVendorAsync();
        var settings = GuardedApp.Settings(redis, vendor);
        settings["SmsConnectors:Guard:PerNumber:Limit"] = "5";
        settings["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00";
        settings["SmsConnectors:Guard:PerIp:Limit"] = "10";
        settings["SmsConnectors:Guard:PerIp:Window"] = "01:00:00";
        settings["SmsConnectors:Guard:PerCountry:Limit"] = "100";
        settings["SmsConnectors:Guard:PerCountry:Window"] = "01:00:00";
        settings["SmsConnectors:Guard:DailyBudget"] = "1000";
        settings["SmsConnectors:Guard:Cooldown"] = "00:00:30";
        settings["SmsConnectors:Guard:IdempotencyWindow"] = "00:10:00";
        await using var app = await GuardedApp.StartAsync(settings);
        string[] numbers = ["+4915112345678", "+4917698765432"];
        string[] codes = ["987123", "456321"];
        const string Ip = "203.0.113.77";

        for (var i = 0; i < numbers.Length; i++)
        {
            var (result, error) = await app.TrySendAsync(numbers[i], codes[i], idempotencyKey: "user-42-click-" + i, ip: Ip);
            Assert.Null(error);
            Assert.NotNull(result);
        }

        // The cool-down refuses a second send to the first number: a refused send leaves nothing behind either.
        Assert.Equal(SmsGuardReason.Cooldown, (await app.TrySendAsync(numbers[0], "111999", ip: Ip)).Error?.GuardReason);

        var secrets = numbers.SelectMany(n => new[] { n, n.TrimStart('+'), n[3..] }).Concat(codes).Concat(["111999", Ip, "user-42-click"]).ToList();
        var database = await redis.DatabaseAsync();
        var keys = await redis.KeysAsync("sms:");
        Assert.Equal(["c:", "cd:", "cd:", "d:", "id:", "id:", "ip:", "n:", "n:"], keys.Select(k => k["sms:".Length..(k.IndexOf(':', 4) + 1)]).Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, key, StringComparison.Ordinal));
            var ttl = await database.KeyTimeToLiveAsync(key);
            Assert.True(ttl > TimeSpan.Zero, $"{key} has no time to live.");
            var type = await database.KeyTypeAsync(key);
            var values = type switch
            {
                RedisType.String => [(string)(await database.StringGetAsync(key))!],
                RedisType.SortedSet => (await database.SortedSetRangeByRankAsync(key)).Select(v => v.ToString()).ToArray(),
                _ => throw new InvalidOperationException($"{key} is a {type}."),
            };
            Assert.NotEmpty(values);
            Assert.All(values, value => Assert.All(secrets, secret => Assert.DoesNotContain(secret, value, StringComparison.Ordinal)));
        }
    }
}
