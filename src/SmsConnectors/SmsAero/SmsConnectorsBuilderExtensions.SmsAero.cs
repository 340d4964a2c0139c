using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Sending;
using SmsConnectors.SmsAero;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<SmsAeroOptions, SmsAeroOptionsValidator> SmsAeroProvider = new(
        SmsAeroConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new SmsAeroConnector(name, services.GetRequiredService<IOptionsMonitor<SmsAeroOptions>>(), services.GetRequiredService<ConnectorServices>()))
    {
        CallsHttp = true,
        StandIn = static o => new(o.Templates, o.AllowUnresolvedPlaceholders),
    };

    /// <summary>
    /// Adds an SMSAero connector: it renders each message from its templates and posts it to
    /// SMSAero's API v2 (<c>{BaseUrl}/sms/send</c>) with Basic authentication, failing over to the
    /// mirror hosts when a host cannot be connected to.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddSmsAero(this SmsConnectorsBuilder builder, string name, Action<SmsAeroOptions>? configure = null) =>
        builder.Add(SmsAeroProvider, name, configure);
}
