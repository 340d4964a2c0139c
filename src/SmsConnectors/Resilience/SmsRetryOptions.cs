namespace SmsConnectors.Resilience;

/// <summary>
/// When and how often a send is tried again: only after failures that are known not to have been
/// sent and may pass (the connection could not be made, the vendor answered 429 or 503, or the
/// vendor's own "throttled" code).
/// </summary>
public sealed class SmsRetryOptions
{
    /// <summary>Gets or sets how many times a send is retried; 0 turns retries off. Default 2.</summary>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Gets or sets the first backoff delay; it doubles with every retry. Default 200 milliseconds.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest backoff delay. Default 5 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets whether backoff delays are randomised so that many clients do not retry in step. Default on.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> that is waited for; a vendor that asks for a
    /// longer wait gets no retry and the send fails (not sent). Default 10 seconds.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
}
