using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Sending;
using SmsConnectors.Tencent;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<TencentOptions, TencentOptionsValidator> TencentProvider = new(
        TencentConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new TencentConnector(name, services.GetRequiredService<IOptionsMonitor<TencentOptions>>(), services.GetRequiredService<ConnectorServices>()))
    {
        CallsHttp = true,
        StandIn = static o => new([], o.AllowUnresolvedPlaceholders),
    };

    /// <summary>
    /// Adds a Tencent Cloud SMS connector: it sends each message with an approved template through
    /// the API 3.0 <c>SendSms</c> action, signed with TC3-HMAC-SHA256.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddTencent(this SmsConnectorsBuilder builder, string name, Action<TencentOptions>? configure = null) =>
        builder.Add(TencentProvider, name, configure);
}
