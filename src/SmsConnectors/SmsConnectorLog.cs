using Microsoft.Extensions.Logging;

namespace SmsConnectors;

/// <summary>The library's log lines. Numbers are passed masked; codes, texts and secrets never are.</summary>
internal static partial class SmsConnectorLog
{
    [LoggerMessage(1, LogLevel.Debug, "SMS connector '{Connector}' is sending a {UsageType} message to {To}.")]
    public static partial void Sending(ILogger logger, string connector, string usageType, string to);

    [LoggerMessage(2, LogLevel.Information, "SMS connector '{Connector}' sent a {UsageType} message to {To} (message id {MessageId}).")]
    public static partial void Sent(ILogger logger, string connector, string usageType, string to, string? messageId);

    [LoggerMessage(3, LogLevel.Warning, "SMS connector '{Connector}' failed to send a {UsageType} message to {To}: {ErrorCode} (provider code {ProviderCode}, HTTP status {HttpStatus}, may have been sent: {MayHaveBeenSent}).")]
    public static partial void Failed(ILogger logger, string connector, string usageType, string to, SmsErrorCode errorCode, string? providerCode, int? httpStatus, bool mayHaveBeenSent);

    [LoggerMessage(4, LogLevel.Warning, "SMS connector '{Connector}' could not connect to {Host}; trying {NextHost}.")]
    public static partial void HostUnreachable(ILogger logger, string connector, string host, string nextHost);

    [LoggerMessage(5, LogLevel.Information, "Outbox connector '{Connector}' stored a {UsageType} message for {To}.")]
    public static partial void OutboxStored(ILogger logger, string connector, string usageType, string to);
}
