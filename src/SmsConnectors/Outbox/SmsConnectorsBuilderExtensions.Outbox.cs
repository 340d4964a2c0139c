using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Outbox;
using SmsConnectors.Sending;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<OutboxOptions, OutboxOptionsValidator> OutboxProvider = new(
        OutboxConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new OutboxConnector(
            name,
            services.GetRequiredService<IOptionsMonitor<OutboxOptions>>(),
            services.GetRequiredService<SmsOutbox>(),
            services.GetRequiredService<ConnectorServices>()));

    /// <summary>
    /// Adds an Outbox connector: it renders each message and keeps it in <see cref="ISmsOutbox"/>
    /// (and optionally a file) instead of sending it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddOutbox(this SmsConnectorsBuilder builder, string name, Action<OutboxOptions>? configure = null) =>
        builder.Add(OutboxProvider, name, configure);
}
