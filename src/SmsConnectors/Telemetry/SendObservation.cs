using System.Diagnostics;

namespace SmsConnectors.Telemetry;

/// <summary>
/// One send as traces and metrics see it: its activity (when someone listens) and its start time
/// (when a duration is measured). Records the outcome once, with bounded tags only: never the
/// number, the text, the code or a secret.
/// </summary>
internal readonly struct SendObservation
{
    private readonly SmsTelemetry? _telemetry;
    private readonly TimeProvider? _timeProvider;
    private readonly string _connector;
    private readonly string _provider;
    private readonly string _usageType;
    private readonly long _started;

    private SendObservation(SmsTelemetry? telemetry, TimeProvider? timeProvider, Activity? activity, string connector, string provider, string usageType, long started)
    {
        (_telemetry, _timeProvider, Activity, _connector, _provider, _usageType, _started) = (telemetry, timeProvider, activity, connector, provider, usageType, started);
    }

    /// <summary>Gets the send's activity, when someone listens.</summary>
    public Activity? Activity { get; }

    /// <summary>
    /// Starts observing a send. <paramref name="telemetry"/> holds the instruments when the send is
    /// measured (vendors and the Outbox); it is <see langword="null"/> for composites, which appear in
    /// traces only, so that a message is counted once.
    /// </summary>
    public static SendObservation Start(SmsTelemetry? telemetry, TimeProvider timeProvider, string connector, string provider, SmsMessage message, ActivityKind kind)
    {
        var activity = SmsTelemetry.Source.StartActivity("sms send", kind);
        var measured = telemetry is not null && (telemetry.Duration.Enabled || telemetry.Sends.Enabled);
        var usageType = activity is { IsAllDataRequested: true } || measured ? SmsTags.UsageTypeOf(message.Type) : string.Empty;
        if (activity is { IsAllDataRequested: true })
        {
            activity.DisplayName = $"sms send {connector}";
            activity.SetTag(SmsTags.Connector, connector);
            activity.SetTag(SmsTags.Provider, provider);
            activity.SetTag(SmsTags.UsageType, usageType);
        }

        return new SendObservation(telemetry, timeProvider, activity, connector, provider, usageType, measured ? timeProvider.GetTimestamp() : 0);
    }

    /// <summary>The recipient is known: its calling code goes on the activity.</summary>
    public void Recipient(SmsPhoneNumber to)
    {
        if (Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(SmsTags.CallingCode, CallingCodes.Of(to));
        }
    }

    /// <summary>The send succeeded.</summary>
    public void Sent(SmsSendResult result, int attempts)
    {
        if (Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(SmsTags.Outcome, SmsTags.Sent);
            activity.SetTag(SmsTags.Attempts, attempts);
            if (result.MessageId is { } messageId)
            {
                activity.SetTag(SmsTags.MessageId, messageId);
            }

            if (result.Segments is { } segments)
            {
                activity.SetTag(SmsTags.Segments, segments);
                activity.SetTag(SmsTags.Encoding, result.Encoding.ToString());
            }
        }

        Measure(SmsTags.Sent, errorType: null);
        if (result.Segments is { } count && _telemetry is { Segments.Enabled: true } telemetry)
        {
            telemetry.Segments.Add(count, new TagList
            {
                { SmsTags.Connector, _connector },
                { SmsTags.Provider, _provider },
                { SmsTags.Encoding, result.Encoding.ToString() },
            });
        }
        Activity?.Dispose();
    }

    /// <summary>The send returned an earlier send's result for its idempotency key: nothing was sent, and it is counted as replayed.</summary>
    public void Replayed(SmsSendResult result)
    {
        if (Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag(SmsTags.Outcome, SmsTags.Replayed);
            activity.SetTag(SmsTags.Replay, true);
            if (result.MessageId is { } messageId)
            {
                activity.SetTag(SmsTags.MessageId, messageId);
            }
        }

        Measure(SmsTags.Replayed, errorType: null);
        Activity?.Dispose();
    }

    /// <summary>The send failed.</summary>
    public void Failed(SmsConnectorException exception, int attempts)
    {
        if (Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag(SmsTags.Outcome, SmsTags.Failed);
            activity.SetTag(SmsTags.Attempts, attempts);
            activity.SetTag(SmsTags.ErrorType, exception.Code.ToString());
            activity.SetTag(SmsTags.MayHaveBeenSent, exception.MayHaveBeenSent);
        }

        Measure(SmsTags.Failed, exception.Code.ToString());
        Activity?.Dispose();
    }

    /// <summary>The send ended otherwise (cancelled, disposed): the activity ends with an error, and nothing is counted as sent or failed.</summary>
    public void Abandoned(Exception exception)
    {
        if (Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity.SetTag(SmsTags.ErrorType, exception.GetType().Name);
        }

        Activity?.Dispose();
    }

    private void Measure(string outcome, string? errorType)
    {
        if (_telemetry is null || (!_telemetry.Sends.Enabled && !_telemetry.Duration.Enabled))
        {
            return;
        }

        var tags = new TagList
        {
            { SmsTags.Connector, _connector },
            { SmsTags.Provider, _provider },
            { SmsTags.UsageType, _usageType },
            { SmsTags.Outcome, outcome },
        };
        if (errorType is not null)
        {
            tags.Add(SmsTags.ErrorType, errorType);
        }

        _telemetry.Sends.Add(1, tags);
        if (_started != 0)
        {
            _telemetry.Duration.Record(_timeProvider!.GetElapsedTime(_started).TotalSeconds, tags);
        }
    }
}
