using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Templates;

namespace SmsConnectors.Tencent;

/// <summary>
/// Sends through Tencent Cloud SMS (API 3.0, <c>SendSms</c> version <c>2021-01-11</c>), signing each
/// attempt with TC3-HMAC-SHA256 at the time of that attempt.
/// </summary>
internal sealed class TencentConnector : HttpSmsConnector<TencentOptions>
{
    public const string Service = "sms";
    public const string Action = "SendSms";
    public const string Version = "2021-01-11";
    public const string ContentType = "application/json; charset=utf-8";

    public TencentConnector(string name, IOptionsMonitor<TencentOptions> options, SmsConnectorServices services)
        : base(name, options, services, services.LoggerFactory.CreateLogger<TencentConnector>())
    {
    }

    protected override IReadOnlyList<Uri> BaseAddresses(TencentOptions options) => [new Uri(options.Endpoint, UriKind.Absolute)];

    protected override HttpRequestMessage CreateRequest(SmsSendContext<TencentOptions> context, Uri baseAddress)
    {
        var options = context.Options;
        var template = TemplateSelector.Select(options.Templates, context.Message.Type, context.Message.Locale);
        var body = Body(options, template, TemplateParameters(template, context.Message), context.To);

        // Signed now, for this attempt only: the host signed is the host called, and the body and
        // content type signed are the very bytes that are sent.
        var host = Tc3Signer.HostOf(baseAddress);
        var timestamp = TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var signature = Tc3Signer.Sign(options.AccessKeyId, options.AccessKeySecret, Service, host, ContentType, body, timestamp);

        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/")) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.TryAddWithoutValidation("Host", host);
        request.Headers.TryAddWithoutValidation("X-TC-Action", Action);
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-TC-Version", Version);
        request.Headers.TryAddWithoutValidation("X-TC-Region", options.Region);
        return request;
    }

    protected override SmsSendResult ReadResponse(SmsSendContext<TencentOptions> context, VendorResponse response)
    {
        var envelope = response.ReadJson(TencentJsonContext.Default.TencentEnvelope);
        var answer = envelope.Response ?? throw response.Unreadable("it has no 'Response' object");
        if (answer.Error is { } error)
        {
            throw string.IsNullOrWhiteSpace(error.Code)
                ? response.Unreadable("its 'Error' has no 'Code'")
                : Failure(context, response, error.Code, error.Message, answer.RequestId, "rejected the request");
        }

        if (answer.SendStatusSet is not { Count: > 0 } statuses)
        {
            throw response.Unreadable("it has neither an 'Error' nor a 'SendStatusSet' entry");
        }

        foreach (var status in statuses)
        {
            if (string.IsNullOrWhiteSpace(status.Code))
            {
                throw response.Unreadable("a 'SendStatusSet' entry has no 'Code'");
            }

            if (!string.Equals(status.Code, "Ok", StringComparison.OrdinalIgnoreCase))
            {
                throw Failure(context, response, status.Code, status.Message, answer.RequestId, $"did not send the message to {context.To.Masked}");
            }
        }

        return new SmsSendResult { ConnectorName = Name, MessageId = string.IsNullOrEmpty(statuses[0].SerialNo) ? null : statuses[0].SerialNo, RequestId = answer.RequestId };
    }

    /// <summary>Maps a Tencent error code to ours, says whether the message may still have gone out, and whether trying again soon may help.</summary>
    /// <remarks>
    /// An <c>Error</c> or a non-<c>Ok</c> entry is an explicit refusal, so the message was not sent —
    /// except for <c>InternalError.*</c>: Tencent's own <c>Timeout</c>, <c>SendAndRecvFail</c>,
    /// <c>ParseBackendResponseFail</c>, <c>OtherError</c> and <c>UnknownError</c> arise while or after
    /// the message is handed to the carrier gateway, so they may have been sent and must not be
    /// retried blindly. Only the internal errors that reject the request before dispatch (its time,
    /// its signature fields, an unknown interface) are known not to have sent anything.
    /// Only the API call-rate limit (<c>RequestLimitExceeded</c>) and <c>ServiceUnavailable</c> are
    /// transient; the per-number and per-day limits (<c>LimitExceeded.*</c>) do not pass within a retry.
    /// </remarks>
    internal static TencentErrorClass Classify(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        var family = dot < 0 ? code : code[..dot];
        var detail = dot < 0 ? string.Empty : code[(dot + 1)..];
        return family switch
        {
            "InternalError" => new(SmsErrorCode.General, MayHaveBeenSent: !InternalErrorsBeforeDispatch.Contains(detail)),
            "AuthFailure" => new(SmsErrorCode.AuthorizationFailed),
            _ when detail.StartsWith("InsufficientBalance", StringComparison.Ordinal) || detail.EndsWith("DueToArrears", StringComparison.Ordinal) =>
                new(SmsErrorCode.UsageLimitExceeded),
            "RequestLimitExceeded" => new(SmsErrorCode.RateLimitExceeded, IsTransient: true),
            "LimitExceeded" => new(SmsErrorCode.RateLimitExceeded),
            _ when ConfigurationErrors.Contains(code) || ConfigurationFamilies.Contains(family)
                || (family == "FailedOperation" && (detail.Contains("Template", StringComparison.Ordinal) || detail.Contains("Signature", StringComparison.Ordinal))) =>
                new(SmsErrorCode.InvalidConfig),
            "UnauthorizedOperation" or "IpInBlacklist" or "IpNotInWhitelist" => new(SmsErrorCode.AuthorizationFailed),
            _ when RequestFamilies.Contains(family)
                || (family == "FailedOperation" && (detail.Contains("PhoneNumber", StringComparison.Ordinal) || detail.Contains("SensitiveWord", StringComparison.Ordinal))) =>
                new(SmsErrorCode.InvalidRequestParameters),
            "ServiceUnavailable" => new(SmsErrorCode.ServiceUnavailable, IsTransient: true),
            _ => new(SmsErrorCode.General),
        };
    }

