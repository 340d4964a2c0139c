using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SmsConnectors.DeliveryReports;

namespace SmsConnectors.Seven;

/// <summary>
/// Seven's delivery reports: the <c>dlr</c> webhook, <c>{"webhook_event":"dlr","webhook_timestamp":...,
/// "data":{"msg_id":"77...","status":"DELIVERED","timestamp":"2021-08-24 08:08:00.000000"}}</c>,
/// as Seven posts it with the webhook request method <c>JSON</c>, signed with the account's signing
/// key. <c>X-Signature</c> is the lowercase hex HMAC-SHA256 of
/// <c>X-Timestamp</c>, <c>X-Nonce</c>, the upper-case method, the full URL Seven called and the
/// lowercase hex MD5 of the raw body, joined with <c>\n</c> (docs.seven.io, "Signing of requests";
/// Seven's own client libraries verify it the same way). A call signed more than 300 s ago or ahead,
/// a nonce already seen, or a wrong signature is refused. One instance per connector: it holds the
/// nonces seen in the last 10 minutes (which covers the ±300 s window), per process.
/// </summary>
/// <param name="connectorName">The connector's name, on every report.</param>
/// <param name="timeProvider">The clock the timestamps are checked against.</param>
/// <param name="nonceCapacity">The most nonces held at once; while that many are alive, calls are refused with 503 and Seven retries them.</param>
internal sealed class SevenDeliveryReports(string connectorName, TimeProvider timeProvider, int nonceCapacity = SevenDeliveryReports.DefaultNonceCapacity)
{
    /// <summary>The default for the most nonces held at once: a 32-character nonce takes about 100 bytes, so about 10 MB.</summary>
    public const int DefaultNonceCapacity = 100_000;

    /// <summary>How far a call's timestamp may be from the clock, either way, as Seven's own verifiers allow.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);

    /// <summary>How long a nonce is remembered: longer than the whole window a timestamp is accepted in.</summary>
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(10);

    private const int MaxNonceLength = 128;
    private const int MaxEventNameLength = 32;

    private readonly NonceCache _nonces = new(timeProvider, NonceLifetime, nonceCapacity);

