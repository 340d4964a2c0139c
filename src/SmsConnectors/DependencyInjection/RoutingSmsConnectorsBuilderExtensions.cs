using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds composite connectors that send through other connectors.</summary>
public static class RoutingSmsConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds a Failover connector: it tries the named connectors in order, moving on only when a
    /// failure is known not to have been sent (unless <see cref="FailoverOptions.FailoverOnUnknownOutcome"/>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddFailover(this SmsConnectorsBuilder builder, string name, Action<FailoverOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddFailover(name, options => options.Configure(configure));
    }

    /// <summary>Adds a Router connector: the longest route prefix matching the normalised number picks the connector.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddRouter(this SmsConnectorsBuilder builder, string name, Action<RouterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.AddRouter(name, options => options.Configure(configure));
    }

    internal static SmsConnectorsBuilder AddFailover(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddFailover(name, options => options.Bind(section));

    internal static SmsConnectorsBuilder AddRouter(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddRouter(name, options => options.Bind(section));

    private static SmsConnectorsBuilder AddFailover(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<FailoverOptions>> configure) =>
        builder.AddConnector<FailoverOptions, FailoverOptionsValidator>(
            name,
            "Failover",
            configure,
            static (services, connectorName) => new FailoverConnector(
                connectorName,
                services.GetRequiredService<IOptionsMonitor<FailoverOptions>>(),
                services.GetRequiredService<ISmsConnectorProvider>(),
                services.GetRequiredService<SmsConnectorServices>().LoggerFactory.CreateLogger<FailoverConnector>()),
            static (services, connectorName) => services.GetRequiredService<IOptionsMonitor<FailoverOptions>>().Get(connectorName).Connectors);

    private static SmsConnectorsBuilder AddRouter(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<RouterOptions>> configure) =>
        builder.AddConnector<RouterOptions, RouterOptionsValidator>(
            name,
            "Router",
            configure,
            static (services, connectorName) => new RouterConnector(
                connectorName,
                services.GetRequiredService<IOptionsMonitor<RouterOptions>>(),
                services.GetRequiredService<ISmsConnectorProvider>(),
                services.GetRequiredService<SmsConnectorServices>().LoggerFactory.CreateLogger<RouterConnector>()),
            static (services, connectorName) =>
            {
                var options = services.GetRequiredService<IOptionsMonitor<RouterOptions>>().Get(connectorName);
                return [.. options.Routes.Select(r => r.Connector), .. string.IsNullOrWhiteSpace(options.Fallback) ? Array.Empty<string>() : [options.Fallback]];
            });
}
