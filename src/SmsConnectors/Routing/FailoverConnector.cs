using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Guard;
using SmsConnectors.Logging;

namespace SmsConnectors.Routing;

/// <summary>Sends through the first connector that accepts; moves on only when a failure is known not to have been sent.</summary>
internal sealed class FailoverConnector(string name, IOptionsMonitor<FailoverOptions> options, ISmsConnectorProvider connectors, ILoggerFactory loggerFactory, SendGuard guard)
    : CompositeConnector<FailoverOptions>(name, Provider, options, connectors, loggerFactory, guard)
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "Failover";

    private protected override async Task<SmsSendResult> RouteAsync(FailoverOptions options, SmsMessage message, SmsPhoneNumber to, CancellationToken cancellationToken)
    {
        var attempts = new List<SmsConnectorException>();
        var names = options.Connectors;
        for (var i = 0; i < names.Count; i++)
        {
            try
            {
                return await SendThroughAsync(Connectors.Get(names[i]), message, cancellationToken).ConfigureAwait(false);
            }
            catch (SmsConnectorException exception)
            {
                attempts.Add(exception);
                var canContinue = !exception.MayHaveBeenSent || options.FailoverOnUnknownOutcome;
                if (!canContinue || i == names.Count - 1)
                {
                    break;
                }

                SmsLog.FailingOver(Logger, Name, names[i], names[i + 1], exception.Code, exception.MayHaveBeenSent);
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
            RetryAfter = last.RetryAfter,
            IsTransient = last.IsTransient,
            MayHaveBeenSent = attempts.Exists(a => a.MayHaveBeenSent),
            Attempts = attempts,
        };
    }
}
