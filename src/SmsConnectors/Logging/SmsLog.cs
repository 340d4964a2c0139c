using Microsoft.Extensions.Logging;

namespace SmsConnectors.Logging;

/// <summary>
/// Every log line of the library, with its event id: this class is the one table of them. Numbers
/// are passed masked; codes, texts and secrets never are.
/// </summary>
internal static partial class SmsLog
{
    /// <summary>The category of the lines about connectors in general (configuration, startup).</summary>
    public const string Category = "SmsConnectors";

    /// <summary>The category of one kind of connector's lines: <c>SmsConnectors.Seven</c>, <c>SmsConnectors.Failover</c>, ...</summary>
    public static string CategoryOf(string provider) => $"{Category}.{provider}";

    [LoggerMessage(1, LogLevel.Debug, "SMS connector '{Connector}' is sending a {UsageType} message to {To}.")]
    public static partial void Sending(ILogger logger, string connector, string usageType, string to);

    [LoggerMessage(2, LogLevel.Information, "SMS connector '{Connector}' sent a {UsageType} message to {To} (message id {MessageId}, request id {RequestId}).")]
    public static partial void Sent(ILogger logger, string connector, string usageType, string to, string messageId, string requestId);

    [LoggerMessage(3, LogLevel.Warning, "SMS connector '{Connector}' failed to send a {UsageType} message to {To}: {ErrorCode} (provider code {ProviderCode}, HTTP status {HttpStatus}, may have been sent: {MayHaveBeenSent}). {Reason}")]
    public static partial void Failed(ILogger logger, string connector, string usageType, string to, SmsErrorCode errorCode, string providerCode, string httpStatus, bool mayHaveBeenSent, string reason);

    [LoggerMessage(4, LogLevel.Warning, "SMS connector '{Connector}' could not connect to {Host}; trying {NextHost}.")]
    public static partial void HostUnreachable(ILogger logger, string connector, string host, string nextHost);

    [LoggerMessage(5, LogLevel.Error, "SMS connector '{Connector}': the reloaded configuration is invalid, so the connector keeps sending with its last valid configuration. {Problems}")]
    public static partial void ReloadRejected(ILogger logger, string connector, string problems);

    [LoggerMessage(6, LogLevel.Warning, "{Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string warning);

    [LoggerMessage(40, LogLevel.Error, "The SMS guard's store '{Store}' failed to {Operation}; {Consequence}")]
    public static partial void GuardStoreFailed(ILogger logger, Exception exception, string store, string operation, string consequence);

    [LoggerMessage(41, LogLevel.Information, "SMS connector '{Connector}' returned the result of an earlier send to {To} with the same idempotency key (message id {MessageId}); nothing was sent again.")]
    public static partial void Replayed(ILogger logger, string connector, string to, string messageId);

    [LoggerMessage(20, LogLevel.Warning, "Failover connector '{Connector}': '{Failed}' failed with {ErrorCode} (may have been sent: {MayHaveBeenSent}); trying '{Next}'.")]
    public static partial void FailingOver(ILogger logger, string connector, string failed, string next, SmsErrorCode errorCode, bool mayHaveBeenSent);

    [LoggerMessage(21, LogLevel.Debug, "Router connector '{Connector}' routes a {UsageType} message to {To} through '{Target}'.")]
    public static partial void Routing(ILogger logger, string connector, string usageType, string to, string target);

    /// <summary>The "sending" line; the number is masked only when the line is written.</summary>
    public static void Sending(ILogger logger, string connector, SmsMessage message, SmsPhoneNumber to)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Sending(logger, connector, message.Type.Value, to.Masked);
        }
    }

    /// <summary>The "sent" line, with "none" for ids the vendor did not give; the number is masked only when the line is written.</summary>
    public static void Sent(ILogger logger, string connector, SmsMessage message, SmsPhoneNumber to, SmsSendResult result)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Sent(logger, connector, message.Type.Value, to.Masked, result.MessageId ?? "none", result.RequestId ?? "none");
        }
    }

    /// <summary>The "replayed" line; the number is masked only when the line is written.</summary>
    public static void Replayed(ILogger logger, string connector, SmsPhoneNumber to, SmsSendResult result)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Replayed(logger, connector, to.Masked, result.MessageId ?? "none");
        }
    }

    /// <summary>The "failed" line: the error, and why in the exception's own (redacted, masked) words.</summary>
    public static void Failed(ILogger logger, string connector, SmsMessage message, string to, SmsConnectorException exception) =>
        Failed(
            logger,
            connector,
            message.Type.Value,
            to,
            exception.Code,
            exception.ProviderCode ?? "none",
            exception.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none",
            exception.MayHaveBeenSent,
            exception.Message);
}
