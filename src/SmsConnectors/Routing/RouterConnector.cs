using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsConnectors.Routing;

/// <summary>Sends through the connector whose prefix is the longest match of the normalised number.</summary>
internal sealed class RouterConnector(string name, IOptionsMonitor<RouterOptions> options, ISmsConnectorProvider connectors, ILogger<RouterConnector> logger)
    : SmsConnector<RouterOptions>(name, options, logger)
{
    protected override Task<SmsSendResult> SendCoreAsync(SmsSendContext<RouterOptions> context, CancellationToken cancellationToken)
    {
        var target = Route(context.Options, context.To)
            ?? throw new SmsConnectorException(SmsErrorCode.InvalidConfig, $"No route matches {context.To.Masked} and no 'fallback' is set.")
            {
                MayHaveBeenSent = false,
            };
        return connectors.Get(target).SendAsync(context.Message, cancellationToken);
    }

    internal static string? Route(RouterOptions options, PhoneNumber number)
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
