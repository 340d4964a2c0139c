using System.Net;
using System.Net.Http.Headers;
using System.Text;

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
}