    /// <summary>Verifies the call with <paramref name="options"/>' signing key, then reads its report.</summary>
    public SmsDeliveryReportResult Read(SmsDeliveryReportRequest request, SevenOptions options)
    {
        if (string.IsNullOrEmpty(options.WebhookSigningSecret))
        {
            return SmsDeliveryReportResult.Refused(401, "the connector has no 'webhookSigningSecret', so Seven's signature cannot be verified; set it to the signing key of the Seven account");
        }

        var signature = request.GetHeader("X-Signature");
        var timestampText = request.GetHeader("X-Timestamp");
        var nonce = request.GetHeader("X-Nonce");
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestampText) || string.IsNullOrEmpty(nonce))
        {
            return SmsDeliveryReportResult.Refused(401, "the X-Signature, X-Timestamp or X-Nonce header is missing, so the call is not a signed Seven webhook");
        }

        if (!long.TryParse(timestampText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SmsDeliveryReportResult.Refused(401, "X-Timestamp is not a Unix time in seconds");
        }

        var age = timeProvider.GetUtcNow().ToUnixTimeSeconds() - timestamp;
        if (age > (long)Tolerance.TotalSeconds)
        {
            return SmsDeliveryReportResult.Refused(401, string.Create(CultureInfo.InvariantCulture, $"it was signed {age} s ago, more than the {Tolerance.TotalSeconds} s allowed (a replay, or a clock that is off)"));
        }

        if (-age > (long)Tolerance.TotalSeconds)
        {
            return SmsDeliveryReportResult.Refused(401, string.Create(CultureInfo.InvariantCulture, $"it was signed {-age} s ahead of this server's clock, more than the {Tolerance.TotalSeconds} s allowed"));
        }

        if (nonce.Length > MaxNonceLength || nonce.Any(c => c is <= ' ' or > '~'))
        {
            return SmsDeliveryReportResult.Refused(401, "X-Nonce is not a nonce (at most 128 visible ASCII characters)");
        }

        if (!ReportSignatures.HexMatches(signature, Sign(options.WebhookSigningSecret, timestamp, nonce, request.Method, request.Url, request.Body.Span)))
        {
            return SmsDeliveryReportResult.Refused(401, "the signature does not match: check 'webhookSigningSecret', and behind a reverse proxy that the URL Seven calls reaches the app as it is (forwarded headers, or PublicBaseUrl)");
        }

        var read = Parse(connectorName, request.Body);
        if (!read.IsAccepted || read.Reports.Count == 0)
        {
            return read;
        }

        return _nonces.TryRemember(nonce) switch
        {
            NonceOutcome.New => SmsDeliveryReportResult.Accepted(read.Reports, notProcessed: () => _nonces.Forget(nonce)),
            NonceOutcome.Seen => SmsDeliveryReportResult.Refused(401, "its nonce was used within the last 10 minutes: a replayed call"),
            _ => SmsDeliveryReportResult.Refused(503, "too many signed calls arrived within 10 minutes to remember another nonce; Seven sends the call again later"),
        };
    }

    /// <summary>Seven's signature of a call: the HMAC-SHA256 of timestamp, nonce, method, URL and body MD5, joined with <c>\n</c>.</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Primitives", Justification = "Seven's signing scheme fixes the MD5 digest of the body as one input of the HMAC-SHA256; the MD5 is not relied on alone.")]
    internal static byte[] Sign(string secret, long timestamp, string nonce, string method, string url, ReadOnlySpan<byte> body)
    {
        var text = string.Join(
            '\n',
            timestamp.ToString(CultureInfo.InvariantCulture),
            nonce,
            method.ToUpperInvariant(),
            url,
            ReportSignatures.LowerHex(MD5.HashData(body)));
        return ReportSignatures.HmacSha256(secret, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Reads a webhook's body: a <c>dlr</c> event gives one report, any other event none (Seven sends every event a hook subscribes to).</summary>
    internal static SmsDeliveryReportResult Parse(string connectorName, ReadOnlyMemory<byte> body)
    {
        if (!ReportJson.TryParse(body, out var document))
        {
            // Seven's default request method sends form data; these reports need its request method JSON.
            return SmsDeliveryReportResult.Refused(400, "the body is not JSON: subscribe the Seven webhook with the request method JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || ReportJson.Text(root, "webhook_event") is not { Length: > 0 } webhookEvent)
            {
                return SmsDeliveryReportResult.Refused(400, "the body is not a Seven webhook: a JSON object with 'webhook_event' and 'data' is expected");
            }

            if (webhookEvent != "dlr")
            {
                var shown = webhookEvent.Length <= MaxEventNameLength && webhookEvent.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"'{webhookEvent}'" : "another";
                return SmsDeliveryReportResult.Ignored($"it is a Seven {shown} webhook, not a delivery report ('dlr')");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return SmsDeliveryReportResult.Refused(400, "the Seven 'dlr' webhook has no 'data' object");
            }

            if (ReportJson.Text(data, "msg_id") is not { Length: > 0 } messageId)
            {
                return SmsDeliveryReportResult.Refused(400, "the Seven 'dlr' webhook's 'data' has no 'msg_id'");
            }

            if (ReportJson.Text(data, "status") is not { Length: > 0 } status)
            {
                return SmsDeliveryReportResult.Refused(400, "the Seven 'dlr' webhook's 'data' has no 'status'");
            }

            return SmsDeliveryReportResult.Accepted(
            [
                new SmsDeliveryReport
                {
                    ConnectorName = connectorName,
                    Provider = SevenConnector.Provider,
                    MessageId = messageId,
                    Status = StatusOf(status),
                    VendorStatus = status,
                    VendorTime = TimeOf(ReportJson.Text(data, "timestamp")),
                },
            ]);
        }
    }

    /// <summary>Seven's statuses (docs.seven.io, "Status reports"); anything else is <see cref="SmsDeliveryStatus.Unknown"/>.</summary>
    internal static SmsDeliveryStatus StatusOf(string status) => status.ToUpperInvariant() switch
    {
        "DELIVERED" => SmsDeliveryStatus.Delivered,
        "ACCEPTED" or "TRANSMITTED" or "BUFFERED" => SmsDeliveryStatus.Pending,
        "NOTDELIVERED" or "FAILED" => SmsDeliveryStatus.Failed,
        "EXPIRED" => SmsDeliveryStatus.Expired,
        "REJECTED" => SmsDeliveryStatus.Rejected,
        _ => SmsDeliveryStatus.Unknown,
    };

    /// <summary>
    /// Seven's <c>timestamp</c>: local time in Germany without an offset (<c>2021-08-24 08:08:00.000000</c>,
    /// which Seven's documentation pairs with <c>webhook_timestamp</c> <c>2021-08-24T08:08:00+02:00</c>),
    /// or a time with its offset. <see langword="null"/> when it is missing or unreadable: the time is
    /// informative, so a report is not refused for it.
    /// </summary>
    internal static DateTimeOffset? TimeOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        return DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, GermanOffset(local))
            : null;
    }

    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>
    /// The offset of local time in Germany at a local time: UTC+2 (summer time) from the last Sunday of
    /// March at 02:00 until the last Sunday of October at 03:00, else UTC+1, as the EU has had it
    /// since 1996. Computed rather than looked up, so no time zone database is needed.
    /// </summary>
    internal static TimeSpan GermanOffset(DateTime local)
    {
        var start = LastSunday(local.Year, 3).AddHours(2);
        var end = LastSunday(local.Year, 10).AddHours(3);
        return local >= start && local < end ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1);
    }

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Unspecified);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
