namespace SmsConnectors;

/// <summary>
/// Reads the delivery reports a connector's vendor sends back: verifies the call (Seven's
/// signature, Tencent's token, the Generic HTTP connector's signature) with the connector's current
/// options, and parses the vendor's body. Implemented by the Seven, Tencent Cloud SMS and Generic
/// HTTP connectors; find out with <c>connector is ISmsDeliveryReportReader reader</c>.
/// <c>SmsConnectors.AspNetCore</c>'s <c>MapSmsDeliveryReports</c> serves it over HTTP.
/// </summary>
public interface ISmsDeliveryReportReader
{
    /// <summary>Verifies and parses one call from the vendor.</summary>
    /// <param name="request">The vendor's call.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The reports and the answer the vendor expects, or why the call was refused.</returns>
    /// <exception cref="SmsConnectorException">The connector never had a valid configuration (<see cref="SmsErrorCode.InvalidConfig"/>).</exception>
    /// <exception cref="ObjectDisposedException">The connector was disposed.</exception>
    ValueTask<SmsDeliveryReportResult> ReadDeliveryReportsAsync(SmsDeliveryReportRequest request, CancellationToken cancellationToken = default);
}
