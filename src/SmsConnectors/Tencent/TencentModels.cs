using System.Text.Json.Serialization;

namespace SmsConnectors.Tencent;

/// <summary>The answer of every API 3.0 call: <c>{"Response": {...}}</c>.</summary>
internal sealed class TencentEnvelope
{
    public TencentResponse? Response { get; set; }
}

/// <summary>The <c>Response</c> of <c>SendSms</c>: either <c>Error</c> or <c>SendStatusSet</c>, and always <c>RequestId</c>.</summary>
internal sealed class TencentResponse
{
    public TencentError? Error { get; set; }

    public List<TencentSendStatus>? SendStatusSet { get; set; }

    public string? RequestId { get; set; }
}

/// <summary>A whole-request failure: <c>{"Code": "AuthFailure.SignatureFailure", "Message": "..."}</c>.</summary>
internal sealed class TencentError
{
    public string? Code { get; set; }

    public string? Message { get; set; }
}

/// <summary>The outcome for one number; <c>Code</c> is <c>Ok</c> when it was accepted.</summary>
internal sealed class TencentSendStatus
{
    public string? SerialNo { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }
}

/// <summary>Source-generated JSON reading of Tencent's answers (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(TencentEnvelope))]
internal sealed partial class TencentJsonContext : JsonSerializerContext;
