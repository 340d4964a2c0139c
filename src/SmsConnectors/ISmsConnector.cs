namespace SmsConnectors;

/// <summary>
/// Sends SMS messages through one configured vendor (or composite of vendors).
/// Implementations are thread-safe and meant to be used as singletons.
/// </summary>
public interface ISmsConnector
{
    /// <summary>Gets the name the connector was registered under (its configuration key).</summary>
    string Name { get; }

    /// <summary>Renders and sends <paramref name="message"/>.</summary>
    /// <param name="message">The message to send.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The vendor's acknowledgement.</returns>
    /// <exception cref="SmsConnectorException">The message was rejected or could not be sent.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default);
}
