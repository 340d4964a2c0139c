using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SmsConnectors.Logging;
using SmsConnectors.Telemetry;

namespace SmsConnectors.Guard;

/// <summary>
/// One guard configuration, compiled: what a send goes through before its connector's rate limit
/// and pipeline. In order: the destination policy (no I/O), the idempotency key (a replay returns
/// here), the limits (counted atomically in the store), the send, then the bookkeeping: a send known
/// not to have been sent gives its counts back and frees its key.
/// </summary>
internal sealed class GuardPlan
{
    /// <summary>How long a send waits at most for an earlier send with its idempotency key that is still in flight.</summary>
    internal static readonly TimeSpan InFlightWait = TimeSpan.FromMinutes(2);

    /// <summary>How many recent numbers and client addresses keep their destination and store keys.</summary>
    private const int MaxRemembered = 16 * 1024;

    private readonly SmsGuardOptions _options;
    private readonly NamedStore _store;
    private readonly GuardServices _services;
    private readonly DestinationPolicy _policy;
    private readonly GuardKeys _keys;
    private readonly RecentValues<Recipient> _recipients = new(MaxRemembered);
    private readonly RecentValues<SmsGuardCounter> _networks = new(MaxRemembered);
    private readonly ConcurrentDictionary<string, SmsGuardCounter> _countries = new(StringComparer.Ordinal);
    private DailyCounter? _daily;

    public GuardPlan(SmsGuardOptions options, NamedStore store, GuardServices services)
    {
        _options = options;
        _store = store;
        _services = services;
        _policy = new DestinationPolicy(options);
        _keys = new GuardKeys(options.HashSecret);
    }

    /// <summary>Gets whether idempotency keys are honoured (<c>IdempotencyWindow</c> is set).</summary>
    public bool HasIdempotency => _options.IdempotencyWindow is not null;

