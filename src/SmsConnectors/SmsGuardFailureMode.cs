namespace SmsConnectors;

/// <summary>What the guard does when its store (Redis) cannot be reached.</summary>
public enum SmsGuardFailureMode
{
    /// <summary>Refuse the send with <see cref="SmsErrorCode.ServiceUnavailable"/>: no limit can be bypassed (the default).</summary>
    Closed = 0,

    /// <summary>Send without the guard's limits and idempotency, and log an error: no passcode is held up by the store.</summary>
    Open,
}
