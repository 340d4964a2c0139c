namespace SmsConnectors.Tencent;

/// <summary>
/// Settings of the Tencent Cloud SMS connector (<c>"Provider": "Tencent"</c>). The keys are Logto's
/// (<c>accessKeyId</c>, <c>accessKeySecret</c>, <c>signName</c>, <c>sdkAppId</c>, <c>region</c>,
/// <c>templates</c>), so a Logto Tencent configuration binds unchanged.
/// </summary>
public sealed class TencentOptions : SmsVendorOptions
{
    /// <summary>The default for <see cref="Endpoint"/>: <c>https://sms.tencentcloudapi.com</c>.</summary>
    public const string DefaultEndpoint = "https://sms.tencentcloudapi.com";

    /// <summary>
    /// The longest message Tencent sends, signature and variable values included: 500 characters.
    /// A message whose signature and parameter values alone are longer fails before anything is sent.
    /// </summary>
    public const int MaxMessageLength = 500;

    /// <summary>The shortest <see cref="CallbackToken"/>: 16 characters.</summary>
    public const int MinCallbackTokenLength = 16;

    /// <summary>Gets or sets the API key's SecretId (Logto's <c>accessKeyId</c>).</summary>
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>Gets or sets the API key's SecretKey (Logto's <c>accessKeySecret</c>); used only to sign, never logged.</summary>
    public string AccessKeySecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the approved SMS signature, for example <c>腾讯云</c> (Logto's <c>signName</c>).</summary>
    public string SignName { get; set; } = string.Empty;

    /// <summary>Gets or sets the SMS application id, for example <c>1400006666</c> (Logto's <c>sdkAppId</c>).</summary>
    public string SdkAppId { get; set; } = string.Empty;

    /// <summary>Gets or sets the API region sent as <c>X-TC-Region</c>, for example <c>ap-guangzhou</c> (Logto's <c>region</c>).</summary>
    public string Region { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the templates, one for each usage type; <c>Register</c>, <c>SignIn</c>,
    /// <c>ForgotPassword</c> and <c>Generic</c> are required, as in Logto.
    /// </summary>
    public List<TencentTemplate> Templates { get; set; } = [];

    /// <summary>
    /// Gets or sets the API address: an absolute https URL without a path, for example a regional
    /// host such as <c>https://sms.ap-guangzhou.tencentcloudapi.com</c> or the international site
    /// <c>https://sms.intl.tencentcloudapi.com</c>. Defaults to <see cref="DefaultEndpoint"/>.
    /// </summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// Gets or sets the token of the status callback (ours, <c>callbackToken</c>): Tencent does not
    /// sign its callbacks, so the callback URL given to Tencent carries this token in its query
    /// (<c>.../sms/delivery-reports/&lt;connector&gt;?token=&lt;callbackToken&gt;</c>), and delivery
    /// reports (<see cref="ISmsDeliveryReportReader"/>) whose URL lacks it are refused. At least
    /// <see cref="MinCallbackTokenLength"/> characters, letters, digits, <c>-</c>, <c>.</c>, <c>_</c> and
    /// <c>~</c> only, so that it goes into the URL as it is. A secret, never logged. Without it,
    /// delivery reports are refused.
    /// </summary>
    public string? CallbackToken { get; set; }

    internal override IEnumerable<string?> Secrets() => [AccessKeySecret, AccessKeyId, CallbackToken];
}