    /// <summary>Sends through <paramref name="send"/> if the guard lets the message through.</summary>
    /// <exception cref="SmsConnectorException">The guard refused the send, or the send failed.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<SmsSendResult> SendAsync<TState>(string connector, SmsMessage message, SmsPhoneNumber to, TState state, Func<TState, CancellationToken, ValueTask<SmsSendResult>> send, CancellationToken cancellationToken)
    {
        var recipient = RecipientOf(to);
        var destination = recipient.Destination;
        if (_policy.Refusal(to, destination) is { } refusal)
        {
            throw Refuse(connector, refusal.Reason, SmsErrorCode.RecipientNotAllowed, $"The guard refused the send to {to.Masked}: {refusal.Explanation}.", retryAfter: null);
        }

        if (message.IdempotencyKey is { } given && string.IsNullOrWhiteSpace(given))
        {
            throw new SmsConnectorException(SmsErrorCode.InvalidRequestParameters, "The message's IdempotencyKey is blank; leave it null or give one key per user action.") { MayHaveBeenSent = false };
        }

        var storeDown = false;
        IdempotencyClaim? claim = null;
        if (message.IdempotencyKey is { } key && _options.IdempotencyWindow is { } window)
        {
            try
            {
                var outcome = await ClaimAsync(key, to, window, cancellationToken).ConfigureAwait(false);
                if (outcome.Replay is { } replay)
                {
                    return replay;
                }

                claim = outcome.Claim;
            }
            catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
            {
                StoreFailed(connector, exception, "claim an idempotency key");
                storeDown = true;
            }
        }

        var now = _services.TimeProvider.GetUtcNow();
        var counters = storeDown ? new GuardCounters() : Counters(recipient, message.Ip, now);
        var sendId = counters.Count > 0 ? SendIds.Next() : string.Empty;
        if (counters.Count > 0)
        {
            SmsGuardAcquisition acquisition;
            try
            {
                acquisition = await _store.Store.TryAcquireAsync(counters, sendId, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsStoreFailure(exception, cancellationToken))
            {
                await AbandonAsync(claim).ConfigureAwait(false);
                StoreFailed(connector, exception, "count the send");
                acquisition = SmsGuardAcquisition.Acquired;
                counters = new GuardCounters();
                claim = null;
            }
            catch (OperationCanceledException)
            {
                // Cancelled before anything was sent: the key must not stay in flight.
                await AbandonAsync(claim).ConfigureAwait(false);
                throw;
            }

            if (!acquisition.IsAcquired)
            {
                await AbandonAsync(claim).ConfigureAwait(false);
                throw LimitReached(connector, to, destination, counters[acquisition.FullCounter], counters.ReasonAt(acquisition.FullCounter), acquisition.RetryAfter, now);
            }
        }

        SmsSendResult result;
        try
        {
            result = await send(state, cancellationToken).ConfigureAwait(false);
        }
        catch (SmsConnectorException exception) when (!exception.MayHaveBeenSent)
        {
            await ReleaseAsync(counters, sendId).ConfigureAwait(false);
            await AbandonAsync(claim).ConfigureAwait(false);
            throw;
        }
        catch (SmsConnectorException exception)
        {
            await CompleteAsync(claim, IdempotencyRecord.FailedRecord.From(exception)).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException)
        {
            // Cancelled in flight: the vendor may have the message, so the key must not let it go out again.
            await CompleteAsync(claim, new IdempotencyRecord.FailedRecord
            {
                ConnectorName = connector,
                Code = SmsErrorCode.Timeout,
                Message = "The earlier send was cancelled before its outcome was known.",
            }).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await ReleaseAsync(counters, sendId).ConfigureAwait(false);
            await AbandonAsync(claim).ConfigureAwait(false);
            throw;
        }

        await CompleteAsync(claim, result).ConfigureAwait(false);
        return result;
    }

    /// <summary>The counters a send to <paramref name="recipient"/> counts against, in the order they are checked, each with the reason it refuses for.</summary>
    private GuardCounters Counters(Recipient recipient, string? ip, DateTimeOffset now)
    {
        var counters = new GuardCounters();
        if (recipient.Number is { } number)
        {
            counters.Add(number, SmsGuardReason.PerNumber);
        }

        if (recipient.Cooldown is { } cooldown)
        {
            counters.Add(cooldown, SmsGuardReason.Cooldown);
        }

        if (_options.PerIp is { } perIp && !string.IsNullOrWhiteSpace(ip))
        {
            counters.Add(_networks.GetOrAdd(ip, (Keys: _keys, Ip: ip, Limit: perIp), static state => new SmsGuardCounter(state.Keys.Ip(state.Ip), state.Limit.Limit, state.Limit.Window)), SmsGuardReason.PerIp);
        }

        if (recipient.Country is { } country)
        {
            counters.Add(country, SmsGuardReason.PerCountry);
        }

        if (_options.DailyBudget is { } budget)
        {
            counters.Add(DailyCounterOf(now, budget), SmsGuardReason.DailyBudget);
        }

        return counters;
    }

    /// <summary>The counter of the UTC day of <paramref name="now"/>, made once a day.</summary>
    private SmsGuardCounter DailyCounterOf(DateTimeOffset now, int budget)
    {
        var day = now.UtcDateTime.Date;
        if (Volatile.Read(ref _daily) is { } daily && daily.Day == day)
        {
            return daily.Counter;
        }

        var counter = new SmsGuardCounter(GuardKeys.Day(now), budget, TimeSpan.FromDays(1));
        Volatile.Write(ref _daily, new DailyCounter(day, counter));
        return counter;
    }

    private async Task<(SmsSendResult? Replay, IdempotencyClaim? Claim)> ClaimAsync(string key, SmsPhoneNumber to, TimeSpan window, CancellationToken cancellationToken)
    {
        var storeKey = _keys.Idempotency(key);
        var recipient = _keys.Number(to);
        var inFlight = Serialize(new IdempotencyRecord { Owner = Guid.NewGuid().ToString("N"), Recipient = recipient });
        var giveUpAt = _services.TimeProvider.GetUtcNow() + InFlightWait;
        while (true)
        {
            var held = await _store.Store.TrySetAsync(storeKey, inFlight, window, cancellationToken).ConfigureAwait(false);
            if (held is null)
            {
                return (null, new IdempotencyClaim(storeKey, inFlight, recipient, window));
            }

            var record = Deserialize(held);
            if (!string.Equals(record.Recipient, recipient, StringComparison.Ordinal))
            {
                throw new SmsConnectorException(SmsErrorCode.InvalidRequestParameters, "The idempotency key was used for a message to another number within 'Guard:IdempotencyWindow'; use one key per message.")
                {
                    MayHaveBeenSent = false,
                };
            }

            switch (record.State)
            {
                case IdempotencyRecord.Sent when record.Result is { } sent:
                    return (sent.Replay(), null);
                case IdempotencyRecord.Failed when record.Error is { } failed:
                    throw failed.Replay();
            }

            var remaining = giveUpAt - _services.TimeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                throw new SmsConnectorException(SmsErrorCode.Timeout, $"An earlier send with the same idempotency key is still in flight after {InFlightWait.TotalMinutes:0} minutes; this one was not sent.")
                {
                    MayHaveBeenSent = true,
                };
            }

            await _store.Store.WaitForChangeAsync(storeKey, held, remaining, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CompleteAsync(IdempotencyClaim? claim, SmsSendResult result)
    {
        if (claim is not null)
        {
            await FinishAsync(claim, Serialize(new IdempotencyRecord { State = IdempotencyRecord.Sent, Recipient = claim.Recipient, Result = IdempotencyRecord.SentRecord.From(result) }), "record a sent message's idempotency key").ConfigureAwait(false);
        }
    }

    private async Task CompleteAsync(IdempotencyClaim? claim, IdempotencyRecord.FailedRecord failure)
    {
        if (claim is not null)
        {
            await FinishAsync(claim, Serialize(new IdempotencyRecord { State = IdempotencyRecord.Failed, Recipient = claim.Recipient, Error = failure }), "record a failed message's idempotency key").ConfigureAwait(false);
        }
    }

    private async Task AbandonAsync(IdempotencyClaim? claim)
    {
        if (claim is not null)
        {
            await FinishAsync(claim, value: null, "free the idempotency key of a message that was not sent").ConfigureAwait(false);
        }
    }

    /// <summary>Bookkeeping after the send: never with the caller's token, and never failing the send, whose outcome is known.</summary>
    private async Task FinishAsync(IdempotencyClaim claim, string? value, string operation)
    {
        try
        {
            await _store.Store.ReplaceAsync(claim.Key, claim.InFlight, value, claim.Window, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SmsLog.GuardStoreFailed(_services.Logger, exception, _store.Name, operation, "the key keeps its earlier state until it expires.");
        }
    }

    private async Task ReleaseAsync(GuardCounters counters, string sendId)
    {
        if (counters.Count == 0)
        {
            return;
        }

        try
        {
            await _store.Store.ReleaseAsync(counters, sendId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SmsLog.GuardStoreFailed(_services.Logger, exception, _store.Name, "give back the counts of a message that was not sent", "they stay counted until their windows pass.");
        }
    }

    private static bool IsStoreFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not SmsConnectorException && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>The store failed before the send: refuse it (closed) or let it through without the guard's counts (open).</summary>
    private void StoreFailed(string connector, Exception exception, string operation)
    {
        if (_options.FailureMode == SmsGuardFailureMode.Open)
        {
            SmsLog.GuardStoreFailed(_services.Logger, exception, _store.Name, operation, "sending without the guard's limits and idempotency ('Guard:FailureMode' is Open).");
            return;
        }

        SmsLog.GuardStoreFailed(_services.Logger, exception, _store.Name, operation, "the send is refused ('Guard:FailureMode' is Closed).");
        throw Refuse(connector, SmsGuardReason.StoreUnavailable, SmsErrorCode.ServiceUnavailable,
            $"The guard's store '{_store.Name}' is unavailable ({exception.GetType().Name}), so the send was refused ('Guard:FailureMode' is Closed).", retryAfter: null, exception);
    }

    private SmsConnectorException LimitReached(string connector, SmsPhoneNumber to, Destination destination, SmsGuardCounter counter, SmsGuardReason reason, TimeSpan retryAfter, DateTimeOffset now)
    {
        var limit = reason switch
        {
            SmsGuardReason.PerNumber => $"at most {_options.PerNumber} messages to one number ('Guard:PerNumber')",
            SmsGuardReason.Cooldown => $"the last message to this number was sent less than {_options.Cooldown:c} ago ('Guard:Cooldown')",
            SmsGuardReason.PerIp => $"at most {_options.PerIp} messages for one client IP ('Guard:PerIp')",
            SmsGuardReason.PerCountry => $"at most {_options.PerCountry} messages to {destination.Region} ('Guard:PerCountry')",
            _ => $"the daily budget of {_options.DailyBudget} messages is used up ('Guard:DailyBudget', UTC days)",
        };
        if (reason == SmsGuardReason.DailyBudget)
        {
            retryAfter = now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
        }
        else if (retryAfter > counter.Window)
        {
            // A send another instance counted a moment "later" by its own clock: no wait is longer than the window.
            retryAfter = counter.Window;
        }

        var seconds = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Refuse(connector, reason, SmsErrorCode.RateLimitExceeded, $"The guard refused the send to {to.Masked}: {limit}; retry after {seconds} s.", retryAfter);
    }

    private SmsConnectorException Refuse(string connector, SmsGuardReason reason, SmsErrorCode code, string message, TimeSpan? retryAfter, Exception? inner = null)
    {
        var tag = GuardReasons.TagOf(reason);
        if (_services.Telemetry.GuardRefusals.Enabled)
        {
            _services.Telemetry.GuardRefusals.Add(1, new TagList { { SmsTags.Connector, connector }, { SmsTags.Reason, tag } });
        }

        Activity.Current?.AddEvent(new ActivityEvent("sms.guard.refused", tags: new ActivityTagsCollection { [SmsTags.Reason] = tag }));
        return new SmsConnectorException(code, message, inner)
        {
            MayHaveBeenSent = false,
            IsTransient = code != SmsErrorCode.RecipientNotAllowed,
            RetryAfter = retryAfter,
            GuardReason = reason,
        };
    }

    private static string Serialize(IdempotencyRecord record) => JsonSerializer.Serialize(record, GuardJsonContext.Default.IdempotencyRecord);

    private static IdempotencyRecord Deserialize(string value) =>
        JsonSerializer.Deserialize(value, GuardJsonContext.Default.IdempotencyRecord) ?? throw new JsonException("The idempotency record is null.");

    /// <summary>An idempotency key this send holds while in flight.</summary>
    private sealed record IdempotencyClaim(string Key, string InFlight, string Recipient, TimeSpan Window);

    /// <summary>Where a number goes and the counters a send to it counts against, worked out once while the number is sent to.</summary>
    private Recipient RecipientOf(SmsPhoneNumber to) =>
        _recipients.GetOrAdd(to.E164, (Plan: this, To: to), static state => state.Plan.CreateRecipient(state.To));

    private Recipient CreateRecipient(SmsPhoneNumber to)
    {
        var destination = DestinationPolicy.Locate(to);
        var (perNumber, cooldown) = (_options.PerNumber, _options.Cooldown);
        var (numberKey, cooldownKey) = perNumber is null && cooldown is null ? default : _keys.NumberAndCooldown(to, perNumber is not null, cooldown is not null);
        return new Recipient(
            destination,
            perNumber is null ? null : new SmsGuardCounter(numberKey!, perNumber.Limit, perNumber.Window),
            cooldown is { } window ? new SmsGuardCounter(cooldownKey!, 1, window) : null,
            _options.PerCountry is { } perCountry ? _countries.GetOrAdd(destination.Region, static (region, limit) => new SmsGuardCounter(GuardKeys.Country(region), limit.Limit, limit.Window), perCountry) : null);
    }

    /// <summary>Where a number goes, and its counters under this configuration (<see langword="null"/> for a limit not configured); kept in the recent values' entry itself.</summary>
    private readonly record struct Recipient(Destination Destination, SmsGuardCounter? Number, SmsGuardCounter? Cooldown, SmsGuardCounter? Country);

    private sealed record DailyCounter(DateTime Day, SmsGuardCounter Counter);
}
