using SmsConnectors.Resilience;

namespace SmsConnectors;

/// <summary>Settings every connector that calls a vendor over HTTP has.</summary>
public abstract class HttpSmsConnectorOptions : SmsConnectorOptions
{
    /// <summary>The default for <see cref="MaxResponseBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024;

    /// <summary>Gets or sets the largest vendor answer read, in bytes; a larger answer is <see cref="SmsErrorCode.InvalidResponse"/>.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Gets or sets the timeouts, retries and circuit breaker (the <c>Resilience</c> key).</summary>
    public SmsResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets an optional limit on how fast this connector sends (the <c>RateLimit</c> key).</summary>
    public SmsRateLimitOptions? RateLimit { get; set; }
}
