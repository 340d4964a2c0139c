using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsConnectors.Seven;

/// <summary>
/// Sends through Seven's SMS API: form data posted to <c>{BaseUrl}/sms</c> with the key in
/// <c>X-Api-Key</c>. <c>Accept: application/json</c> asks for the JSON answer (it does what the
/// <c>json=1</c> field does, so that field is not sent); the answer is classified by its result
/// code, never by the HTTP status alone, since Seven reports failures in a 200.
/// </summary>
internal sealed class SevenConnector : HttpSmsConnector<SevenOptions>
{
    /// <summary>The value of the <c>SentWith</c> header, which tells Seven which client sent the message.</summary>
    internal const string SentWith = "SmsConnectors";

    private const string Vendor = "Seven";
    private const string Sent = "100";

    public SevenConnector(string name, IOptionsMonitor<SevenOptions> options, SmsConnectorServices services)
        : base(name, options, services, services.LoggerFactory.CreateLogger<SevenConnector>())
    {
    }

    protected override IReadOnlyList<Uri> BaseAddresses(SevenOptions options) => [new Uri(options.BaseUrl, UriKind.Absolute)];

    protected override HttpRequestMessage CreateRequest(SmsSendContext<SevenOptions> context, Uri baseAddress)
    {
        var options = context.Options;
        List<KeyValuePair<string, string>> fields =
        [
            new("to", context.To.E164),
            new("text", Render(context, options.Templates)),
        ];
        if (!string.IsNullOrWhiteSpace(options.From))
        {
            fields.Add(new("from", options.From));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + "/sms"))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        request.Headers.Add("X-Api-Key", options.ApiKey);
        request.Headers.Add("SentWith", SentWith);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    protected override SmsSendResult ReadResponse(SmsSendContext<SevenOptions> context, VendorResponse response)
    {
        var root = response.ReadJson(SevenJsonContext.Default.JsonElement);
        switch (root.ValueKind)
        {
            case JsonValueKind.Number or JsonValueKind.String:
                // Failures often come as a bare code: 900 or "900".
                var code = JsonStringOrNumberConverter.TextOf(root);
                if (!IsCode(code))
                {
                    throw response.Unreadable("it is neither a result code nor a JSON object");
                }

                return code == Sent ? new SmsSendResult { ConnectorName = Name } : throw Failure(context, response, code, null);

            case JsonValueKind.Object:
                var answer = response.ReadJson(root, SevenJsonContext.Default.SevenSmsResponse);
                if (!IsCode(answer.Success))
                {
                    throw response.Unreadable("it has no result code in 'success'");
                }

                var messages = answer.Messages ?? [];
                var failed = messages.FirstOrDefault(m => m?.Success == false);
                if (answer.Success == Sent && failed is null)
                {
                    return new SmsSendResult { ConnectorName = Name, MessageId = messages.FirstOrDefault()?.Id };
                }

                // A failed recipient's own code says more than 100 or 101 ("at least one recipient failed").
                var providerCode = (answer.Success is Sent or "101") && IsCode(failed?.Error) ? failed.Error : answer.Success;
                throw Failure(context, response, providerCode, failed?.ErrorText);

            default:
                throw response.Unreadable("it is neither a result code nor a JSON object");
        }
    }

    private static SmsConnectorException Failure(SmsSendContext<SevenOptions> context, VendorResponse response, string code, string? errorText)
    {
        var (errorCode, meaning) = Classify(code);
        return response.Rejected(errorCode, Vendor, code, errorText, context.To, meaning ?? "an undocumented result code", certain: meaning is not null);
    }

    /// <summary>Our code for a Seven result code, and what Seven documents it to mean (<see langword="null"/> when it documents no such code).</summary>
    internal static (SmsErrorCode Code, string? Meaning) Classify(string code) => code switch
    {
        "100" => (SmsErrorCode.General, "a recipient's message was not sent"),
        "101" => (SmsErrorCode.General, "sending to at least one recipient failed"),
        "201" => (SmsErrorCode.InvalidConfig, "the sender is invalid"),
        "202" => (SmsErrorCode.InvalidRequestParameters, "the recipient is invalid"),
        "301" => (SmsErrorCode.InvalidRequestParameters, "the recipient is missing"),
        "305" => (SmsErrorCode.InvalidRequestParameters, "the text is missing"),
        "401" => (SmsErrorCode.InvalidRequestParameters, "the text is too long"),
        "402" => (SmsErrorCode.RateLimitExceeded, "reload lock: the same text was sent to this number too often"),
        "403" => (SmsErrorCode.RateLimitExceeded, "the daily limit for this number is reached"),
        "500" => (SmsErrorCode.UsageLimitExceeded, "the account has too little credit"),
        "600" => (SmsErrorCode.General, "the carrier failed to deliver"),
        "700" => (SmsErrorCode.General, "an unknown error"),
        "900" => (SmsErrorCode.AuthorizationFailed, "authentication failed; check the API key"),
        "901" => (SmsErrorCode.AuthorizationFailed, "signature verification failed"),
        "902" => (SmsErrorCode.AuthorizationFailed, "the API is disabled for this key, or the key lacks the rights"),
        "903" => (SmsErrorCode.AuthorizationFailed, "this server's IP address is not allowed"),
        "11" => (SmsErrorCode.General, "the carrier is temporarily unavailable"),
        _ => (SmsErrorCode.General, null),
    };

    private static bool IsCode([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 9 } && !value.AsSpan().ContainsAnyExceptInRange('0', '9');
}
