namespace SmsConnectors.Tencent;

/// <summary>
/// One package of <c>SmsPackagesStatisticsSet</c> (API 2021-01-11): its size and usage in messages,
/// and when it expires (Unix seconds). Fields this connector does not use (creation and effective
/// times, type, id) are ignored.
/// </summary>
internal sealed class TencentPackageStatistics
{
    /// <summary>Gets or sets how many messages the package holds.</summary>
    public ulong? PackageAmount { get; set; }

    /// <summary>Gets or sets how many of them have been used.</summary>
    public ulong? CurrentUsage { get; set; }

    /// <summary>Gets or sets when the package expires, in Unix seconds.</summary>
    public ulong? PackageExpiredTime { get; set; }
}
