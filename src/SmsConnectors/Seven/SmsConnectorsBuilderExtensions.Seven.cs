using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Sending;
using SmsConnectors.Seven;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<SevenOptions, SevenOptionsValidator> SevenProvider = new(
        SevenConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new SevenConnector(name, services.GetRequiredService<IOptionsMonitor<SevenOptions>>(), services.GetRequiredService<ConnectorServices>()))
    {
        CallsHttp = true,
        StandIn = static o => new(o.Templates, o.AllowUnresolvedPlaceholders),
    };

    /// <summary>
    /// Adds a Seven connector: it renders each message from its templates and posts it to Seven's
    /// SMS API (<c>{BaseUrl}/sms</c>) with the API key in the <c>X-Api-Key</c> header.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddSeven(this SmsConnectorsBuilder builder, string name, Action<SevenOptions>? configure = null) =>
        builder.Add(SevenProvider, name, configure);
}
