using Microsoft.Extensions.Logging;

namespace SmsConnectors.Routing;

internal static partial class RoutingLog
{
    [LoggerMessage(20, LogLevel.Warning, "Failover connector '{Connector}': '{Failed}' failed with {ErrorCode} (may have been sent: {MayHaveBeenSent}); trying '{Next}'.")]
    public static partial void FailingOver(ILogger logger, string connector, string failed, string next, SmsErrorCode errorCode, bool mayHaveBeenSent);
}
