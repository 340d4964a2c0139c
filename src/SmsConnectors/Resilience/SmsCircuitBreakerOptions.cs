namespace SmsConnectors.Resilience;

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
