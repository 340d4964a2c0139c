namespace SmsConnectors.AspNetCore;

/// <summary>
/// Receives the delivery reports that <c>MapSmsDeliveryReports</c> verified: register one or more
/// in the service collection (any lifetime; scoped ones are resolved from the request's scope), and
/// each is called with every report, in turn. A handler that throws makes the endpoint answer 500,
/// so the vendor sends the call again: handle a report more than once without harm (vendors may
/// send a report twice anyway).
/// </summary>
public interface ISmsDeliveryReportHandler
{
    /// <summary>Handles one delivery report.</summary>
    /// <param name="report">The report; <see cref="SmsDeliveryReport.MessageId"/> is the <see cref="SmsSendResult.MessageId"/> of the send it is about.</param>
    /// <param name="cancellationToken">Cancelled when the vendor closes the connection.</param>
    /// <returns>A task that completes when the report is handled.</returns>
    Task HandleAsync(SmsDeliveryReport report, CancellationToken cancellationToken);
}
