namespace SmsConnectors.Telemetry;

/// <summary>The names of the tags on the library's activities and instruments.</summary>
internal static class SmsTags
{
    public const string Connector = "sms.connector";
    public const string Provider = "sms.provider";
    public const string UsageType = "sms.usage_type";
    public const string Outcome = "sms.outcome";
    public const string Attempts = "sms.attempts";
    public const string MessageId = "sms.message_id";
    public const string Segments = "sms.segments";
    public const string Encoding = "sms.encoding";
    public const string CallingCode = "sms.destination.calling_code";
    public const string MayHaveBeenSent = "sms.may_have_been_sent";
    public const string ErrorType = "error.type";
    public const string Retried = "sms.retried";
    public const string Reason = "reason";
    public const string Replay = "sms.idempotency.replay";

    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Replayed = "replayed";

    /// <summary>A usage type as a bounded tag value: a well-known type as it is, any other as <c>Other</c>.</summary>
    public static string UsageTypeOf(SmsUsageType type) => type.IsWellKnown ? type.Value : "Other";
}
