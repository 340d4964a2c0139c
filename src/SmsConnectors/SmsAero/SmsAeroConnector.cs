using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmsConnectors.SmsAero;

/// <summary>
/// Sends through SMSAero's API v2: JSON posted to <c>{BaseUrl}/sms/send</c> with Basic
/// authentication (email and API key), failing over to the mirror hosts only when a host could
/// not be connected to. Unlike Logto's original, the answer is read: a 2xx whose body says
/// <c>success:false</c> is a failure.
/// </summary>
internal sealed class SmsAeroConnector : HttpSmsConnector<SmsAeroOptions>
{
    private const string Vendor = "SMSAero";

    public SmsAeroConnector(string name, IOptionsMonitor<SmsAeroOptions> options, SmsConnectorServices services)
        : base(name, options, services, services.LoggerFactory.CreateLogger<SmsAeroConnector>())
    {
    }

    protected override IReadOnlyList<Uri> BaseAddresses(SmsAeroOptions options) =>
        [new Uri(options.BaseUrl, UriKind.Absolute), .. options.EffectiveMirrorUrls().Select(url => new Uri(url, UriKind.Absolute))];

    protected override HttpRequestMessage CreateRequest(SmsSendContext<SmsAeroOptions> context, Uri baseAddress)
    {
        var options = context.Options;
        var body = new SmsAeroSendRequest(context.To.Digits, options.SenderName, Render(context, options.Templates));
        // Cyrillic goes out as UTF-8, as SMSAero's own clients send it.
        var json = SmsJson.Write(body, static (writer, body) => JsonSerializer.Serialize(writer, body, SmsAeroJsonContext.Default.SmsAeroSendRequest));
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress.AbsoluteUri.TrimEnd('/') + "/sms/send")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Email}:{options.ApiKey}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    protected override SmsSendResult ReadResponse(SmsSendContext<SmsAeroOptions> context, VendorResponse response)
    {
        var answer = response.ReadJson(SmsAeroJsonContext.Default.SmsAeroResponse);
        if (answer.Success is true)
        {
            return new SmsSendResult { ConnectorName = Name, MessageId = IdOf(answer.Data) };
        }

        if (answer.Success is false)
        {
            var text = WithFieldErrors(answer.Message, answer.Data);
            throw response.Rejected(Classify(response.StatusCode, text), Vendor, null, text, context.To);
        }

        // The API's older shape: {"result":"accepted","id":..} or {"result":"no credits"} / {"result":"reject","reason":".."}.
        if (!string.IsNullOrWhiteSpace(answer.Result))
        {
            if (string.Equals(answer.Result, "accepted", StringComparison.OrdinalIgnoreCase))
            {
                return new SmsSendResult { ConnectorName = Name, MessageId = answer.Id };
            }

            var text = answer.Reason ?? answer.Result;
            throw response.Rejected(Classify(response.StatusCode, $"{answer.Result} {answer.Reason}"), Vendor, answer.Result, text, context.To);
        }

        throw response.Unreadable("it has neither 'success' nor 'result'");
    }

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

        return SmsErrorCode.General;
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