    private static readonly HashSet<string> InternalErrorsBeforeDispatch = new(StringComparer.Ordinal)
    {
        "RequestTimeException", "RestApiInterfaceNotExist", "SigFieldMissing", "SigVerificationFail", "JsonParseFail",
    };

    private static readonly HashSet<string> ConfigurationErrors = new(StringComparer.Ordinal)
    {
        "InvalidParameterValue.SdkAppIdNotExist",
        "UnauthorizedOperation.SdkAppIdIsDisabled",
        "UnauthorizedOperation.SmsSdkAppIdVerifyFail",
        "UnauthorizedOperation.IndividualUserMarketingSmsPermissionDeny",
    };

    /// <summary>Families that mean the endpoint, region or account set-up is wrong.</summary>
    private static readonly HashSet<string> ConfigurationFamilies = new(StringComparer.Ordinal)
    {
        "UnsupportedOperation", "UnsupportedRegion", "InvalidAction", "NoSuchVersion", "NoSuchProduct", "ActionOffline", "UnsupportedProtocol",
    };

    /// <summary>Families that mean the message itself (number, parameters) was refused.</summary>
    private static readonly HashSet<string> RequestFamilies = new(StringComparer.Ordinal)
    {
        "InvalidParameterValue", "InvalidParameter", "MissingParameter", "UnknownParameter", "InvalidRequest", "RequestSizeLimitExceeded",
    };

    private static SmsConnectorException Failure(
        SmsSendContext<TencentOptions> context, VendorResponse response, string code, string? message, string? requestId, string what)
    {
        var classified = Classify(code);
        var providerMessage = Redaction.Redact(message, context.To, context.Options.AccessKeySecret);
        var text = $"Tencent Cloud SMS {what}: {code}: {providerMessage ?? "(no message)"} (request id {requestId ?? "unknown"})"
            + (classified.MayHaveBeenSent ? "; the message may have been sent." : ".");
        return new SmsConnectorException(classified.Code, text)
        {
            ProviderCode = code,
            ProviderMessage = providerMessage,
            RequestId = requestId,
            HttpStatus = response.StatusCode,
            MayHaveBeenSent = classified.MayHaveBeenSent,
            IsTransient = classified.IsTransient,
        };
    }

    /// <summary>The values of the template's parameters, in its order; a missing one fails before anything is sent.</summary>
    private static List<string> TemplateParameters(TencentTemplate template, SmsMessage message)
    {
        var keys = template.EffectiveParameters;
        var values = new List<string>(keys.Count);
        foreach (var key in keys)
        {
            if (!message.Payload.TryGetValue(key, out var value) || value is null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
            {
                throw new SmsConnectorException(
                    SmsErrorCode.InvalidRequestParameters,
                    $"The Tencent template '{template.TemplateCode}' ({template.UsageType}) takes the parameter '{key}', but the message payload has no value for '{key}'.")
                {
                    MayHaveBeenSent = false,
                };
            }

            values.Add(MessageTemplate.Stringify(value));
        }

        return values;
    }

    /// <summary>
    /// The <c>SendSms</c> body, keys in Logto's order, serialised once. Chinese text and the '+' of
    /// the number go out as UTF-8 characters, as Tencent's SDKs send them.
    /// </summary>
    private static byte[] Body(TencentOptions options, TencentTemplate template, List<string> parameters, PhoneNumber to) =>
        SmsJson.Write((options, template, parameters, to), static (writer, state) =>
        {
            var (options, template, parameters, to) = state;
            writer.WriteStartObject();
            writer.WriteString("SmsSdkAppId", options.SdkAppId);
            writer.WriteString("SignName", options.SignName);
            writer.WriteString("TemplateId", template.TemplateCode);
            writer.WriteStartArray("TemplateParamSet");
            foreach (var parameter in parameters)
            {
                writer.WriteStringValue(parameter);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("PhoneNumberSet");
            writer.WriteStringValue(to.E164);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}

/// <summary>What a Tencent error code means for us.</summary>
/// <param name="Code">Our error code.</param>
/// <param name="MayHaveBeenSent">Whether the message may still have gone out.</param>
/// <param name="IsTransient">Whether the failure may pass soon, so a retry may help.</param>
internal readonly record struct TencentErrorClass(SmsErrorCode Code, bool MayHaveBeenSent = false, bool IsTransient = false);
