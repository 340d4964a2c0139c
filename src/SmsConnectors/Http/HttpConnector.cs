using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsConnectors.Answers;
using SmsConnectors.Sending;
using SmsConnectors.Serialization;
using SmsConnectors.Templates;
using SmsConnectors.Transport;

namespace SmsConnectors.Http;

/// <summary>
/// Calls the configured endpoint for every message (see <see cref="HttpSmsOptions"/> for the
/// request it builds and how the answer is read). Logs nothing of the text or the code.
/// </summary>
internal sealed class HttpConnector(string name, IOptionsMonitor<HttpSmsOptions> options, ConnectorServices services)
    : VendorConnector<HttpSmsOptions, HttpPlan, HttpPrepared>(name, Provider, Vendor, options, services), ISmsDeliveryReportReader
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "Http";

    private const string Vendor = "The endpoint";
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly JsonEncodedText ToName = JsonEncodedText.Encode("to");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText PayloadName = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText IpName = JsonEncodedText.Encode("ip");

    /// <inheritdoc/>
    public ValueTask<SmsDeliveryReportResult> ReadDeliveryReportsAsync(SmsDeliveryReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(HttpDeliveryReports.Read(Name, request, OptionsInForceForOtherCalls()));
    }

    private protected override HttpPlan CreatePlan(HttpSmsOptions options) => PlanCache<HttpSmsOptions, HttpPlan>.Get(options, HttpPlan.Create);

    /// <summary>Renders the query, the headers and the body: a failed substitution sends nothing.</summary>
    private protected override HttpPrepared Prepare(SendContext<HttpPlan> context)
    {
        var plan = context.Plan;
        var endpoint = plan.Endpoint ?? throw new SmsConnectorException(SmsErrorCode.InvalidConfig, "'endpoint' is invalid.") { MayHaveBeenSent = false };
        var strict = !plan.Options.AllowUnresolvedPlaceholders;
        var limit = new HttpValueLimit(plan.Options.MaxMessageLength);
        var values = Values(context, strict, limit);
        var uri = plan.RenderUri(endpoint, values, strict, limit);
        IReadOnlyList<(string Name, string Value)> headers = plan.Headers.Count == 0 ? [] : [.. plan.RenderHeaders(values, strict, limit)];
        byte[]? body = null;
        if (!plan.IsGet && plan.Body is { } template)
        {
            body = SmsJson.Write((template, values, strict, limit), static (writer, state) => state.template.Write(writer, state.values, state.strict, state.limit));
        }
        else if (!plan.IsGet)
        {
            body = PlainHttpSmsBody(context, limit) ?? CheckedHttpSmsBody(context, limit);
        }

        return new HttpPrepared(uri, headers, body);
    }

    private protected override VendorRequest CreateRequest(HttpPlan plan, HttpPrepared prepared, VendorAttempt attempt)
    {
        // A request without a body is one .NET's handler resends on its own when the server closes
        // the connection before answering, even after the server read it; with a body, even an empty
        // one (a GET with Content-Length: 0), it never does, so a message cannot go out twice.
        var request = new VendorRequest(plan.IsGet ? HttpMethod.Get : HttpMethod.Post, prepared.Uri)
        {
            Content = new ByteArrayContent(prepared.Body ?? []),
        };
        if (prepared.Body is not null)
        {
            request.Content.Headers.ContentType = JsonContentType;
        }

        if (!string.IsNullOrEmpty(plan.Options.Authorization))
        {
            request.Headers.TryAddWithoutValidation("Authorization", plan.Options.Authorization);
        }

        foreach (var (name, value) in prepared.Headers)
        {
            AddHeader(request, name, value, hasBody: prepared.Body is not null);
        }

        return request;
    }

    private protected override VendorVerdict Classify(HttpPlan plan, HttpPrepared prepared, VendorAnswer answer) => Classify(answer);

    /// <summary>
    /// The verdict on the endpoint's answer. Any 2xx means the endpoint took the message (its JSON <c>id</c> or <c>messageId</c>, when
    /// there is one, is the message id). The endpoint documents nothing else, so any other answer
    /// is read by its status: the status rules decide whether it was sent, and this code is ours.
    /// </summary>
    internal static VendorVerdict Classify(VendorAnswer answer) =>
        answer.IsSuccessStatus
            ? VendorVerdict.Sent(MessageId(answer))
            : VendorVerdict.NotUnderstood(reason: null, answer.StatusCode switch
            {
                401 or 403 => SmsErrorCode.AuthorizationFailed,
                400 or 422 => SmsErrorCode.InvalidRequestParameters,
                404 or 405 => SmsErrorCode.InvalidConfig,
                _ => SmsErrorCode.General,
            });

    /// <summary>
    /// The values placeholders render from: the payload, then <c>to</c> (E.164), <c>type</c> and
    /// <c>message</c> (the selected template rendered with <c>{{message}}</c> as the code, else the code).
    /// </summary>
    private static HttpValues Values(SendContext<HttpPlan> context, bool strict, HttpValueLimit limit)
    {
        var message = context.Message;
        var values = new HttpValues(message.Payload, context.To.E164, message.Type.Value);
        if (message.Payload.TryGetValue("code", out var code))
        {
            values.MessageText = code as string ?? MessageTemplate.Stringify(code);
        }

        // Without templates there is none to select, nor a locale to read for one.
        var templates = context.Plan.Templates!;
        if (templates.Sources.Count > 0 && templates.TrySelect(message) is { } template)
        {
            values.MessageText = template.Render(values, strict);
        }

        if (values.MessageText is { } rendered)
        {
            MessageLimits.Segments(context, limit.Check(rendered, "{{message}}"), context.Plan.Options.MaxSegments);
        }

        return values;
    }

    /// <summary>Logto <c>http-sms</c>'s body: <c>{"to","type","payload","ip"}</c>, <c>ip</c> only when known.</summary>
    private static void WriteHttpSmsBody(Utf8JsonWriter writer, SendContext<HttpPlan> context)
    {
        writer.WriteStartObject();
        writer.WriteString(ToName, context.To.E164);
        writer.WriteString(TypeName, context.Message.Type.Value);
        writer.WritePropertyName(PayloadName);
        SmsJson.WriteValue(writer, context.Message.Payload);
        if (context.Message.Ip is { } ip)
        {
            writer.WriteString(IpName, ip);
        }

        writer.WriteEndObject();
    }

    /// <summary>The payload checked against the limit, then the body <see cref="WriteHttpSmsBody"/> writes.</summary>
    private static byte[] CheckedHttpSmsBody(SendContext<HttpPlan> context, HttpValueLimit limit)
    {
        limit.CheckPayload(context.Message.Payload);
        return SmsJson.Write(context, WriteHttpSmsBody);
    }

    /// <summary>
    /// The body <see cref="WriteHttpSmsBody"/> writes, when every value in it is a plain string
    /// (<see cref="PlainJson"/>) within the limit; else <see langword="null"/>.
    /// </summary>
    private static byte[]? PlainHttpSmsBody(SendContext<HttpPlan> context, HttpValueLimit limit)
    {
        var message = context.Message;
        var json = new PlainJson(stackalloc byte[PlainJson.BufferLength]);
        json.Raw("{\"to\":"u8);
        json.String(context.To.E164);
        json.Raw(",\"type\":"u8);
        json.String(message.Type.Value);
        json.Raw(",\"payload\":{"u8);
        if (message.Payload is Dictionary<string, object?> payload)
        {
            var first = true;
            foreach (var (key, value) in payload)
            {
                json.Raw(first ? ""u8 : ","u8);
                json.String(key);
                json.Raw(":"u8);
                if (value is string text && limit.Allows(text))
                {
                    json.String(text);
                }
                else
                {
                    json.Fail();
                }

                first = false;
            }
        }
        else if (message.Payload.Count > 0)
        {
            json.Fail();
        }

        json.Raw("}"u8);
        if (message.Ip is { } ip)
        {
            json.Raw(",\"ip\":"u8);
            json.String(ip);
        }

        json.Raw("}"u8);
        return json.ToArray();
    }

    private static void AddHeader(HttpRequestMessage request, string name, string value, bool hasBody)
    {
        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return;
        }

        // A content header (Content-Type, Content-Language, ...): it belongs to the body, which a GET has none of.
        if (hasBody && request.Content is { } content)
        {
            content.Headers.Remove(name);
            content.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>
    /// The <c>id</c> (else the <c>messageId</c>), a non-empty string or a number, of a JSON object
    /// body, if any: read in one pass without building a document, the whole body checked.
    /// </summary>
    private static string? MessageId(VendorAnswer answer)
    {
        var body = answer.Body.Span.TrimStart(" \t\r\n"u8);
        if (body.IsEmpty || body[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            reader.Read();
            string? id = null, messageId = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("id"u8) ? 1 : reader.ValueTextEquals("messageId"u8) ? 2 : 0;
                reader.Read();
                var value = reader.TokenType switch
                {
                    JsonTokenType.String when name != 0 && reader.GetString() is { Length: > 0 } text => text,
                    JsonTokenType.Number when name != 0 => Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                reader.Skip();
                (id, messageId) = name == 1 ? (value ?? id, messageId) : name == 2 ? (id, value ?? messageId) : (id, messageId);
            }

            if (reader.TokenType == JsonTokenType.EndObject && !reader.Read())
            {
                return id ?? messageId;
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Any 2xx means the endpoint took the message; an unreadable body (not JSON, not UTF-8) only means there is no id.
        }

        return null;
    }
}
