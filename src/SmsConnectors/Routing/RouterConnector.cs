using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Guard;
using SmsConnectors.Logging;

namespace SmsConnectors.Routing;

/// <summary>Sends through the connector whose prefix is the longest match of the normalised number.</summary>
internal sealed class RouterConnector(string name, IOptionsMonitor<RouterOptions> options, ISmsConnectorProvider connectors, ILoggerFactory loggerFactory, SendGuard guard)
    : CompositeConnector<RouterOptions>(name, Provider, options, connectors, loggerFactory, guard)
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "Router";

    private protected override Task<SmsSendResult> RouteAsync(RouterOptions options, SmsMessage message, SmsPhoneNumber to, CancellationToken cancellationToken)
    {
        var target = Route(options, to)
            ?? throw new SmsConnectorException(SmsErrorCode.InvalidConfig, $"No route matches {to.Masked} and no 'fallback' is set.")
            {
                MayHaveBeenSent = false,
            };
        SmsLog.Routing(Logger, Name, message.Type.Value, to.Masked, target);
        return SendThroughAsync(Connectors.Get(target), message, cancellationToken);
    }

    internal static string? Route(RouterOptions options, SmsPhoneNumber number)
    {
        SmsRoute? best = null;
        foreach (var route in options.Routes)
        {
            if (number.E164.StartsWith(route.NormalizedPrefix, StringComparison.Ordinal)
                && (best is null || route.NormalizedPrefix.Length > best.NormalizedPrefix.Length))
            {
                best = route;
            }
        }

        return best?.Connector ?? (string.IsNullOrWhiteSpace(options.Fallback) ? null : options.Fallback);
    }
}
