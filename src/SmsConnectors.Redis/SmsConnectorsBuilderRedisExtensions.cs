using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsConnectors.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Redis store for the SMS guard's counters and idempotency keys.</summary>
public static class SmsConnectorsBuilderRedisExtensions
{
    /// <summary>The store's name, the value of <c>SmsConnectors:Guard:Store</c> that selects it.</summary>
    private const string StoreName = "Redis";

    /// <summary>
    /// Registers the Redis store, configured from <c>SmsConnectors:Guard:Redis</c>
    /// (<c>Configuration</c>, <c>KeyPrefix</c>; see <see cref="SmsRedisStoreOptions"/>). The guard uses
    /// it when <c>Guard:Store</c> is <c>Redis</c>, or is not set. Registering the store does not turn
    /// the guard on: configure <c>SmsConnectors:Guard</c> or call <c>AddGuard</c>. Startup fails when
    /// no configuration string is set.
    /// </summary>
    /// <param name="builder">The builder <c>AddSmsConnectors</c> returned.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddRedisStore(this SmsConnectorsBuilder builder) => Add(builder, configure: null);

    /// <summary>
    /// Registers the Redis store connecting with <paramref name="configuration"/>, a StackExchange.Redis
    /// configuration string such as <c>127.0.0.1:6379</c>; other keys come from
    /// <c>SmsConnectors:Guard:Redis</c>. See <see cref="AddRedisStore(SmsConnectorsBuilder)"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddSmsConnectors</c> returned.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string; it may hold a password, which is never logged.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddRedisStore(this SmsConnectorsBuilder builder, string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return Add(builder, options => options.Configuration = configuration);
    }

    /// <summary>
    /// Registers the Redis store, configured from <c>SmsConnectors:Guard:Redis</c> (when there is
    /// configuration) and then by <paramref name="configure"/>. See <see cref="AddRedisStore(SmsConnectorsBuilder)"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddSmsConnectors</c> returned.</param>
    /// <param name="configure">Configures the store.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddRedisStore(this SmsConnectorsBuilder builder, Action<SmsRedisStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(builder, configure);
    }

    private static SmsConnectorsBuilder Add(SmsConnectorsBuilder builder, Action<SmsRedisStoreOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SmsRedisStoreOptions>();
        if (builder.Configuration is { } configuration)
        {
            options.Bind(configuration.GetSection("Guard:Redis"));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsRedisStoreOptions>, SmsRedisStoreOptionsValidator>());
        builder.Services.TryAddSingleton(services => new RedisGuardStore(
            services.GetRequiredService<IOptions<SmsRedisStoreOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return builder.AddGuardStore(StoreName, services => services.GetRequiredService<RedisGuardStore>());
    }
}
