using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Outbox;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the offline Outbox connector.</summary>
public static class OutboxSmsConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds an Outbox connector: it renders each message and keeps it in <see cref="ISmsOutbox"/>
    /// (and optionally a file) instead of sending it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddOutbox(this SmsConnectorsBuilder builder, string name, Action<OutboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddOutbox(name, SmsConnectorsBuilder.FromCode(configure));
    }

    internal static SmsConnectorsBuilder AddOutbox(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddOutbox(name, options => options.Bind(section));

    private static SmsConnectorsBuilder AddOutbox(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<OutboxOptions>> configure) =>
        builder.AddConnector<OutboxOptions, OutboxOptionsValidator>(
            name,
            "Outbox",
            configure,
            static (services, connectorName) => new OutboxConnector(
                connectorName,
                services.GetRequiredService<IOptionsMonitor<OutboxOptions>>(),
                services.GetRequiredService<SmsOutbox>(),
                services.GetRequiredService<SmsConnectorServices>()));
}
