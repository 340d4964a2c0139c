using System.Globalization;
using System.Text.Json;
using SmsConnectors.DeliveryReports;

namespace SmsConnectors.Tencent;

/// <summary>
/// Tencent Cloud SMS's status callback (SMS console, "Callback Configuration"; API document
/// "SMS Sending Status Notification"): a POST of a JSON array of <c>{"user_receive_time":"2015-10-17
/// 08:03:04","nationcode":"86","mobile":"13xxxxxxxxx","report_status":"SUCCESS","errmsg":"DELIVRD",
/// "description":"...","sid":"..."}</c>, where <c>sid</c> is the <c>SerialNo</c> the send returned;
/// one callback may carry several reports. It is answered <c>{"result":0,"errmsg":"OK"}</c>.
/// Tencent does not sign callbacks, so the callback URL carries the connector's
/// <see cref="TencentOptions.CallbackToken"/> as <c>?token=</c>, compared in constant time; without a
/// configured token every callback is refused.
/// </summary>
internal static class TencentDeliveryReports
{
    /// <summary>The answer Tencent expects to a callback it may stop sending.</summary>
    public const string Acknowledgement = """{"result":0,"errmsg":"OK"}""";

    /// <summary>The content type of <see cref="Acknowledgement"/>.</summary>
    public const string AcknowledgementContentType = "application/json";

    /// <summary>The query parameter of the callback URL that carries the token.</summary>
    public const string TokenParameter = "token";

    /// <summary>China Standard Time, in which Tencent gives <c>user_receive_time</c> (no daylight saving time).</summary>
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>Checks the callback's token against <paramref name="options"/>', then reads its reports.</summary>
    public static SmsDeliveryReportResult Read(string connectorName, SmsDeliveryReportRequest request, TencentOptions options)
    {
        if (string.IsNullOrEmpty(options.CallbackToken))
        {
            return SmsDeliveryReportResult.Refused(401, "the connector has no 'callbackToken', and Tencent does not sign its callbacks, so nothing shows that the call comes from Tencent; set callbackToken and give Tencent the callback URL ending in ?token=<callbackToken>");
        }

        var token = request.GetQueryValue(TokenParameter);
        if (string.IsNullOrEmpty(token))
        {
            return SmsDeliveryReportResult.Refused(401, "the callback URL has no 'token' query value; the URL given to Tencent must end in ?token=<callbackToken>");
        }

        if (!ReportSignatures.SecretsEqual(token, options.CallbackToken))
        {
            return SmsDeliveryReportResult.Refused(401, "the callback URL's 'token' is not the connector's 'callbackToken'");
        }

        return Parse(connectorName, request.Body);
    }

    /// <summary>Reads a callback's body: a JSON array with one report per element.</summary>
    internal static SmsDeliveryReportResult Parse(string connectorName, ReadOnlyMemory<byte> body)
    {
        if (!ReportJson.TryParse(body, out var document))
        {
            return SmsDeliveryReportResult.Refused(400, "the body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                return SmsDeliveryReportResult.Refused(400, "the body is not a Tencent status callback: a JSON array of reports is expected");
            }

            var reports = new List<SmsDeliveryReport>(root.GetArrayLength());
            var index = 0;
            foreach (var element in root.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return SmsDeliveryReportResult.Refused(400, $"report {index} of the Tencent status callback is not a JSON object");
                }

                if (ReportJson.Text(element, "sid") is not { Length: > 0 } serialNo)
                {
                    return SmsDeliveryReportResult.Refused(400, $"report {index} of the Tencent status callback has no 'sid'");
                }

                if (ReportJson.Text(element, "report_status") is not { Length: > 0 } status)
                {
                    return SmsDeliveryReportResult.Refused(400, $"report {index} of the Tencent status callback has no 'report_status'");
                }

                reports.Add(new SmsDeliveryReport
                {
                    ConnectorName = connectorName,
                    Provider = TencentConnector.Provider,
                    MessageId = serialNo,
                    Status = StatusOf(status),
                    VendorStatus = status,
                    VendorErrorCode = ReportJson.Text(element, "errmsg") is { Length: > 0 } code ? code : null,
                    VendorTime = TimeOf(ReportJson.Text(element, "user_receive_time")),
                    Recipient = RecipientOf(ReportJson.Text(element, "nationcode"), ReportJson.Text(element, "mobile")),
                });
                index++;
            }

            return SmsDeliveryReportResult.Accepted(reports, Acknowledgement, AcknowledgementContentType);
        }
    }

    /// <summary><c>SUCCESS</c> (received) and <c>FAIL</c>, the two values Tencent documents; anything else is <see cref="SmsDeliveryStatus.Unknown"/>.</summary>
    internal static SmsDeliveryStatus StatusOf(string status) => status.ToUpperInvariant() switch
    {
        "SUCCESS" => SmsDeliveryStatus.Delivered,
        "FAIL" => SmsDeliveryStatus.Failed,
        _ => SmsDeliveryStatus.Unknown,
    };

    /// <summary>
    /// <c>user_receive_time</c>, <c>yyyy-MM-dd HH:mm:ss</c> without an offset, in China Standard Time
    /// (UTC+8): Tencent's servers keep Beijing time, and its documentation gives no other zone.
    /// <see langword="null"/> when missing or unreadable.
    /// </summary>
    internal static DateTimeOffset? TimeOf(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, ChinaStandardTime)
            : null;

    /// <summary>The recipient as Tencent gives it: <c>+</c>, the country code and the number when both are there, else the number alone.</summary>
    internal static string? RecipientOf(string? nationCode, string? mobile)
    {
        if (string.IsNullOrEmpty(mobile))
        {
            return null;
        }

        return nationCode is { Length: > 0 } code && !mobile.StartsWith('+') && code.All(char.IsAsciiDigit)
            ? $"+{code}{mobile}"
            : mobile;
    }
}
