using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Guard;
using SmsConnectors.Outbox;
using SmsConnectors.Sending;
using SmsConnectors.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SMS connectors with a service collection.</summary>
public static class SmsConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the connector services; add connectors with the returned builder
    /// (<c>AddOutbox</c>, <c>AddSeven</c>, ...).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for adding connectors.</returns>
    public static SmsConnectorsBuilder AddSmsConnectors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(SmsConnectorRegistry))?.ImplementationInstance as SmsConnectorRegistry;
        if (registry is null)
        {
            registry = new SmsConnectorRegistry();
            services.AddSingleton(registry);
            services.AddHttpClient();
            services.TryAddSingleton(TimeProvider.System);
            services.AddMetrics();
            services.TryAddSingleton(sp => new SmsTelemetry(sp.GetService<IMeterFactory>()));
            services.TryAddSingleton(sp => new ConnectorServices(
                sp.GetRequiredService<IHttpMessageHandlerFactory>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                sp.GetRequiredService<SmsTelemetry>(),
                sp.GetRequiredService<SendGuard>()));
            services.TryAddSingleton(sp => new MemoryGuardStore(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton(new GuardStoreRegistration(GuardStoreRegistration.Memory, sp => sp.GetRequiredService<MemoryGuardStore>()));
            services.TryAddSingleton<GuardStores>();
            services.TryAddSingleton(sp => new SendGuard(
                sp.GetRequiredService<IOptionsMonitor<SmsConnectorsOptions>>(),
                sp.GetRequiredService<GuardStores>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                sp.GetRequiredService<SmsTelemetry>()));
            services.AddOptions<SmsConnectorsOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmsConnectorsOptions>, SmsConnectorsOptionsValidator>());
            services.TryAddSingleton<ISmsConnectorProvider, SmsConnectorProvider>();
            services.TryAddSingleton(sp => sp.GetRequiredService<ISmsConnectorProvider>().Default);
            services.TryAddSingleton<SmsOutbox>();
            services.TryAddSingleton<ISmsOutbox>(sp => registry.Connectors.Any(c => c.Provider == OutboxConnector.Provider)
                ? sp.GetRequiredService<SmsOutbox>()
                : throw new InvalidOperationException(
                    "No Outbox connector is registered, so no message would ever reach ISmsOutbox. Add one under 'SmsConnectors:Connectors' "
                    + "({ \"dev\": { \"Provider\": \"Outbox\" } }) or with AddSmsConnectors().AddOutbox(\"dev\"), or, in a test of your app, "
                    + "call services.AddSmsConnectors().ReplaceConnectorsWithOutbox() to put an Outbox in the place of every configured connector."));
        }

        return new SmsConnectorsBuilder(services, registry);
    }

    /// <summary>
    /// Registers the connector services and every connector in <paramref name="configuration"/>,
    /// the <c>SmsConnectors</c> section: <c>DefaultConnector</c>, and under <c>Connectors</c> one
    /// entry per connector whose <c>Provider</c> key names its vendor and whose other keys are the
    /// vendor's (Logto's) configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>SmsConnectors</c> configuration section.</param>
    /// <returns>A builder for adding more connectors.</returns>
    public static SmsConnectorsBuilder AddSmsConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddSmsConnectors();
        builder.Configuration = configuration;
        services.AddOptions<SmsConnectorsOptions>().Bind(configuration).PostConfigure(options =>
        {
            // "Guard": { } turns the guard on with its defaults, though the binder sees no keys in it.
            if (options.Guard is null && configuration.GetChildren().Any(c => string.Equals(c.Key, "Guard", StringComparison.OrdinalIgnoreCase)))
            {
                options.Guard = new SmsGuardOptions();
            }
        });
        builder.AddFromConfiguration(configuration.GetSection("Connectors"));
        return builder;
    }
}
