namespace SmsConnectors.Tencent;

/// <summary>The answer of <c>SmsPackagesStatistics</c>: <c>{"Response": {...}}</c>.</summary>
internal sealed class TencentPackagesEnvelope
{
    public TencentPackagesResponse? Response { get; set; }
}
