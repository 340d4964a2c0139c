using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Guard.Redis;

/// <summary>Redis killed under a running app: <c>Guard:FailureMode</c> decides, quickly, and the password never shows.</summary>
public class RedisOutageTests
{
    private const string Password = "Pw-never-logged-7781";

    private static async Task<(RedisServer Redis, LoopbackServer Vendor, GuardedApp App)> StartAsync(string failureMode)
    {
        var redis = await RedisServer.StartAsync(Password);
        LoopbackServer? vendor = null;
        try
        {
            vendor = await GuardedApp.StartVendorAsync();
            var settings = GuardedApp.Settings(redis, vendor);
            settings["SmsConnectors:Guard:PerNumber:Limit"] = "100";
            settings["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00";
            settings["SmsConnectors:Guard:IdempotencyWindow"] = "00:10:00";
            settings["SmsConnectors:Guard:FailureMode"] = failureMode;
            var app = await GuardedApp.StartAsync(settings);
            return (redis, vendor, app);
        }
        catch
        {
            if (vendor is not null)
            {
                await vendor.DisposeAsync();
            }

            await redis.DisposeAsync();
            throw;
        }
    }

    [SkippableFact]
    public async Task Closed_refuses_every_send_while_redis_is_down_without_calling_the_vendor()
    {
        var (redis, vendor, app) = await StartAsync("Closed");
        await using var _ = redis;
        await using var __ = vendor;
        await using var ___ = app;
        Assert.Null((await app.TrySendAsync()).Error);

        redis.Kill();
        var watch = Stopwatch.StartNew();
        var failures = new List<SmsConnectorException>();
        foreach (var key in new[] { null, "click-1" })
        {
            var (result, error) = await app.TrySendAsync(idempotencyKey: key);
            Assert.Null(result);
            failures.Add(error!);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.All(failures, error =>
        {
            Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
            Assert.Equal(SmsGuardReason.StoreUnavailable, error.GuardReason);
            Assert.False(error.MayHaveBeenSent);
            Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        });
        Assert.Single(vendor.Requests);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.EventId.Id == 40 && e.Message.Contains("'Redis'", StringComparison.Ordinal));
        Assert.All(app.Logs.Lines, line => Assert.DoesNotContain(Password, line, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Open_sends_while_redis_is_down_and_logs_an_error()
    {
        var (redis, vendor, app) = await StartAsync("Open");
        await using var _ = redis;
        await using var __ = vendor;
        await using var ___ = app;
        Assert.Null((await app.TrySendAsync()).Error);

        redis.Kill();
        var sent = await app.Connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123"));
        var keyed = await app.Connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123") with { IdempotencyKey = "click-1" });

        Assert.False(sent.IsReplay);
        Assert.False(keyed.IsReplay);
        Assert.Equal(3, vendor.Requests.Count);
        var errors = app.Logs.Entries.Where(e => e.Level == LogLevel.Error && e.EventId.Id == 40).ToList();
        Assert.True(errors.Count >= 2, string.Join('\n', app.Logs.Lines));
        Assert.All(errors, e => Assert.Contains("'Guard:FailureMode' is Open", e.Message, StringComparison.Ordinal));
        Assert.All(app.Logs.Lines, line => Assert.DoesNotContain(Password, line, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task After_a_restart_the_app_is_guarded_again()
    {
        var (redis, vendor, app) = await StartAsync("Closed");
        await using var _ = redis;
        await using var __ = vendor;
        await using var ___ = app;
        Assert.Null((await app.TrySendAsync()).Error);
        redis.Kill();
        Assert.Equal(SmsGuardReason.StoreUnavailable, (await app.TrySendAsync()).Error?.GuardReason);

        await redis.RestartAsync();

        // The connection comes back by itself; the restarted (empty) Redis counts from zero.
        await RedisGuardStoreTests.WaitUntilAsync(async () => (await app.TrySendAsync(idempotencyKey: "after-restart")).Error is null, TimeSpan.FromSeconds(15));
        var replay = await app.TrySendAsync(idempotencyKey: "after-restart");
        Assert.True(replay.Result?.IsReplay);
        Assert.Equal(2, vendor.Requests.Count);
        Assert.NotEmpty(await redis.KeysAsync("sms:id:"));
    }

    [SkippableFact]
    public async Task An_app_starts_while_redis_is_down_and_is_guarded_once_redis_is_up()
    {
        await using var redis = await RedisServer.StartAsync(Password);
        await using var vendor = await GuardedApp.StartVendorAsync();
        redis.Kill();
        var settings = GuardedApp.Settings(redis, vendor);
        settings["SmsConnectors:Guard:PerNumber:Limit"] = "1";
        settings["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00";

        // Startup does not connect: the store connects on first use.
        await using var app = await GuardedApp.StartAsync(settings);
        var watch = Stopwatch.StartNew();
        Assert.Equal(SmsGuardReason.StoreUnavailable, (await app.TrySendAsync()).Error?.GuardReason);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());

        await redis.RestartAsync();
        await RedisGuardStoreTests.WaitUntilAsync(async () => (await app.TrySendAsync()).Error is null, TimeSpan.FromSeconds(15));
        Assert.Equal(SmsGuardReason.PerNumber, (await app.TrySendAsync()).Error?.GuardReason);
        Assert.Single(vendor.Requests);
        Assert.All(app.Logs.Lines, line => Assert.DoesNotContain(Password, line, StringComparison.Ordinal));
    }
}
