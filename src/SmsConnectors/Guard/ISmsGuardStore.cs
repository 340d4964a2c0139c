namespace SmsConnectors.Guard;

/// <summary>
/// Where the guard keeps its counters and idempotency keys: in memory for one process, or on a
/// server (Redis, in the <c>SmsConnectors.Redis</c> package) shared by every instance of an app.
/// Every operation must be atomic on the store, and every key must expire on its own. Keys and
/// values never hold a number or a code in clear text: the guard hashes them first.
/// </summary>
public interface ISmsGuardStore
{
    /// <summary>
    /// Records the send <paramref name="sendId"/> in every counter if each has room for it at
    /// <paramref name="now"/>, all or none, atomically. A counter has room when fewer than its limit of
    /// its sends are younger than its window.
    /// </summary>
    /// <param name="counters">The counters the send counts against.</param>
    /// <param name="sendId">A unique id for the send, to remove it again with <see cref="ReleaseAsync"/>.</param>
    /// <param name="now">The time of the send.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// Whether the send was recorded; else, of the full counters, the one that has room last, and
    /// how long until it does (so that a send retried then passes every counter).
    /// </returns>
    ValueTask<SmsGuardAcquisition> TryAcquireAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes the send <paramref name="sendId"/> from every counter again: it was not sent.</summary>
    /// <param name="counters">The counters <see cref="TryAcquireAsync"/> recorded it in.</param>
    /// <param name="sendId">The send's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the send is removed.</returns>
    ValueTask ReleaseAsync(IReadOnlyList<SmsGuardCounter> counters, string sendId, CancellationToken cancellationToken = default);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> unless it holds a value already, atomically.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value to set.</param>
    /// <param name="expiry">How long the value lives.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="null"/> when the value was set, else the value the key holds.</returns>
    ValueTask<string?> TrySetAsync(string key, string value, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>Replaces the value of <paramref name="key"/> if it still holds <paramref name="expected"/>, atomically.</summary>
    /// <param name="key">The key.</param>
    /// <param name="expected">The value the key must hold.</param>
    /// <param name="value">The new value, or <see langword="null"/> to remove the key.</param>
    /// <param name="expiry">How long the new value lives.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the key held <paramref name="expected"/> and was changed.</returns>
    ValueTask<bool> ReplaceAsync(string key, string expected, string? value, TimeSpan expiry, CancellationToken cancellationToken = default);

    /// <summary>Waits until <paramref name="key"/> no longer holds <paramref name="value"/> (it changed, was removed or expired), or <paramref name="timeout"/> passes.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value it holds now.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the value changed or the time is up.</returns>
    ValueTask WaitForChangeAsync(string key, string value, TimeSpan timeout, CancellationToken cancellationToken = default);
}
