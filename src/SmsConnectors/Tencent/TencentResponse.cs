namespace SmsConnectors.Tencent;

/// <summary>The <c>Response</c> of <c>SendSms</c>: either <c>Error</c> or <c>SendStatusSet</c>, and always <c>RequestId</c>.</summary>
internal sealed class TencentResponse
{
    public TencentError? Error { get; set; }

    public List<TencentSendStatus?>? SendStatusSet { get; set; }

    public string? RequestId { get; set; }
}
