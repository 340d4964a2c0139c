using System.Text.Json;
using SmsConnectors.Templates;

namespace SmsConnectors.Http;

/// <summary>
/// Settings of the Generic HTTP connector (<c>"Provider": "Http"</c>): it calls an HTTP endpoint of
/// your own (a webhook, an SMS gateway) for every message. Its keys are those of the seed's
/// Generic HTTP SMS connector: <c>endpoint</c>, <c>method</c>, <c>authorization</c>, <c>headers</c>,
/// <c>queryParameters</c>, <c>bodyParameters</c> and <c>templates</c>.
/// </summary>
/// <remarks>
/// <para>
/// Placeholders in the string values of <see cref="Headers"/>, <see cref="QueryParameters"/> and
/// <see cref="BodyParameters"/> (at any depth) are rendered with the shared renderer:
/// <c>{{to}}</c> is the number in E.164 form (<c>+4915112345678</c>), <c>{{type}}</c> the usage
/// type, <c>{{message}}</c> the text of the template selected from <see cref="Templates"/> (exact
/// type, then <c>Generic</c>, locale-aware) or the code when none matches, and <c>{{code}}</c> or
/// any other key of the message's payload (these four names take precedence over payload keys of
/// the same name). Inside a template, <c>{{message}}</c> is the code. Values are substituted after
/// parsing, so the JSON writer escapes them and query values are URL-encoded.
/// </para>
/// <para>
/// <c>GET</c> sends the query parameters and an empty body (<c>Content-Length: 0</c>): .NET's HTTP
/// stack sends a request without a body again on its own when the server closes the connection
/// before answering, even after the server read it, which would deliver the message twice. <c>POST</c> sends <see cref="BodyParameters"/>
/// as <c>application/json</c>, or, when it is not set, the body of Logto's <c>http-sms</c> connector:
/// <c>{"to":"+49...","type":"SignIn","payload":{"code":"123456",...},"ip":"..."}</c> (<c>ip</c> only
/// when the message has one), so receivers written for that connector keep working.
/// </para>
/// <para>
/// Any 2xx answer means the endpoint took the message; when its body is a JSON object with a string
/// or number <c>id</c> or <c>messageId</c>, that is the result's <see cref="SmsSendResult.MessageId"/>.
/// Any other status is an <see cref="SmsConnectorException"/> that keeps the status and at most the
/// first 1 KiB of the body (number and authorization masked): 401 and 403 are
/// <see cref="SmsErrorCode.AuthorizationFailed"/>, 429 <see cref="SmsErrorCode.RateLimitExceeded"/>,
/// 400 and 422 <see cref="SmsErrorCode.InvalidRequestParameters"/>, 404 and 405
/// <see cref="SmsErrorCode.InvalidConfig"/>, 503 <see cref="SmsErrorCode.ServiceUnavailable"/>, others
/// <see cref="SmsErrorCode.General"/>. A 4xx or a 503 means the message was not sent; another 5xx may
/// have been.
/// </para>
/// <para>
/// From configuration, <c>headers</c>, <c>queryParameters</c> and <c>bodyParameters</c> may be JSON
/// objects or strings holding a JSON object (as Logto's console stores them). Configuration keeps
/// no value types and sorts keys, so in object form every body value is sent as a string and keys
/// come sorted; the string form sends the JSON as written. The draft's key names <c>queryParams</c>
/// and <c>bodyParams</c> are accepted too.
/// </para>
/// </remarks>
public sealed class HttpSmsOptions : SmsVendorOptions
{
    /// <summary>The default <see cref="Method"/>: <c>POST</c>.</summary>
    public const string DefaultMethod = "POST";

    /// <summary>The default for <see cref="MaxMessageLength"/>: 1600 characters (ten GSM-7 parts).</summary>
    public const int DefaultMaxMessageLength = 1600;

    /// <summary>The shortest <see cref="WebhookSecret"/>: 16 characters.</summary>
    public const int MinWebhookSecretLength = 16;

    /// <summary>
    /// Gets or sets the most characters of any value the connector renders or sends from the
    /// message: <c>{{message}}</c>, each query, header and body value after its placeholders are
    /// substituted, and each string in the payload of Logto's default body. A longer value fails
    /// before anything is sent. Default <see cref="DefaultMaxMessageLength"/>.
    /// </summary>
    public int MaxMessageLength { get; set; } = DefaultMaxMessageLength;

    /// <summary>
    /// Gets or sets whether <see cref="Endpoint"/> may use plain http to a host other than
    /// 127.0.0.1, [::1] or localhost. Off by default: the authorization value, the number and the
    /// code would travel unencrypted.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>Gets or sets the absolute https URL to call (required; http only for loopback hosts or with <see cref="AllowInsecureHttp"/>); it may carry a fixed query.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Gets or sets the HTTP method: <c>GET</c> or <c>POST</c> (case-insensitive; default <c>POST</c>).</summary>
    public string Method { get; set; } = DefaultMethod;

    /// <summary>
    /// Gets or sets the value of the <c>Authorization</c> header (for example <c>Bearer token</c>);
    /// a secret, sent as it is (no placeholders) and never logged or put into messages.
    /// </summary>
    public string? Authorization { get; set; }

    /// <summary>
    /// Gets or sets extra request headers; values may contain placeholders. <c>Content-Type</c>
    /// replaces the JSON content type of a <c>POST</c>. The values of headers whose names suggest a
    /// credential (containing <c>key</c>, <c>token</c>, <c>secret</c>, <c>auth</c>, <c>password</c> or
    /// <c>signature</c>) are treated as secrets.
    /// </summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the query parameters appended (URL-encoded, in order) to <see cref="Endpoint"/>;
    /// values may contain placeholders. Values of parameters named like a credential are treated as
    /// secrets, as for <see cref="Headers"/>.
    /// </summary>
    public Dictionary<string, string> QueryParameters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the JSON object sent as the body of a <c>POST</c>; objects and arrays may nest,
    /// and string values anywhere may contain placeholders. When <see langword="null"/>, a <c>POST</c>
    /// sends Logto's <c>http-sms</c> body. Set it from code with, for example,
    /// <c>JsonDocument.Parse("""{"to":"{{to}}","text":"{{message}}"}""").RootElement</c>.
    /// </summary>
    public JsonElement? BodyParameters { get; set; }

    /// <summary>Gets or sets the templates that render <c>{{message}}</c>; optional (without a matching one, <c>{{message}}</c> is the code).</summary>
    public List<SmsTextTemplate> Templates { get; set; } = [];

    /// <summary>
    /// Gets or sets the secret your relay signs its delivery reports with (ours, <c>webhookSecret</c>):
    /// a report (<see cref="ISmsDeliveryReportReader"/>) carries <c>X-Sms-Signature: sha256=&lt;hex&gt;</c>,
    /// the lowercase hex HMAC-SHA256 of its raw body keyed with this secret's UTF-8 bytes; others are
    /// refused. At least <see cref="MinWebhookSecretLength"/> characters. A secret, never logged.
    /// Without it, delivery reports are refused.
    /// </summary>
    public string? WebhookSecret { get; set; }

    internal override IEnumerable<string?> Secrets()
    {
        yield return Authorization;
        yield return WebhookSecret;
        if (Authorization?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [_, var credentials])
        {
            yield return credentials;
        }

        foreach (var (name, value) in (Headers ?? []).Concat(QueryParameters ?? []))
        {
            if (NamesACredential(name))
            {
                yield return value;
            }
        }
    }

    private static bool NamesACredential(string name) =>
        CredentialWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] CredentialWords = ["key", "token", "secret", "auth", "password", "signature", "sig"];
}
