using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Redis;
using SmsConnectors.Tests.Infrastructure;
using StackExchange.Redis;

namespace SmsConnectors.Tests.Guard.Redis;

/// <summary>AddRedisStore: configuration keys, startup validation, which store the guard uses, and the connection's lifetime.</summary>
public class RedisStoreRegistrationTests
{
    private const string Password = "Pw-in-the-string-5521";

    private static Dictionary<string, string?> HookOnly() => new()
    {
        ["SmsConnectors:Connectors:hook:Provider"] = "Outbox",
    };

    private static async Task<Exception> StartupFailureAsync(Dictionary<string, string?> settings, bool addRedisStore = true) =>
        await Assert.ThrowsAnyAsync<Exception>(async () => await (await GuardedApp.StartAsync(settings, addRedisStore)).DisposeAsync());

    private static string Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join('\n', options.Failures),
        AggregateException aggregate => string.Join('\n', aggregate.InnerExceptions.Select(Failures)),
        _ => exception.ToString(),
    };

    [Fact]
    public async Task Store_Redis_without_AddRedisStore_fails_startup_naming_the_package()
    {
        var settings = HookOnly();
        settings["SmsConnectors:Guard:Store"] = "Redis";
        settings["SmsConnectors:Guard:PerNumber:Limit"] = "5";
        settings["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00";

        var failure = Failures(await StartupFailureAsync(settings, addRedisStore: false));

        Assert.Contains("'SmsConnectors:Guard:Store' is 'Redis', but no Redis store is registered", failure, StringComparison.Ordinal);
        Assert.Contains("SmsConnectors.Redis package", failure, StringComparison.Ordinal);
        Assert.Contains("AddRedisStore()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRedisStore_without_a_configuration_string_fails_startup_naming_the_key()
    {
        var settings = HookOnly();
        settings["SmsConnectors:Guard:Store"] = "Redis";

        var failure = Failures(await StartupFailureAsync(settings));

        Assert.Contains("'SmsConnectors:Guard:Redis:Configuration' is required", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:6379,password=" + Password + ",noSuchOption=1", "is not a valid StackExchange.Redis configuration string")]
    [InlineData("password=" + Password, "names no Redis server")]
    [InlineData("127.0.0.1:6379,connectTimeout=soon,password=" + Password, "is not a valid StackExchange.Redis configuration string")]
    public async Task An_invalid_configuration_string_fails_startup_without_showing_it(string configuration, string problem)
    {
        var settings = HookOnly();
        settings["SmsConnectors:Guard:Redis:Configuration"] = configuration;

        var exception = await StartupFailureAsync(settings);
        var failure = Failures(exception);

        Assert.Contains("'SmsConnectors:Guard:Redis:Configuration' " + problem, failure, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_keys_bind_and_code_changes_them_afterwards()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Guard:Store"] = "Redis",
            ["SmsConnectors:Guard:Redis:Configuration"] = "redis.internal:6380,password=" + Password,
            ["SmsConnectors:Guard:Redis:KeyPrefix"] = "{app}:",
        }).Build().GetSection("SmsConnectors");

        SmsRedisStoreOptions Bound(Action<SmsConnectorsBuilder> add)
        {
            var services = new ServiceCollection();
            add(services.AddSmsConnectors(configuration));
            using var provider = services.BuildServiceProvider();
            return provider.GetRequiredService<IOptions<SmsRedisStoreOptions>>().Value;
        }

        var fromConfiguration = Bound(b => b.AddRedisStore());
        Assert.Equal("redis.internal:6380,password=" + Password, fromConfiguration.Configuration);
        Assert.Equal("{app}:", fromConfiguration.KeyPrefix);
        Assert.Null(fromConfiguration.ConnectionMultiplexerFactory);

        var fromString = Bound(b => b.AddRedisStore("127.0.0.1:6379"));
        Assert.Equal("127.0.0.1:6379", fromString.Configuration);
        Assert.Equal("{app}:", fromString.KeyPrefix);

        var fromAction = Bound(b => b.AddRedisStore(o => o.KeyPrefix = "other:"));
        Assert.Equal("redis.internal:6380,password=" + Password, fromAction.Configuration);
        Assert.Equal("other:", fromAction.KeyPrefix);

        var services = new ServiceCollection();
        services.AddSmsConnectors().AddRedisStore("127.0.0.1:6379");
        using var codeOnly = services.BuildServiceProvider();
        Assert.Equal(SmsRedisStoreOptions.DefaultKeyPrefix, codeOnly.GetRequiredService<IOptions<SmsRedisStoreOptions>>().Value.KeyPrefix);

        Assert.DoesNotContain(Password, fromConfiguration.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_store_connects_with_short_timeouts_unless_the_string_sets_its_own()
    {
        var defaults = RedisConnection.TryParse("127.0.0.1:6379,password=" + Password, out var problem)!;
        Assert.Null(problem);
        Assert.False(defaults.AbortOnConnectFail);
        Assert.Equal(2000, defaults.ConnectTimeout);
        Assert.Equal(2000, defaults.SyncTimeout);
        Assert.Equal(2000, defaults.AsyncTimeout);
        Assert.Equal(Password, defaults.Password);

        var own = RedisConnection.TryParse("127.0.0.1:6379,abortConnect=true,connectTimeout=5000,SYNCTIMEOUT=700,asyncTimeout=900", out _)!;
        Assert.True(own.AbortOnConnectFail);
        Assert.Equal(5000, own.ConnectTimeout);
        Assert.Equal(700, own.SyncTimeout);
        Assert.Equal(900, own.AsyncTimeout);
    }

    [SkippableFact]
    public async Task Without_Guard_Store_the_registered_redis_store_is_used_and_Memory_overrides_it()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var vendor = await GuardedApp.StartVendorAsync();
        var settings = GuardedApp.Settings(redis, vendor);
        settings.Remove("SmsConnectors:Guard:Store");
        settings["SmsConnectors:Guard:PerNumber:Limit"] = "5";
        settings["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00";
        await using (var app = await GuardedApp.StartAsync(settings))
        {
            Assert.Null((await app.TrySendAsync()).Error);
        }

        Assert.Single(await redis.KeysAsync("sms:n:"));

        settings["SmsConnectors:Guard:Store"] = "Memory";
        settings["SmsConnectors:Guard:Redis:KeyPrefix"] = "memory-test:";
        await using (var app = await GuardedApp.StartAsync(settings))
        {
            Assert.Null((await app.TrySendAsync()).Error);
        }

        Assert.Empty(await redis.KeysAsync("memory-test:"));
    }

    [SkippableFact]
    public async Task Registering_the_store_in_code_does_not_turn_the_guard_on()
    {
        await using var redis = await RedisServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSmsConnectors().AddOutbox("dev").AddRedisStore(redis.Configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            for (var i = 0; i < 3; i++)
            {
                await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123"));
            }
        }

        Assert.Empty(await redis.KeysAsync(string.Empty));
    }

    [SkippableFact]
    public async Task Disposing_the_provider_closes_the_connection_the_store_made()
    {
        await using var redis = await RedisServer.StartAsync();
        var database = await redis.DatabaseAsync();
        var before = await ClientsAsync(redis);
        var services = new ServiceCollection();
        services.AddSmsConnectors().AddOutbox("dev").AddRedisStore(redis.Configuration).AddGuard(g => g.PerNumber = new SmsGuardLimit { Limit = 5, Window = TimeSpan.FromHours(1) });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123"));
        Assert.True(await ClientsAsync(redis) > before);

        await provider.DisposeAsync();

        await RedisGuardStoreTests.WaitUntilAsync(async () => await ClientsAsync(redis) == before, TimeSpan.FromSeconds(10));
        Assert.True(await database.PingAsync() >= TimeSpan.Zero);
    }

    [SkippableFact]
    public async Task A_connection_from_the_factory_is_used_and_left_to_its_owner()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var own = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var calls = 0;
        var services = new ServiceCollection();
        services.AddSmsConnectors().AddOutbox("dev")
            .AddRedisStore(o =>
            {
                o.KeyPrefix = "app:";
                o.ConnectionMultiplexerFactory = () =>
                {
                    Interlocked.Increment(ref calls);
                    return Task.FromResult<IConnectionMultiplexer>(own);
                };
            })
            .AddGuard(g => g.PerNumber = new SmsGuardLimit { Limit = 1, Window = TimeSpan.FromHours(1) });
        await using (var provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            var connector = provider.GetRequiredService<ISmsConnector>();
            await connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123"));
            var refused = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(GuardedApp.Number, SmsUsageType.SignIn, "987123")));
            Assert.Equal(SmsGuardReason.PerNumber, refused.GuardReason);
        }

        Assert.Equal(1, calls);
        Assert.Single(await redis.KeysAsync("app:n:"));
        Assert.True(own.IsConnected);
        Assert.True(await own.GetDatabase().PingAsync() >= TimeSpan.Zero);
    }

    [Fact]
    public void The_package_makes_public_only_its_options_and_its_registration()
    {
        var exported = typeof(SmsRedisStoreOptions).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(["Microsoft.Extensions.DependencyInjection.SmsConnectorsBuilderRedisExtensions", "SmsConnectors.Redis.SmsRedisStoreOptions"], exported);
    }

    private static async Task<int> ClientsAsync(RedisServer redis) => (await (await redis.AdminAsync()).ClientListAsync()).Length;
}
