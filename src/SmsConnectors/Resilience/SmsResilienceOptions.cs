namespace SmsConnectors.Resilience;

/// <summary>
/// How a connector retries, times out and stops calling a failing vendor (its <c>Resilience</c>
/// key). Strategies run in the order total timeout, retry, circuit breaker, attempt timeout.
/// A send is retried only when the vendor cannot have accepted it.
/// </summary>
public sealed class SmsResilienceOptions
{
    /// <summary>The default for <see cref="ConnectTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the longest a send may take, retries and waits included. Default 30 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest one attempt may take. Default 10 seconds. An attempt that times out
    /// after its request was sent is not retried: the vendor may have accepted it.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets the longest wait for a connection to the vendor. A connection that cannot be
    /// made in time has sent nothing, so the send may be retried. Default 5 seconds; keep it below
    /// <see cref="AttemptTimeout"/>, or a slow connection counts as a timeout that may have sent.
    /// Applies to connections opened after a change.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Gets or sets the retry settings.</summary>
    public SmsRetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets the circuit breaker settings.</summary>
    public SmsCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}

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

/// <summary>
/// Stops calling a vendor that keeps failing without accepting messages; while open, a send fails
/// at once with <see cref="SmsErrorCode.ServiceUnavailable"/> and nothing sent.
/// </summary>
public sealed class SmsCircuitBreakerOptions
{
    /// <summary>Gets or sets whether the circuit breaker is used. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the share of not-sent failures among sends in <see cref="SamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets how many sends must be seen in <see cref="SamplingDuration"/> before the circuit may open. Default 10.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the window in which failures are counted. Default 30 seconds.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the circuit stays open before a trial send. Default 15 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
