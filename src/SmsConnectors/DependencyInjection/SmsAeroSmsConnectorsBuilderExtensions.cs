using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.SmsAero;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SMSAero connector.</summary>
public static class SmsAeroSmsConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds an SMSAero connector: it renders each message from its templates and posts it to
    /// SMSAero's API v2 (<c>{BaseUrl}/sms/send</c>) with Basic authentication, failing over to the
    /// mirror hosts when a host cannot be connected to.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddSmsAero(this SmsConnectorsBuilder builder, string name, Action<SmsAeroOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSmsAero(name, SmsConnectorsBuilder.FromCode(configure));
    }

    internal static SmsConnectorsBuilder AddSmsAero(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddSmsAero(name, options => options.Bind(section));

    private static SmsConnectorsBuilder AddSmsAero(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<SmsAeroOptions>> configure) =>
        builder.AddVendor<SmsAeroOptions, SmsAeroOptionsValidator>(name, "SmsAero", configure, static (connectorName, options, services) => new SmsAeroConnector(connectorName, options, services));
}
