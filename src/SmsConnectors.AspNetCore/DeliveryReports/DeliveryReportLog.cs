using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SmsConnectors.AspNetCore.DeliveryReports;

/// <summary>
/// Every log line of the delivery-report endpoint (category <see cref="SmsConnectorsEndpoints.LogCategory"/>),
/// with its event id. Numbers are passed masked; secrets and query values never are.
/// </summary>
internal static partial class DeliveryReportLog
{
    [LoggerMessage(EventId = 100, Message = "SMS connector '{Connector}' reported message {MessageId}: {Status} (vendor status {VendorStatus}, vendor code {VendorErrorCode}, at {VendorTime}) to {To}.")]
    public static partial void Received(ILogger logger, LogLevel level, string connector, string messageId, SmsDeliveryStatus status, string vendorStatus, string vendorErrorCode, string vendorTime, string to);

    [LoggerMessage(101, LogLevel.Information, "SMS connector '{Connector}' took a call without delivery reports: {Reason}.")]
    public static partial void Ignored(ILogger logger, string connector, string reason);

    [LoggerMessage(102, LogLevel.Warning, "An SMS delivery report call for connector {Connector} was refused with {StatusCode}: {Reason}.")]
    public static partial void Refused(ILogger logger, string connector, int statusCode, string reason);

    [LoggerMessage(103, LogLevel.Error, "The delivery report handler {Handler} failed on the report of message {MessageId} from SMS connector '{Connector}' to {To}, so the call was answered 500 and the vendor will send it again. {Failure}")]
    public static partial void HandlerFailed(ILogger logger, string handler, string messageId, string connector, string to, string failure);

    [LoggerMessage(104, LogLevel.Error, "SMS connector '{Connector}' could not read a delivery report call, so it was answered 500 and the vendor will send it again. {Failure}")]
    public static partial void ReaderFailed(ILogger logger, string connector, string failure);

    [LoggerMessage(105, LogLevel.Warning, "The vendor closed the connection before the delivery reports of SMS connector '{Connector}' were handled; it will send them again.")]
    public static partial void Abandoned(ILogger logger, string connector);

    /// <summary>The "reported" line of one report, at <paramref name="level"/>; the recipient masked.</summary>
    public static void Received(ILogger logger, LogLevel level, SmsDeliveryReport report)
    {
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var time = report.VendorTime?.ToString("O", CultureInfo.InvariantCulture) ?? "none";
        var to = Masked(report.Recipient);
        Received(logger, level, report.ConnectorName, report.MessageId, report.Status, report.VendorStatus ?? "none", report.VendorErrorCode ?? "none", time, to);
    }

    /// <summary>A report's recipient for the log: masked, or words saying the vendor gave none.</summary>
    public static string Masked(string? recipient) => recipient is null ? "a recipient the vendor did not name" : SmsPhoneNumber.Mask(recipient);
}
