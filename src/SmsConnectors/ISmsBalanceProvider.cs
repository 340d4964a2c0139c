namespace SmsConnectors;

/// <summary>
/// Reads what is left on the vendor account of a connector, without sending anything. Implemented
/// by the vendor connectors whose vendor has a balance call (Seven, SMSAero, Tencent Cloud SMS);
/// find out with <c>connector is ISmsBalanceProvider balance</c>.
/// </summary>
public interface ISmsBalanceProvider
{
    /// <summary>Asks the vendor for the account's balance with the connector's current options and credentials.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The balance as the vendor reports it.</returns>
    /// <exception cref="SmsConnectorException">
    /// The vendor refused the request (wrong credentials, for example), could not be reached, or
    /// gave an answer that could not be read. <see cref="SmsConnectorException.MayHaveBeenSent"/>
    /// is always <see langword="false"/>: a balance request sends no message.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default);
}
