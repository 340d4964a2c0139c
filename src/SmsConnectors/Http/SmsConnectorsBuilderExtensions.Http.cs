using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Http;
using SmsConnectors.Sending;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<HttpSmsOptions, HttpSmsOptionsValidator> HttpProvider = new(
        HttpConnector.Provider,

        // The JSON keys are read with the binding, so that a reloaded configuration is read again.
        static (options, section) =>
        {
            section.Bind(options);
            HttpConfiguration.ReadJsonKeys(section, options);
        },
        static (services, name) => new HttpConnector(name, services.GetRequiredService<IOptionsMonitor<HttpSmsOptions>>(), services.GetRequiredService<ConnectorServices>()))
    {
        CallsHttp = true,
        StandIn = static o => new(o.Templates, o.AllowUnresolvedPlaceholders),
    };

    /// <summary>
    /// Adds a Generic HTTP connector: it calls an endpoint of your own (a webhook or an SMS
    /// gateway) with a GET or POST request built from <see cref="HttpSmsOptions"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddHttp(this SmsConnectorsBuilder builder, string name, Action<HttpSmsOptions>? configure = null) =>
        builder.Add(HttpProvider, name, configure);
}
