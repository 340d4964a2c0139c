using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Templates;

namespace SmsConnectors.Http;

/// <summary>
/// Calls the configured endpoint for every message (see <see cref="HttpSmsOptions"/> for the
/// request it builds and how the answer is read). Logs nothing of the text or the code.
/// </summary>
internal sealed class GenericHttpConnector : HttpSmsConnector<HttpSmsOptions>
{
    private const string JsonMediaType = "application/json";

    public GenericHttpConnector(string name, IOptionsMonitor<HttpSmsOptions> options, SmsConnectorServices services)
        : base(name, options, services, services.LoggerFactory.CreateLogger<GenericHttpConnector>())
    {
    }

    protected override IReadOnlyList<Uri> BaseAddresses(HttpSmsOptions options) =>
        [options.Plan().Endpoint ?? throw new SmsConnectorException(SmsErrorCode.InvalidConfig, "'endpoint' is invalid.") { MayHaveBeenSent = false }];

    protected override HttpRequestMessage CreateRequest(SmsSendContext<HttpSmsOptions> context, Uri baseAddress)
    {
        var options = context.Options;
        var plan = options.Plan();
        var strict = !options.AllowUnresolvedPlaceholders;
        var values = Values(context, strict);

        // Everything is rendered before the request exists, so a failed substitution sends nothing.
        var uri = plan.RenderUri(baseAddress, values, strict);
        var headers = plan.RenderHeaders(values, strict).ToList();
        var body = plan.IsGet ? null : plan.Body is { } template
            ? SmsJson.Write((template, values, strict), static (writer, state) => state.template.Write(writer, state.values, state.strict))
            : SmsJson.Write(context, WriteHttpSmsBody);

        var request = new HttpRequestMessage(plan.IsGet ? HttpMethod.Get : HttpMethod.Post, uri);
        try
        {
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
            }

            if (!string.IsNullOrEmpty(options.Authorization))
            {
                request.Headers.TryAddWithoutValidation("Authorization", options.Authorization);
            }

            foreach (var (name, value) in headers)
            {
                AddHeader(request, name, value);
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    protected override SmsSendResult ReadResponse(SmsSendContext<HttpSmsOptions> context, VendorResponse response)
    {
        if (response.IsSuccessStatus)
        {
            return new SmsSendResult { ConnectorName = Name, MessageId = MessageId(response) };
        }

        var status = response.StatusCode;
        var code = status switch
        {
            401 or 403 => SmsErrorCode.AuthorizationFailed,
            400 or 422 => SmsErrorCode.InvalidRequestParameters,
            404 or 405 => SmsErrorCode.InvalidConfig,
            _ => SmsErrorCode.General,
        };
        var authorization = context.Options.Authorization;
        var token = authorization?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [_, var credentials] ? credentials : null;
        throw new SmsConnectorException(code, $"The endpoint answered HTTP {status}{(response.StatusMayHaveBeenSent ? "; the message may have been sent" : string.Empty)}.")
        {
            HttpStatus = status,
            ProviderMessage = Redaction.Redact(response.Snippet, context.To, authorization, token),
            MayHaveBeenSent = response.StatusMayHaveBeenSent,
        };
    }

    /// <summary>
    /// The values placeholders render from: the payload, then <c>to</c> (E.164), <c>type</c> and
    /// <c>message</c> (the selected template rendered with <c>{{message}}</c> as the code, else the code).
    /// </summary>
    private static Dictionary<string, object?> Values(SmsSendContext<HttpSmsOptions> context, bool strict)
    {
        var message = context.Message;
        var values = new Dictionary<string, object?>(message.Payload.Count + 3, StringComparer.Ordinal);
        foreach (var (key, value) in message.Payload)
        {
            values[key] = value;
        }

        values["to"] = context.To.E164;
        values["type"] = message.Type.Value;
        if (message.Payload.TryGetValue("code", out var code))
        {
            values["message"] = MessageTemplate.Stringify(code);
        }

        if (TemplateSelector.TrySelect(context.Options.Templates, message.Type, message.Locale) is { } template)
        {
            values["message"] = template.Compile().Render(values, strict);
        }

        return values;
    }

    /// <summary>Logto <c>http-sms</c>'s body: <c>{"to","type","payload","ip"}</c>, <c>ip</c> only when known.</summary>
    private static void WriteHttpSmsBody(Utf8JsonWriter writer, SmsSendContext<HttpSmsOptions> context)
    {
        writer.WriteStartObject();
        writer.WriteString("to", context.To.E164);
        writer.WriteString("type", context.Message.Type.Value);
        writer.WritePropertyName("payload");
        SmsJson.WriteValue(writer, context.Message.Payload);
        if (context.Message.Ip is { } ip)
        {
            writer.WriteString("ip", ip);
        }

        writer.WriteEndObject();
    }

    private static void AddHeader(HttpRequestMessage request, string name, string value)
    {
        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        // A content header (Content-Type, Content-Language, ...): it belongs to the body, which a GET has none of.
        if (request.Content is { } content)
        {
            content.Headers.Remove(name);
            content.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>The <c>id</c> or <c>messageId</c> (string or number) of a JSON object body, if any.</summary>
    private static string? MessageId(VendorResponse response)
    {
        var body = response.Body.Span.TrimStart(" \t\r\n"u8);
        if (body.IsEmpty || body[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            foreach (var name in (ReadOnlySpan<string>)["id", "messageId"])
            {
                if (document.RootElement.TryGetProperty(name, out var id))
                {
                    switch (id.ValueKind)
                    {
                        case JsonValueKind.String when !string.IsNullOrEmpty(id.GetString()):
                            return id.GetString();
                        case JsonValueKind.Number:
                            return id.GetRawText();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Any 2xx means the endpoint took the message; an unreadable body only means there is no id.
        }

        return null;
    }
}
