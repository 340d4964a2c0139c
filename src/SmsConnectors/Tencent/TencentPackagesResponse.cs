namespace SmsConnectors.Tencent;

/// <summary>The <c>Response</c> of <c>SmsPackagesStatistics</c>: either <c>Error</c> or <c>SmsPackagesStatisticsSet</c>, and always <c>RequestId</c>.</summary>
internal sealed class TencentPackagesResponse
{
    public TencentError? Error { get; set; }

    public List<TencentPackageStatistics?>? SmsPackagesStatisticsSet { get; set; }

    public string? RequestId { get; set; }
}
