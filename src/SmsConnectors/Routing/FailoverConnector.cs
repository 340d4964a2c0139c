using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsConnectors.Routing;

/// <summary>Sends through the first connector that accepts; moves on only when a failure is known not to have been sent.</summary>
internal sealed class FailoverConnector(string name, IOptionsMonitor<FailoverOptions> options, ISmsConnectorProvider connectors, ILogger<FailoverConnector> logger)
    : SmsConnector<FailoverOptions>(name, options, logger)
{
    protected override async Task<SmsSendResult> SendCoreAsync(SmsSendContext<FailoverOptions> context, CancellationToken cancellationToken)
    {
        var attempts = new List<SmsConnectorException>();
        var names = context.Options.Connectors;
        for (var i = 0; i < names.Count; i++)
        {
            try
            {
                return await connectors.Get(names[i]).SendAsync(context.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (SmsConnectorException exception)
            {
                attempts.Add(exception);
                var canContinue = !exception.MayHaveBeenSent || context.Options.FailoverOnUnknownOutcome;
                if (!canContinue || i == names.Count - 1)
                {
                    break;
                }

                RoutingLog.FailingOver(Logger, Name, names[i], names[i + 1], exception.Code, exception.MayHaveBeenSent);
            }
        }

        var last = attempts[^1];
        var summary = string.Join("; ", attempts.Select(a => $"{a.ConnectorName}: {a.Code}{(a.MayHaveBeenSent ? " (may have been sent)" : string.Empty)}"));
        var stopped = attempts.Count < names.Count ? " Stopped because the last outcome is unknown." : string.Empty;
        throw new SmsConnectorException(last.Code, $"Every attempt failed: {summary}.{stopped}", last)
        {
            ProviderCode = last.ProviderCode,
            ProviderMessage = last.ProviderMessage,
            RequestId = last.RequestId,
            HttpStatus = last.HttpStatus,
            MayHaveBeenSent = attempts.Exists(a => a.MayHaveBeenSent),
            Attempts = attempts,
        };
    }
}
