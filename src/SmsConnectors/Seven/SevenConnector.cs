using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsConnectors.Answers;
using SmsConnectors.Balance;
using SmsConnectors.Sending;
using SmsConnectors.Serialization;
using SmsConnectors.Templates;
using SmsConnectors.Transport;

namespace SmsConnectors.Seven;

/// <summary>
/// Sends through Seven's SMS API: form data posted to <c>{BaseUrl}/sms</c> with the key in
/// <c>X-Api-Key</c>. <c>Accept: application/json</c> asks for the JSON answer (it does what the
/// <c>json=1</c> field does, so that field is not sent); the answer is classified by its result
/// code, never by the HTTP status alone, since Seven reports failures in a 200.
/// </summary>
internal sealed class SevenConnector(string name, IOptionsMonitor<SevenOptions> options, ConnectorServices services)
    : VendorConnector<SevenOptions, ConnectorPlan<SevenOptions>, byte[]>(name, Provider, Vendor, options, services), ISmsBalanceProvider, ISmsDeliveryReportReader
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "Seven";

    /// <summary>The value of the <c>SentWith</c> header, which tells Seven which client sent the message.</summary>
    internal const string SentWith = "SmsConnectors";

    private const string Vendor = "Seven";
    /// <summary>The result code of a message sent.</summary>
    internal const string Sent = "100";
    private readonly BalanceQuery<SevenOptions> _balance = new(name, Vendor, services);
    private readonly SevenDeliveryReports _reports = new(name, services.TimeProvider);

    /// <inheritdoc/>
    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => _balance.RunAsync(OptionsInForceForOtherCalls, SevenBalance.GetAsync, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<SmsDeliveryReportResult> ReadDeliveryReportsAsync(SmsDeliveryReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_reports.Read(request, OptionsInForceForOtherCalls()));
    }

    private protected override ConnectorPlan<SevenOptions> CreatePlan(SevenOptions options) =>
        new(options, [new Uri(options.BaseUrl.TrimEnd('/') + "/sms", UriKind.Absolute)], TextTemplates.Parse(options.Templates));

    /// <summary>The form body: <c>to</c>, <c>text</c>, and <c>from</c> when set.</summary>
    private protected override byte[] Prepare(SendContext<ConnectorPlan<SevenOptions>> context)
    {
        var options = context.Plan.Options;
        var to = new KeyValuePair<string, string>("to", context.To.E164);
        var text = new KeyValuePair<string, string>("text", MessageLimits.Segments(context, MessageLimits.AtMost(context.Plan.Templates!.Render(context.Message, strict: !options.AllowUnresolvedPlaceholders), SevenOptions.MaxTextLength, "The rendered text"), options.MaxSegments));
        return string.IsNullOrWhiteSpace(options.From) ? FormBody.Encode(to, text) : FormBody.Encode(to, text, new("from", options.From));
    }

    private protected override VendorRequest CreateRequest(ConnectorPlan<SevenOptions> plan, byte[] prepared, VendorAttempt attempt)
    {
        var content = new ByteArrayContent(prepared);
        var request = new VendorRequest(HttpMethod.Post, attempt.BaseAddress) { Content = content };
        // The key has no control characters (checked at startup); the other values are constants,
        // added as they are written, so no header value is parsed or made for them each send.
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("X-Api-Key", plan.Options.ApiKey);
        request.Headers.TryAddWithoutValidation("SentWith", SentWith);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }

    private protected override VendorVerdict Classify(ConnectorPlan<SevenOptions> plan, byte[] prepared, VendorAnswer answer) => Classify(answer);

    /// <summary>The verdict on an answer to <c>POST /sms</c>.</summary>
    internal static VendorVerdict Classify(VendorAnswer answer)
    {
        // The usual answer is an object: read it in one pass, straight into its type.
        if (answer.Body.Span.TrimStart(" \t\r\n"u8) is [(byte)'{', ..])
        {
            return answer.TryReadJson(SevenSmsResponseReader.Read, out var response, out var problem)
                ? Classify(answer, response)
                : VendorVerdict.NotUnderstood(problem);
        }

        // Failures often come as a bare code: 900 or "900".
        if (!answer.TryReadJson(SevenSmsResponseReader.ReadCode, out var code, out var notJson))
        {
            return VendorVerdict.NotUnderstood(notJson);
        }

        return !IsCode(code) ? VendorVerdict.NotUnderstood("it is neither a result code nor a JSON object")
            : code == Sent ? VendorVerdict.Sent(null)
            : Failure(answer, code, null);
    }

    /// <summary>Reads an object answer: its result code, and each recipient's.</summary>
    private static VendorVerdict Classify(VendorAnswer answer, SevenSmsResponse response)
    {
        if (!IsCode(response.Success))
        {
            return VendorVerdict.NotUnderstood("it has no result code in 'success'");
        }

        var messages = response.Messages ?? [];
        var failed = messages.Find(m => m?.Success == false);
        if (response.Success == Sent && failed is null)
        {
            var first = messages.Count > 0 ? messages[0] : null;
            return VendorVerdict.Sent(first?.Id, billedParts: first?.Parts, price: response.TotalPrice);
        }

        // A failed recipient's own code says more than 100 or 101 ("at least one recipient failed").
        var providerCode = (response.Success is Sent or "101") && IsCode(failed?.Error) ? failed.Error : response.Success;
        return Failure(answer, providerCode, failed?.ErrorText);
    }

    /// <summary>
    /// A documented code is an explicit refusal (not sent), unless the status is a server error
    /// other than 503; an undocumented one may have been sent.
    /// </summary>
    private static VendorVerdict Failure(VendorAnswer answer, string code, string? errorText)
    {
        var (errorCode, meaning) = Classify(code);
        return VendorVerdict.Failed(errorCode, code, errorText, meaning ?? "an undocumented result code", mayHaveBeenSent: meaning is null || answer.IsAmbiguousServerError);
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

    /// <summary>The text of a JSON string or number; <see langword="null"/> for a string that is not valid UTF-8.</summary>
    internal static string? TextOf(JsonElement element)
    {
        try
        {
            return JsonStringOrNumberConverter.TextOf(element);
        }
        catch (InvalidOperationException)
        {
            return null; // a string that is not valid UTF-8
        }
    }

    /// <summary>Whether <paramref name="value"/> looks like a Seven result code: one to nine digits.</summary>
    internal static bool IsCode([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= 9 } && !value.AsSpan().ContainsAnyExceptInRange('0', '9');
}
