namespace SmsConnectors.Tencent;

/// <summary>The answer of every API 3.0 call: <c>{"Response": {...}}</c>.</summary>
internal sealed class TencentEnvelope
{
    public TencentResponse? Response { get; set; }
}
