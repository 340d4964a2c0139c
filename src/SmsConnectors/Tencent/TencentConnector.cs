using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SmsConnectors.Answers;
using SmsConnectors.Balance;
using SmsConnectors.Sending;
using SmsConnectors.Serialization;
using SmsConnectors.Templates;
using SmsConnectors.Transport;

namespace SmsConnectors.Tencent;

/// <summary>
/// Sends through Tencent Cloud SMS (API 3.0, <c>SendSms</c> version <c>2021-01-11</c>). The body is
/// built once per message; each attempt is signed with TC3-HMAC-SHA256 at its own time, for the
/// host it calls.
/// </summary>
internal sealed class TencentConnector(string name, IOptionsMonitor<TencentOptions> options, ConnectorServices services)
    : VendorConnector<TencentOptions, TencentPlan, TencentPrepared>(name, Provider, Vendor, options, services), ISmsBalanceProvider, ISmsDeliveryReportReader
{
    /// <summary>The <c>Provider</c> value of this kind of connector.</summary>
    public const string Provider = "Tencent";

    public const string Service = "sms";
    public const string Action = "SendSms";
    public const string Version = "2021-01-11";
    public const string ContentType = "application/json; charset=utf-8";

    private const string Vendor = "Tencent Cloud SMS";
    private readonly BalanceQuery<TencentOptions> _balance = new(name, Vendor, services);

    /// <inheritdoc/>
    public Task<SmsBalance> GetBalanceAsync(CancellationToken cancellationToken = default) => _balance.RunAsync(OptionsInForceForOtherCalls, TencentBalance.GetAsync, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<SmsDeliveryReportResult> ReadDeliveryReportsAsync(SmsDeliveryReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(TencentDeliveryReports.Read(Name, request, OptionsInForceForOtherCalls()));
    }

    private protected override TencentPlan CreatePlan(TencentOptions options) => new(options);

    private protected override TencentPrepared Prepare(SendContext<TencentPlan> context)
    {
        var options = context.Plan.Options;
        var template = TemplateSelector.Select(options.Templates, context.Message.Type, context.Message.Locale);
        var parameters = TemplateParameters(template, context.Message);
        var length = options.SignName.Length;
        foreach (var parameter in parameters)
        {
            length += parameter.Length;
        }

        if (length > TencentOptions.MaxMessageLength)
        {
            throw MessageLimits.TooLong(length, TencentOptions.MaxMessageLength, $"The signature and the parameters of template '{template.TemplateCode}' together");
        }

        return new TencentPrepared(Body(options, template, parameters, context.To), context.To);
    }

    /// <summary>Signs the prepared body now, for this attempt only: the host signed is the host called, and the body and content type signed are the very bytes that are sent.</summary>
    private protected override VendorRequest CreateRequest(TencentPlan plan, TencentPrepared prepared, VendorAttempt attempt)
    {
        var options = plan.Options;
        var host = plan.Host;
        var timestamp = attempt.Time.ToUnixTimeSeconds();
        var signature = Tc3Signer.Sign(options.AccessKeyId, options.AccessKeySecret, Service, host, ContentType, prepared.Body, timestamp);

        var content = new ByteArrayContent(prepared.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var request = new VendorRequest(HttpMethod.Post, attempt.BaseAddress) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.TryAddWithoutValidation("Host", host);
        request.Headers.TryAddWithoutValidation("X-TC-Action", Action);
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-TC-Version", Version);
        request.Headers.TryAddWithoutValidation("X-TC-Region", options.Region);
        return request;
    }

    private protected override VendorVerdict Classify(TencentPlan plan, TencentPrepared prepared, VendorAnswer answer) => Classify(answer, prepared.To);

    /// <summary>
    /// The verdict on an answer to <c>SendSms</c> for <paramref name="to"/>. An <c>Error</c> decides
    /// by its code. Otherwise the message was sent when any entry of <c>SendStatusSet</c> says
    /// <c>Ok</c> (one number is sent per request), and refused by the first entry's code when none does.
    /// </summary>
    internal static VendorVerdict Classify(VendorAnswer answer, SmsPhoneNumber to)
    {
        if (!answer.TryReadJson(TencentEnvelopeReader.Read, out var envelope, out var problem))
        {
            return VendorVerdict.NotUnderstood(problem);
        }

        if (envelope.Response is not { } response)
        {
            return VendorVerdict.NotUnderstood("it has no 'Response' object");
        }

        if (response.Error is { } error)
        {
            return string.IsNullOrWhiteSpace(error.Code)
                ? VendorVerdict.NotUnderstood("its 'Error' has no 'Code'")
                : Failure(error.Code, error.Message, response.RequestId, "the request was rejected");
        }

        if (response.SendStatusSet is not { Count: > 0 } statuses || !statuses.TrueForAll(status => !string.IsNullOrWhiteSpace(status?.Code)))
        {
            return VendorVerdict.NotUnderstood("it has neither an 'Error' nor a 'SendStatusSet' entry with a 'Code'");
        }

        if (statuses.Find(status => string.Equals(status!.Code, "Ok", StringComparison.OrdinalIgnoreCase)) is { } sent)
        {
            return VendorVerdict.Sent(sent.SerialNo, response.RequestId, billedParts: sent.Fee);
        }

        var refused = statuses[0]!;
        return Failure(refused.Code!, refused.Message, response.RequestId, $"the message to {to.Masked} was not sent");
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

    private static VendorVerdict Failure(string code, string? message, string? requestId, string what)
    {
        var classified = Classify(code);
        return VendorVerdict.Failed(classified.Code, code, message, what, classified.MayHaveBeenSent, classified.IsTransient, requestId);
    }

    /// <summary>The values of the template's parameters, in its order; a missing one fails before anything is sent.</summary>
    private static List<string> TemplateParameters(TencentTemplate template, SmsMessage message)
    {
        var keys = template.EffectiveParameters;
        var values = new List<string>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
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
    /// The <c>SendSms</c> body, keys in Logto's order. Chinese text and the '+' of the number go out
    /// as UTF-8 characters, as Tencent's SDKs send them.
    /// </summary>
    private static byte[] Body(TencentOptions options, TencentTemplate template, List<string> parameters, SmsPhoneNumber to) =>
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
