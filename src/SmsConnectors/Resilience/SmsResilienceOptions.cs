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
