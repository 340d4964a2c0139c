using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsConnectors.Answers;
using SmsConnectors.Balance;
using SmsConnectors.Sending;
using SmsConnectors.Serialization;
using SmsConnectors.Templates;
using SmsConnectors.Transport;

namespace SmsConnectors.SmsAero;

/// <summary>
/// Sends through SMSAero's API v2: JSON posted to <c>{BaseUrl}/sms/send</c> with Basic
/// authentication (email and API key), failing over to the mirror hosts only when a host could
/// not be connected to. Unlike Logto's original, the answer is read: a 2xx whose body says
/// <c>success:false</c> is a failure.
/// </summary>
internal sealed class SmsAeroConnector(string name, IOptionsMonitor<SmsAeroOptions> options, ConnectorServices services)
    : VendorConnector<SmsAeroOptions, SmsAeroPlan, byte[]>(name, Provider, Vendor, options, services), ISmsBalanceProvider
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "SmsAero";

    private const string Vendor = "SMSAero";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly JsonEncodedText NumberName = JsonEncodedText.Encode("number");
    private static readonly JsonEncodedText SignName = JsonEncodedText.Encode("sign");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private readonly BalanceQuery<SmsAeroOptions> _balance = new(name, Vendor, services);

    /// <inheritdoc/>
    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => _balance.RunAsync(OptionsInForceForOtherCalls, SmsAeroBalance.GetAsync, cancellationToken);

    private protected override SmsAeroPlan CreatePlan(SmsAeroOptions options) => new(options);

    /// <summary>The JSON body; Cyrillic goes out as UTF-8, as SMSAero's own clients send it.</summary>
    private protected override byte[] Prepare(SendContext<SmsAeroPlan> context)
    {
        var options = context.Plan.Options;
        var text = MessageLimits.Segments(context, MessageLimits.AtMost(context.Plan.Templates!.Render(context.Message, strict: !options.AllowUnresolvedPlaceholders), SmsAeroOptions.MaxTextLength, "The rendered text"), options.MaxSegments);
        return Body(context.To, options.SenderName, text);
    }

    /// <summary>The <see cref="SmsAeroSendRequest"/> of <paramref name="to"/>, <paramref name="sign"/> and <paramref name="text"/>, written without building it.</summary>
    internal static byte[] Body(SmsPhoneNumber to, string sign, string text) =>
        PlainBody(to, sign, text) ?? SmsJson.Write((to, sign, text), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteString(NumberName, state.to.E164.AsSpan(1));
            writer.WriteString(SignName, state.sign);
            writer.WriteString(TextName, state.text);
            writer.WriteEndObject();
        });

    /// <summary>The body <see cref="Body"/> writes, when the sender and the text are plain strings (<see cref="PlainJson"/>); else <see langword="null"/>.</summary>
    private static byte[]? PlainBody(SmsPhoneNumber to, string sign, string text)
    {
        var json = new PlainJson(stackalloc byte[PlainJson.BufferLength]);
        json.Raw("{\"number\":"u8);
        json.String(to.E164.AsSpan(1));
        json.Raw(",\"sign\":"u8);
        json.String(sign);
        json.Raw(",\"text\":"u8);
        json.String(text);
        json.Raw("}"u8);
        return json.ToArray();
    }

    private protected override VendorRequest CreateRequest(SmsAeroPlan plan, byte[] prepared, VendorAttempt attempt)
    {
        var content = new ByteArrayContent(prepared);
        content.Headers.ContentType = JsonContentType;
        var request = new VendorRequest(HttpMethod.Post, attempt.BaseAddress) { Content = content };
        request.Headers.Authorization = plan.Authorization;
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }

    private protected override VendorVerdict Classify(SmsAeroPlan plan, byte[] prepared, VendorAnswer answer) => Classify(answer);

    /// <summary>The verdict on an answer to <c>POST /sms/send</c>.</summary>
    internal static VendorVerdict Classify(VendorAnswer answer)
    {
        if (!answer.TryReadJson(SmsAeroResponseReader.Read, out var response, out var problem))
        {
            return VendorVerdict.NotUnderstood(problem);
        }

        try
        {
            return Classify(answer, response);
        }
        catch (InvalidOperationException)
        {
            return NotUtf8;
        }
    }

    private static VendorVerdict NotUtf8 => VendorVerdict.NotUnderstood("a string in it is not valid UTF-8");

    /// <summary><c>data</c> as an element, read again from the body for a refusal's field errors and in the rare cases the one-pass read leaves to it.</summary>
    private static JsonElement DataOf(VendorAnswer answer) =>
        answer.TryReadJson(SmsAeroJsonContext.Default.SmsAeroResponse, out var response, out _) ? response.Data : default;

    private static VendorVerdict Classify(VendorAnswer answer, SmsAeroResponse response)
    {
        var status = answer.StatusCode;
        if (response.Success is true)
        {
            if (response.Sent is not { } sent)
            {
                // A name in it that a lookup could stumble on: look it up in a document, as before.
                var data = DataOf(answer);
                return VendorVerdict.Sent(IdOf(data), price: CostOf(data));
            }

            return sent.NotUtf8 ? NotUtf8 : VendorVerdict.Sent(sent.Id, price: sent.Cost);
        }

        if (response.Success is false)
        {
            var text = WithFieldErrors(response.Message, DataOf(answer));
            return Rejected(answer, Classify(status, text), null, text);
        }

        // The API's older shape: {"result":"accepted","id":..} or {"result":"no credits"} / {"result":"reject","reason":".."}.
        if (!string.IsNullOrWhiteSpace(response.Result))
        {
            return string.Equals(response.Result, "accepted", StringComparison.OrdinalIgnoreCase)
                ? VendorVerdict.Sent(response.Id)
                : Rejected(answer, Classify(status, $"{response.Result} {response.Reason}"), response.Result, response.Reason ?? response.Result);
        }

        return VendorVerdict.NotUnderstood("it has neither 'success' nor 'result'");
    }

    /// <summary>
    /// An explicit refusal: not sent, unless the status is a server error other than 503. A 429
    /// refusal ("too many requests") may pass, so it is retried after <c>Retry-After</c>.
    /// </summary>
    private static VendorVerdict Rejected(VendorAnswer answer, SmsErrorCode code, string? providerCode, string? text) =>
        VendorVerdict.Failed(code, providerCode, text, meaning: null, mayHaveBeenSent: answer.IsAmbiguousServerError, isTransient: answer.StatusCode is 429 or 503);

    /// <summary>Our code for a failure, from the status and SMSAero's words (which it gives in English or Russian).</summary>
    internal static SmsErrorCode Classify(int status, string? text)
    {
        var words = text ?? string.Empty;
        bool Says(params string[] keys) => keys.Any(key => words.Contains(key, StringComparison.OrdinalIgnoreCase));

        if (status is 401 or 403 || Says("credential", "password", "unauthori", "authenticat", "авториз", "ключ"))
        {
            return SmsErrorCode.AuthorizationFailed;
        }

        if (status is 402 || Says("credit", "balance", "insufficient", "money", "funds", "баланс", "средств"))
        {
            return SmsErrorCode.UsageLimitExceeded;
        }

        if (status is 429 || Says("too many", "rate limit"))
        {
            return SmsErrorCode.RateLimitExceeded;
        }

        if (status is 400 or 422 || Says("validation", "incorrect", "invalid", "empty field", "blacklist", "некорректн"))
        {
            return SmsErrorCode.InvalidRequestParameters;
        }

        return status is 503 ? SmsErrorCode.ServiceUnavailable : SmsErrorCode.General;
    }

    /// <summary>The id of the sent message: <c>data.id</c>, or the first entry's when <c>data</c> is an array.</summary>
    private static string? IdOf(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Array)
        {
            data = data.EnumerateArray().FirstOrDefault();
        }

        return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("id", out var id) ? JsonStringOrNumberConverter.TextOf(id) : null;
    }

    /// <summary>The price of the sent message: <c>data.cost</c> (a number or a numeric string), or the first entry's when <c>data</c> is an array.</summary>
    private static decimal? CostOf(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Array)
        {
            data = data.EnumerateArray().FirstOrDefault();
        }

        return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("cost", out var cost) && cost.ValueKind is JsonValueKind.Number or JsonValueKind.String
            && decimal.TryParse(JsonStringOrNumberConverter.TextOf(cost), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    /// <summary>The vendor's message followed by the fields a validation error names: <c>Validation error. number: incorrect</c>.</summary>
    private static string? WithFieldErrors(string? message, JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return message;
        }

        var fields = data.EnumerateObject()
            .Select(field => field.Value.ValueKind == JsonValueKind.Array
                ? $"{field.Name}: {string.Join(", ", field.Value.EnumerateArray().Select(JsonStringOrNumberConverter.TextOf).OfType<string>())}"
                : $"{field.Name}: {JsonStringOrNumberConverter.TextOf(field.Value)}")
            .ToList();
        var errors = string.Join("; ", fields);
        return fields.Count == 0 ? message : message is null ? errors : $"{message} {errors}";
    }
}
