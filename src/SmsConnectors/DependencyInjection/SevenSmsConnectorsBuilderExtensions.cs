using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Seven;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Seven (seven.io) connector.</summary>
public static class SevenSmsConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds a Seven connector: it renders each message from its templates and posts it to Seven's
    /// SMS API (<c>{BaseUrl}/sms</c>) with the API key in the <c>X-Api-Key</c> header.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddSeven(this SmsConnectorsBuilder builder, string name, Action<SevenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSeven(name, SmsConnectorsBuilder.FromCode(configure));
    }

    internal static SmsConnectorsBuilder AddSeven(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddSeven(name, options => options.Bind(section));

    private static SmsConnectorsBuilder AddSeven(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<SevenOptions>> configure) =>
        builder.AddVendor<SevenOptions, SevenOptionsValidator>(name, "Seven", configure, static (connectorName, options, services) => new SevenConnector(connectorName, options, services));
}
