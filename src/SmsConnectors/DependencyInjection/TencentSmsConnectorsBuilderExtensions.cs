using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Tencent;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Tencent Cloud SMS connector.</summary>
public static class TencentSmsConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds a Tencent Cloud SMS connector: it sends each message with an approved template through
    /// the API 3.0 <c>SendSms</c> action, signed with TC3-HMAC-SHA256.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddTencent(this SmsConnectorsBuilder builder, string name, Action<TencentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddTencent(name, SmsConnectorsBuilder.FromCode(configure));
    }

    internal static SmsConnectorsBuilder AddTencent(this SmsConnectorsBuilder builder, string name, IConfigurationSection section) =>
        builder.AddTencent(name, options => options.Bind(section));

    private static SmsConnectorsBuilder AddTencent(this SmsConnectorsBuilder builder, string name, Action<OptionsBuilder<TencentOptions>> configure) =>
        builder.AddVendor<TencentOptions, TencentOptionsValidator>(name, "Tencent", configure, static (connectorName, options, services) => new TencentConnector(connectorName, options, services));
}
