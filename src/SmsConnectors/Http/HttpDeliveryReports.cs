using System.Globalization;
using System.Text.Json;
using SmsConnectors.DeliveryReports;

namespace SmsConnectors.Http;

/// <summary>
/// Delivery reports from your own relay, in a shape of ours: a JSON object, or an array of them,
/// <c>{"messageId":"...","status":"delivered","time":"2026-03-01T12:00:05Z","error":"...","recipient":"+49..."}</c>
/// (<c>messageId</c>, <c>status</c> and <c>time</c> required; <c>status</c> one of <c>delivered</c>,
/// <c>pending</c>, <c>failed</c>, <c>expired</c>, <c>rejected</c>, <c>unknown</c>, any case; <c>time</c>
/// ISO 8601 with an offset), signed with the connector's <see cref="HttpSmsOptions.WebhookSecret"/>:
/// <c>X-Sms-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of the raw body, compared in constant time.
/// </summary>
internal static class HttpDeliveryReports
{
    /// <summary>The header that carries the signature.</summary>
    public const string SignatureHeader = "X-Sms-Signature";

    private const string SignaturePrefix = "sha256=";

    /// <summary>Checks the signature with <paramref name="options"/>' secret, then reads the reports.</summary>
    public static SmsDeliveryReportResult Read(string connectorName, SmsDeliveryReportRequest request, HttpSmsOptions options)
    {
        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            return SmsDeliveryReportResult.Refused(401, "the connector has no 'webhookSecret', so the report's signature cannot be verified; set it to the secret your relay signs with");
        }

        var signature = request.GetHeader(SignatureHeader);
        if (string.IsNullOrEmpty(signature))
        {
            return SmsDeliveryReportResult.Refused(401, "the X-Sms-Signature header is missing");
        }

        if (!signature.StartsWith(SignaturePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return SmsDeliveryReportResult.Refused(401, "X-Sms-Signature is not 'sha256=' followed by the hex HMAC-SHA256 of the body");
        }

        if (!ReportSignatures.HexMatches(signature[SignaturePrefix.Length..].Trim(), ReportSignatures.HmacSha256(options.WebhookSecret, request.Body.Span)))
        {
            return SmsDeliveryReportResult.Refused(401, "the signature does not match: check that the relay signs the raw body with the connector's 'webhookSecret'");
        }

        return Parse(connectorName, request.Body);
    }

    /// <summary>Reads the body: one report object, or an array of them.</summary>
    internal static SmsDeliveryReportResult Parse(string connectorName, ReadOnlyMemory<byte> body)
    {
        if (!ReportJson.TryParse(body, out var document))
        {
            return SmsDeliveryReportResult.Refused(400, "the body is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                return SmsDeliveryReportResult.Refused(400, "the body is not a delivery report: a JSON object or an array of them is expected");
            }

            var elements = root.ValueKind == JsonValueKind.Object ? [root] : root.EnumerateArray().ToList();
            var reports = new List<SmsDeliveryReport>(elements.Count);
            for (var i = 0; i < elements.Count; i++)
            {
                if (Report(connectorName, elements[i], out var problem) is not { } report)
                {
                    var which = root.ValueKind == JsonValueKind.Array ? $"report {i}" : "the report";
                    return SmsDeliveryReportResult.Refused(400, $"{which} {problem}");
                }

                reports.Add(report);
            }

            return SmsDeliveryReportResult.Accepted(reports);
        }
    }

    private static SmsDeliveryReport? Report(string connectorName, JsonElement element, out string problem)
    {
        problem = string.Empty;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "is not a JSON object";
            return null;
        }

        if (ReportJson.Text(element, "messageId") is not { Length: > 0 } messageId)
        {
            problem = "has no 'messageId'";
            return null;
        }

        if (ReportJson.Text(element, "status") is not { Length: > 0 } status || StatusOf(status) is not { } mapped)
        {
            problem = "has no 'status' of delivered, pending, failed, expired, rejected or unknown";
            return null;
        }

        if (TimeOf(ReportJson.Text(element, "time")) is not { } time)
        {
            problem = "has no 'time' in ISO 8601 with an offset (for example 2026-03-01T12:00:05Z)";
            return null;
        }

        if ((ReportJson.Has(element, "error") && ReportJson.Text(element, "error") is null)
            || (ReportJson.Has(element, "recipient") && ReportJson.Text(element, "recipient") is null))
        {
            problem = "has an 'error' or 'recipient' that is not a string";
            return null;
        }

        return new SmsDeliveryReport
        {
            ConnectorName = connectorName,
            Provider = HttpConnector.Provider,
            MessageId = messageId,
            Status = mapped,
            VendorStatus = status,
            VendorErrorCode = ReportJson.Text(element, "error") is { Length: > 0 } error ? error : null,
            VendorTime = time,
            Recipient = ReportJson.Text(element, "recipient") is { Length: > 0 } recipient ? recipient : null,
        };
    }

    /// <summary>The statuses of our shape, the names of <see cref="SmsDeliveryStatus"/> in any case; <see langword="null"/> for any other value.</summary>
    internal static SmsDeliveryStatus? StatusOf(string status) => status.ToLowerInvariant() switch
    {
        "delivered" => SmsDeliveryStatus.Delivered,
        "pending" => SmsDeliveryStatus.Pending,
        "failed" => SmsDeliveryStatus.Failed,
        "expired" => SmsDeliveryStatus.Expired,
        "rejected" => SmsDeliveryStatus.Rejected,
        "unknown" => SmsDeliveryStatus.Unknown,
        _ => null,
    };

    /// <summary>An ISO 8601 time with an offset (<c>Z</c> or <c>±hh:mm</c>); <see langword="null"/> without one, since the moment would be ambiguous.</summary>
    internal static DateTimeOffset? TimeOf(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || !(text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':')))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }
}
