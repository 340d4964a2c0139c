namespace SmsConnectors.Outbox;

/// <summary>
/// The messages the Outbox connectors kept, for development and for tests of an application:
/// read them, clear them, or await the next one.
/// </summary>
public interface ISmsOutbox
{
    /// <summary>Gets a snapshot of the kept messages, oldest first.</summary>
    IReadOnlyList<OutboxMessage> Messages { get; }

    /// <summary>Removes every kept message.</summary>
    void Clear();

    /// <summary>
    /// Waits for the next message kept after this call. Start waiting before the action that
    /// sends: <c>var next = outbox.WaitForNextAsync(ct); await SignInAsync(); var sms = await next;</c>.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The message.</returns>
    Task<OutboxMessage> WaitForNextAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the newest kept message that matches <paramref name="predicate"/>, or waits for the
    /// next one that does.
    /// </summary>
    /// <param name="predicate">Which message to wait for, for example <c>m =&gt; m.To == "+4915112345678"</c>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The message.</returns>
    Task<OutboxMessage> WaitForMessageAsync(Func<OutboxMessage, bool> predicate, CancellationToken cancellationToken = default);
}
