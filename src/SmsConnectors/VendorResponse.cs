using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SmsConnectors;

/// <summary>A vendor's answer, read whole (up to the connector's cap) before it is classified.</summary>
internal sealed class VendorResponse(HttpStatusCode status, HttpResponseHeaders headers, byte[] body, PhoneNumber recipient)
{
    private const int SnippetLength = 1024;
    private string? _text;

    public HttpStatusCode Status { get; } = status;

    public int StatusCode => (int)Status;

    public bool IsSuccessStatus => StatusCode is >= 200 and <= 299;

    public HttpResponseHeaders Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public string Text => _text ??= Encoding.UTF8.GetString(body);

    /// <summary>At most the first 1 KiB of the body, with the recipient's number masked, for errors.</summary>
    public string Snippet => Redaction.Redact(Text.Length <= SnippetLength ? Text : Text[..SnippetLength], recipient) ?? string.Empty;

    /// <summary>
    /// Whether a vendor that answered with this status, in a body nobody could understand, may have
    /// accepted the message: a 2xx or a 5xx other than 503 may have; 503, 429 and other 4xx have not.
    /// </summary>
    public bool StatusMayHaveBeenSent => MayHaveBeenSentFor(StatusCode);

    /// <inheritdoc cref="StatusMayHaveBeenSent"/>
    public static bool MayHaveBeenSentFor(int status) => status is not (503 or (>= 400 and < 500));

    /// <summary>An <see cref="SmsErrorCode.InvalidResponse"/> error for an answer that could not be understood.</summary>
    public SmsConnectorException Unreadable(string what, Exception? cause = null) =>
        new(SmsErrorCode.InvalidResponse, $"The vendor's answer (HTTP {StatusCode}) could not be understood: {what}.", cause)
        {
            HttpStatus = StatusCode,
            ProviderMessage = Snippet,
            MayHaveBeenSent = StatusMayHaveBeenSent,
        };

    /// <summary>Reads the body as JSON of the given shape; an answer that is not (empty, HTML, truncated, wrong types) is <see cref="Unreadable"/>.</summary>
    public T ReadJson<T>(JsonTypeInfo<T> typeInfo)
    {
        var json = Body.Span;
        if (json.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, typeInfo);
        }
        catch (JsonException exception)
        {
            throw Unreadable("it is not the JSON the vendor documents", exception);
        }

        return value ?? throw Unreadable("it is JSON null");
    }

    /// <summary>Reads an element of the already parsed body as the given shape; one that does not fit is <see cref="Unreadable"/>.</summary>
    public T ReadJson<T>(JsonElement element, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return element.Deserialize(typeInfo) ?? throw Unreadable("it is JSON null");
        }
        catch (JsonException exception)
        {
            throw Unreadable("it is not the JSON the vendor documents", exception);
        }
    }

    /// <summary>
    /// An error for an answer in which the vendor reports a failure. The vendor's text is kept in
    /// <see cref="SmsConnectorException.ProviderMessage"/> and the message, with the recipient's number masked.
    /// </summary>
    /// <param name="code">Our classification.</param>
    /// <param name="vendor">The vendor's name, for the message.</param>
    /// <param name="providerCode">The vendor's code, when it gave one.</param>
    /// <param name="providerMessage">The vendor's text, when it gave one.</param>
    /// <param name="to">The recipient, masked wherever the vendor's text repeats it.</param>
    /// <param name="meaning">What the vendor's code means, when we know.</param>
    /// <param name="certain">
    /// Whether the answer says for sure that nothing was sent. When it does, the message may still
    /// have been sent only if the status is a server error other than 503.
    /// </param>
    public SmsConnectorException Rejected(SmsErrorCode code, string vendor, string? providerCode, string? providerMessage, PhoneNumber to, string? meaning = null, bool certain = true)
    {
        var message = new StringBuilder(vendor).Append(" reported a failure");
        if (!string.IsNullOrEmpty(meaning))
        {
            message.Append(": ").Append(meaning);
        }

        message.Append(" (HTTP ").Append(StatusCode);
        if (!string.IsNullOrEmpty(providerCode))
        {
            message.Append(", code ").Append(providerCode);
        }

        message.Append(')');
        providerMessage = Redaction.Redact(providerMessage, to);
        if (!string.IsNullOrWhiteSpace(providerMessage))
        {
            message.Append("; the vendor says: ").Append(providerMessage.Trim().TrimEnd('.'));
        }

        return new SmsConnectorException(code, message.Append('.').ToString())
        {
            HttpStatus = StatusCode,
            ProviderCode = providerCode,
            ProviderMessage = providerMessage,
            MayHaveBeenSent = !certain || (StatusCode >= 500 && StatusMayHaveBeenSent),
        };
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
}
