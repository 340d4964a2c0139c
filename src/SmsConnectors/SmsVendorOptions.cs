using SmsConnectors.Resilience;

namespace SmsConnectors;

/// <summary>
/// Settings every vendor connector has besides its vendor's own keys: how templates render, the
/// answer size cap, resilience and rate limit. Vendor connectors are Seven, Tencent, SMSAero and
/// the Generic HTTP connector.
/// </summary>
public abstract class SmsVendorOptions
{
    /// <summary>The default for <see cref="MaxResponseBytes"/>: 64 KiB.</summary>
    public const int DefaultMaxResponseBytes = 64 * 1024;

    private protected SmsVendorOptions()
    {
    }

    /// <summary>
    /// Gets or sets whether a placeholder whose root key is missing from the payload may be sent as
    /// it is (Logto's behaviour). Off by default: such a send fails before any HTTP call, rather
    /// than texting the user a literal <c>{{code}}</c>.
    /// </summary>
    public bool AllowUnresolvedPlaceholders { get; set; }

    /// <summary>
    /// Gets or sets whether templates may leave out the placeholder their usage type needs:
    /// <c>{{code}}</c> for passcode types (every well-known type except <c>OrganizationInvitation</c>),
    /// <c>{{link}}</c> for <c>OrganizationInvitation</c>. Off by default: such a template fails
    /// startup, since the user would get no passcode or no link.
    /// </summary>
    public bool AllowTemplatesWithoutCode { get; set; }

    /// <summary>
    /// Gets or sets the most SMS segments a rendered text may take (see <see cref="SmsSegments"/>);
    /// a longer one fails before anything is sent, a guard against cost blow-ups from long templates
    /// or payload values. None by default (the vendor's own length limit still applies).
    /// </summary>
    public int? MaxSegments { get; set; }

    /// <summary>Gets or sets the largest vendor answer read, in bytes; a larger answer is <see cref="SmsErrorCode.InvalidResponse"/>.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Gets or sets the timeouts, retries and circuit breaker (the <c>Resilience</c> key).</summary>
    public SmsResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets what the connector's health check reads besides its configuration and circuit (the <c>HealthCheck</c> key).</summary>
    public SmsHealthCheckOptions HealthCheck { get; set; } = new();

    /// <summary>Gets or sets an optional limit on how fast this connector sends (the <c>RateLimit</c> key).</summary>
    public SmsRateLimitOptions? RateLimit { get; set; }

    /// <summary>
    /// The secret values of these options (API keys, secret keys, authorization values, secret
    /// headers and query values): the one declaration every redaction of logs, exception texts and
    /// vendor messages uses.
    /// </summary>
    internal abstract IEnumerable<string?> Secrets();
}
