namespace SmsConnectors.Resilience;

/// <summary>
/// Limits how fast a connector sends (its <c>RateLimit</c> key), for example to stay under a
/// vendor's per-account rate. A send that finds no permit and no room in the queue fails with
/// <see cref="SmsErrorCode.RateLimitExceeded"/>, not sent.
/// </summary>
public sealed class SmsRateLimitOptions
{
    /// <summary>Gets or sets how many sends may start per second; 0 (the default) means no limit.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Gets or sets how many sends may wait for a permit; further sends are rejected at once. Default 0.</summary>
    public int QueueLength { get; set; }
}
