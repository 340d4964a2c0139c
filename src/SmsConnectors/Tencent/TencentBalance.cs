using System.Globalization;
using SmsConnectors.Answers;
using SmsConnectors.Balance;
using SmsConnectors.Serialization;

namespace SmsConnectors.Tencent;

/// <summary>
/// Tencent Cloud SMS's balance: the read-only API 3.0 action <c>SmsPackagesStatistics</c> (version
/// <c>2021-01-11</c>), posted to the connector's endpoint and signed with TC3-HMAC-SHA256 exactly
/// like <c>SendSms</c>, so that it proves the credentials and the <c>SmsSdkAppId</c>. Tencent bills
/// in prepaid packages of messages, so the balance is <see cref="SmsBalance.RemainingMessages"/>:
/// each unexpired package's <c>PackageAmount</c> less its <c>CurrentUsage</c>, summed over the
/// pages of <c>SmsPackagesStatisticsSet</c>. An <c>Error</c> maps with
/// <see cref="TencentConnector.Classify(string)"/>.
/// </summary>
/// <remarks>
/// In version 2021-01-11 every field of the body is required (Tencent's API reference, document
/// 382/55964, and the request model of its SDKs): <c>SmsSdkAppId</c>, <c>Limit</c> (at most 500),
/// <c>Offset</c>, and <c>BeginTime</c> and <c>EndTime</c> as <c>yyyymmddhh</c>, the packages
/// created in between being counted, with <c>EndTime</c> before the current time. The period asked
/// for is the <see cref="LookBackYears"/> years up to the start of the current hour, in China
/// Standard Time (UTC+8, Tencent's own zone): packages created within the current hour are not yet counted.
/// </remarks>
internal static class TencentBalance
{
    public const string Action = "SmsPackagesStatistics";

    /// <summary>The packages asked for per request (<c>Limit</c>).</summary>
    public const int PageSize = 100;

    /// <summary>The most pages read; an account with more packages has the rest left uncounted.</summary>
    public const int MaxPages = 50;

    /// <summary>How far back package creation is looked for.</summary>
    public const int LookBackYears = 10;

    /// <summary>China Standard Time, in which <c>BeginTime</c> and <c>EndTime</c> are read.</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>Asks Tencent for the packages page by page and sums what is left of them.</summary>
    public static async Task<SmsBalance> GetAsync(BalanceQuery<TencentOptions> query, TencentOptions options, CancellationToken cancellationToken)
    {
        var address = new Uri(new Uri(options.Endpoint, UriKind.Absolute), "/");
        var (begin, end) = Period(query.Now);
        var expiredBefore = query.Now.ToUnixTimeSeconds();
        long remaining = 0;
        for (var page = 0; ; page++)
        {
            var body = Body(options.SdkAppId, page * PageSize, begin, end);
            var (request, signature) = CreateRequest(options, address, body, query.Now);
            VendorAnswer answer;
            using (request)
            {
                answer = await query.SendAsync(request, options, cancellationToken).ConfigureAwait(false);
            }

            var reading = Read(answer, expiredBefore, out var packages);
            if (reading.Failure is not null)
            {
                return query.Finish(answer, reading, options, [signature.Authorization, signature.Signature]);
            }

            remaining = Saturating(remaining, reading.RemainingMessages ?? 0);
            if (packages < PageSize || page + 1 == MaxPages)
            {
                return query.Finish(answer, BalanceReading.Of(remainingMessages: remaining), options);
            }
        }
    }

    /// <summary><c>BeginTime</c> and <c>EndTime</c> for a request at <paramref name="now"/>: the look-back period up to the start of the current hour in China Standard Time.</summary>
    internal static (string Begin, string End) Period(DateTimeOffset now)
    {
        var local = now.ToOffset(ChinaStandardTime);
        var hour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, ChinaStandardTime);
        return (Hour(hour.AddYears(-LookBackYears)), Hour(hour));

        static string Hour(DateTimeOffset time) => time.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
    }

    /// <summary>The body of one page: every field the 2021-01-11 version requires, in its documented order.</summary>
    internal static byte[] Body(string sdkAppId, int offset, string begin, string end) =>
        SmsJson.Write((sdkAppId, offset, begin, end), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WriteString("SmsSdkAppId", state.sdkAppId);
            writer.WriteNumber("Limit", PageSize);
            writer.WriteNumber("Offset", state.offset);
            writer.WriteString("BeginTime", state.begin);
            writer.WriteString("EndTime", state.end);
            writer.WriteEndObject();
        });

    /// <summary>The signed request of one page, signed at <paramref name="time"/> for the host it calls; the signature comes back for redaction.</summary>
    internal static (HttpRequestMessage Request, Tc3Signature Signature) CreateRequest(TencentOptions options, Uri address, byte[] body, DateTimeOffset time)
    {
        var host = Tc3Signer.HostOf(address);
        var timestamp = time.ToUnixTimeSeconds();
        var signature = Tc3Signer.Sign(options.AccessKeyId, options.AccessKeySecret, TencentConnector.Service, host, TencentConnector.ContentType, body, timestamp);

        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", TencentConnector.ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        request.Headers.TryAddWithoutValidation("Host", host);
        request.Headers.TryAddWithoutValidation("X-TC-Action", Action);
        request.Headers.TryAddWithoutValidation("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-TC-Version", TencentConnector.Version);
        request.Headers.TryAddWithoutValidation("X-TC-Region", options.Region);
        return (request, signature);
    }

    /// <summary>
    /// Reads one page: the messages left in its packages that have not expired by
    /// <paramref name="expiredBefore"/> (Unix seconds), and how many packages it listed.
    /// </summary>
    internal static BalanceReading Read(VendorAnswer answer, long expiredBefore, out int packages)
    {
        packages = 0;
        if (!answer.TryReadJson(TencentJsonContext.Default.TencentPackagesEnvelope, out var envelope, out var problem))
        {
            return BalanceReading.NotUnderstood(problem);
        }

        if (envelope.Response is not { } response)
        {
            return BalanceReading.NotUnderstood("it has no 'Response' object");
        }

        if (response.Error is { } error)
        {
            if (string.IsNullOrWhiteSpace(error.Code))
            {
                return BalanceReading.NotUnderstood("its 'Error' has no 'Code'");
            }

            var classified = TencentConnector.Classify(error.Code);
            return BalanceReading.Failed(VendorVerdict.Failed(
                classified.Code, error.Code, error.Message, "the balance request was refused", mayHaveBeenSent: false, classified.IsTransient, response.RequestId));
        }

        if (response.SmsPackagesStatisticsSet is not { } set || set.Any(package => package?.PackageAmount is null))
        {
            return BalanceReading.NotUnderstood("it has neither an 'Error' nor a 'SmsPackagesStatisticsSet' whose entries have a 'PackageAmount'");
        }

        long remaining = 0;
        foreach (var package in set)
        {
            if (package!.PackageExpiredTime is { } expires and > 0 && expires <= (ulong)Math.Max(expiredBefore, 0))
            {
                continue;
            }

            var amount = package.PackageAmount!.Value;
            var used = package.CurrentUsage ?? 0;
            remaining = Saturating(remaining, amount > used ? (long)Math.Min(amount - used, long.MaxValue) : 0);
        }

        packages = set.Count;
        return BalanceReading.Of(remainingMessages: remaining);
    }

    private static long Saturating(long total, long more) => total > long.MaxValue - more ? long.MaxValue : total + more;
}
