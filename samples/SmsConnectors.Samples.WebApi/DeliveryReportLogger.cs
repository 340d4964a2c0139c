using SmsConnectors;
using SmsConnectors.AspNetCore;

namespace SmsConnectors.Samples.WebApi;

/// <summary>
/// The sample's delivery-report handler: it logs each report that a vendor sent to
/// <c>POST /sms/delivery-reports/{connector}</c> and the endpoint verified, the number masked. A real
/// app would look up <see cref="SmsDeliveryReport.MessageId"/> where it kept the
/// <see cref="SmsSendResult.MessageId"/> of the send, and record the status there.
/// </summary>
public sealed partial class DeliveryReportLogger(ILogger<DeliveryReportLogger> logger) : ISmsDeliveryReportHandler
{
    /// <inheritdoc/>
    public Task HandleAsync(SmsDeliveryReport report, CancellationToken cancellationToken)
    {
        Reported(logger, report.MessageId, report.ConnectorName, report.Status, report.VendorStatus ?? "none", SmsPhoneNumber.Mask(report.Recipient));
        return Task.CompletedTask;
    }

    [LoggerMessage(1, LogLevel.Information, "Message {MessageId} sent through '{Connector}' is {Status} (vendor status {VendorStatus}, recipient {To}).")]
    private static partial void Reported(ILogger logger, string messageId, string connector, SmsDeliveryStatus status, string vendorStatus, string to);
}
