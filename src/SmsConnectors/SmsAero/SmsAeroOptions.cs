using SmsConnectors.Templates;

namespace SmsConnectors.SmsAero;

/// <summary>
/// Settings of the SMSAero connector (<c>"Provider": "SmsAero"</c>). The keys are those of Logto's
/// SMSAero connector (<c>email</c>, <c>apiKey</c>, <c>senderName</c>, <c>templates</c>), so its JSON
/// configuration can be used unchanged.
/// </summary>
public sealed class SmsAeroOptions : SmsVendorOptions
{
    /// <summary>The default for <see cref="BaseUrl"/>: <c>https://gate.smsaero.ru/v2</c>.</summary>
    public const string DefaultBaseUrl = "https://gate.smsaero.ru/v2";

    /// <summary>The longest text SMSAero sends: 640 characters. A longer rendered text fails before anything is sent.</summary>
    public const int MaxTextLength = 640;

    /// <summary>The default for <see cref="SenderName"/>: <c>SMSAero</c>, SMSAero's shared sender name.</summary>
    public const string DefaultSenderName = "SMSAero";

    /// <summary>Gets SMSAero's mirrors of <see cref="DefaultBaseUrl"/>: <c>https://gate.smsaero.org/v2</c> and <c>https://gate.smsaero.net/v2</c>.</summary>
    public static IReadOnlyList<string> DefaultMirrorUrls { get; } = ["https://gate.smsaero.org/v2", "https://gate.smsaero.net/v2"];

    /// <summary>Gets or sets the account's email address (Logto's <c>email</c>), the user name of Basic authentication; required.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>Gets or sets the API key (Logto's <c>apiKey</c>), the password of Basic authentication; required.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the sender name (Logto's <c>senderName</c>, sent as <c>sign</c>); <c>SMSAero</c> unless set.</summary>
    public string SenderName { get; set; } = DefaultSenderName;

    /// <summary>
    /// Gets or sets the message templates (Logto's <c>templates</c>); templates for <c>Register</c>,
    /// <c>SignIn</c>, <c>ForgotPassword</c> and <c>Generic</c> are required, as in Logto.
    /// </summary>
    public List<SmsTextTemplate> Templates { get; set; } = [];

    /// <summary>Gets or sets the API's base address; messages are posted to <c>{BaseUrl}/sms/send</c>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// Gets or sets the base addresses tried, in order, when the previous one could not be connected
    /// to (and only then: never after an answer or a timeout, since the message may have been sent).
    /// When unset (<see langword="null"/>): <see cref="DefaultMirrorUrls"/> if <see cref="BaseUrl"/> is
    /// <see cref="DefaultBaseUrl"/>, none otherwise, so that a relay or test server configured as
    /// <see cref="BaseUrl"/> is never bypassed. Configuration cannot express an empty list; set
    /// <see cref="UseMirrors"/> to <see langword="false"/> to turn failover off.
    /// </summary>
    public List<string>? MirrorUrls { get; set; }

    /// <summary>Gets or sets whether to fail over to the mirrors (<see cref="MirrorUrls"/>); on by default.</summary>
    public bool UseMirrors { get; set; } = true;

    /// <summary>The mirrors in force: none when <see cref="UseMirrors"/> is off, else <see cref="MirrorUrls"/> or the defaults described there.</summary>
    internal IReadOnlyList<string> EffectiveMirrorUrls() =>
        !UseMirrors ? [] : MirrorUrls ?? (IsDefaultBaseUrl(BaseUrl) ? DefaultMirrorUrls : []);

    private static bool IsDefaultBaseUrl(string? url) =>
        string.Equals(url?.TrimEnd('/'), DefaultBaseUrl, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Basic authentication value (email and API key) is a secret too, since it is only their encoding.</summary>
    internal override IEnumerable<string?> Secrets() =>
        [ApiKey, string.IsNullOrEmpty(ApiKey) ? null : Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Email}:{ApiKey}"))];
}
