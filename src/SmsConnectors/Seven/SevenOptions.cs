using SmsConnectors.Templates;

namespace SmsConnectors.Seven;

/// <summary>
/// Settings of the Seven (seven.io, formerly sms77) connector (<c>"Provider": "Seven"</c>). The keys
/// are those of Logto's Seven connector (<c>apiKey</c>, <c>from</c>, <c>templates</c>), so its
/// JSON configuration can be used unchanged.
/// </summary>
public sealed class SevenOptions : SmsVendorOptions
{
    /// <summary>The default for <see cref="BaseUrl"/>: <c>https://gateway.seven.io/api</c>.</summary>
    public const string DefaultBaseUrl = "https://gateway.seven.io/api";

    /// <summary>The longest text Seven sends: 1520 characters. A longer rendered text fails before anything is sent.</summary>
    public const int MaxTextLength = 1520;

    /// <summary>The longest alphanumeric sender <see cref="From"/> may be.</summary>
    public const int MaxAlphanumericFromLength = 11;

    /// <summary>The most digits a numeric sender <see cref="From"/> may have.</summary>
    public const int MaxNumericFromLength = 16;

    /// <summary>Gets or sets the API key (Logto's <c>apiKey</c>), sent only in the <c>X-Api-Key</c> header; required.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the sender (Logto's <c>from</c>): at most 11 letters and digits, or a number of
    /// at most 16 digits (an optional leading <c>+</c> aside). Optional: when unset, the account's
    /// default sender is used.
    /// </summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the message templates (Logto's <c>templates</c>); at least one is required.</summary>
    public List<SmsTextTemplate> Templates { get; set; } = [];

    /// <summary>Gets or sets the API's base address; messages are posted to <c>{BaseUrl}/sms</c>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// Gets or sets the account's signing key (ours, <c>webhookSigningSecret</c>; in Seven's
    /// dashboard under Developer, API settings), with which Seven signs its webhooks: the delivery
    /// reports (<c>dlr</c>) this connector reads (<see cref="ISmsDeliveryReportReader"/>) are verified
    /// with it. A secret, never logged. Without it, delivery reports are refused.
    /// </summary>
    public string? WebhookSigningSecret { get; set; }

    internal override IEnumerable<string?> Secrets() => [ApiKey, WebhookSigningSecret];
}
