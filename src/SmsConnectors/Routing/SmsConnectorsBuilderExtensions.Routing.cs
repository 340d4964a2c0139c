using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Guard;
using SmsConnectors.Routing;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<FailoverOptions, FailoverOptionsValidator> FailoverProvider = new(
        FailoverConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new FailoverConnector(
            name,
            services.GetRequiredService<IOptionsMonitor<FailoverOptions>>(),
            services.GetRequiredService<ISmsConnectorProvider>(),
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            services.GetRequiredService<SendGuard>()))
    {
        Children = static (services, name) => services.GetRequiredService<IOptionsMonitor<FailoverOptions>>().Get(name).Connectors,
    };

    private static readonly ConnectorProvider<RouterOptions, RouterOptionsValidator> RouterProvider = new(
        RouterConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new RouterConnector(
            name,
            services.GetRequiredService<IOptionsMonitor<RouterOptions>>(),
            services.GetRequiredService<ISmsConnectorProvider>(),
            services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            services.GetRequiredService<SendGuard>()))
    {
        Children = static (services, name) =>
        {
            var options = services.GetRequiredService<IOptionsMonitor<RouterOptions>>().Get(name);
            return [.. options.Routes.Select(r => r.Connector), .. string.IsNullOrWhiteSpace(options.Fallback) ? Array.Empty<string>() : [options.Fallback]];
        },
    };

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
        ArgumentNullException.ThrowIfNull(configure);
        return builder.Add(FailoverProvider, name, configure);
    }

    /// <summary>Adds a Router connector: the longest route prefix matching the normalised number picks the connector.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddRouter(this SmsConnectorsBuilder builder, string name, Action<RouterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.Add(RouterProvider, name, configure);
    }
}
