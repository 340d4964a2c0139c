using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmsConnectors.Redis;

/// <summary>The Redis store's log lines (category <c>SmsConnectors.Redis</c>); they name the server, never the configuration string.</summary>
internal static partial class RedisLog
{
    /// <summary>The category of the store's lines.</summary>
    public const string Category = "SmsConnectors.Redis";

    [LoggerMessage(50, LogLevel.Warning, "The SMS guard's Redis connection to {EndPoint} failed ({FailureType}); it reconnects in the background, and sends meanwhile follow 'Guard:FailureMode'.")]
    public static partial void ConnectionFailed(ILogger logger, string endPoint, ConnectionFailureType failureType);

    [LoggerMessage(51, LogLevel.Information, "The SMS guard's Redis connection to {EndPoint} is restored.")]
    public static partial void ConnectionRestored(ILogger logger, string endPoint);
}
