using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmsConnectors.AspNetCore.DeliveryReports;

/// <summary>
/// The endpoint's instruments, on the library's meter (<see cref="SmsConnectorsDiagnostics.MeterName"/>)
/// from the app's <see cref="IMeterFactory"/>: <c>sms.delivery_reports</c> counts the reports handled,
/// <c>sms.delivery_report.refusals</c> the calls refused or failed. Tags are bounded: a connector's
/// name only when it is registered.
/// </summary>
internal sealed class DeliveryReportMetrics
{
    private static readonly Lazy<Meter> OwnMeter = new(() => new Meter(SmsConnectorsDiagnostics.MeterName));

    private readonly Counter<long> _reports;
    private readonly Counter<long> _refusals;

    public DeliveryReportMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(SmsConnectorsDiagnostics.MeterName) ?? OwnMeter.Value;
        _reports = meter.CreateCounter<long>("sms.delivery_reports", "{report}", "Delivery reports vendors sent and the app's handlers took, by status.");
        _refusals = meter.CreateCounter<long>("sms.delivery_report.refusals", "{call}", "Vendor calls with delivery reports that were refused or whose handlers failed, by HTTP status.");
    }

    /// <summary>Counts one report that was verified and handled.</summary>
    public void Reported(SmsDeliveryReport report)
    {
        if (_reports.Enabled)
        {
            _reports.Add(1, new TagList
            {
                { "sms.connector", report.ConnectorName },
                { "sms.provider", report.Provider },
                { "sms.delivery_status", StatusTag(report.Status) },
            });
        }
    }

    /// <summary>Counts one refused or failed call.</summary>
    /// <param name="statusCode">The HTTP status it was answered with.</param>
    /// <param name="connectorName">The registered connector it was for, or <see langword="null"/> when none is.</param>
    public void Refused(int statusCode, string? connectorName)
    {
        if (_refusals.Enabled)
        {
            var tags = new TagList { { "http.response.status_code", statusCode } };
            if (connectorName is not null)
            {
                tags.Add("sms.connector", connectorName);
            }

            _refusals.Add(1, tags);
        }
    }

    /// <summary>A status as a tag value: its name in lower case.</summary>
    public static string StatusTag(SmsDeliveryStatus status) => status switch
    {
        SmsDeliveryStatus.Delivered => "delivered",
        SmsDeliveryStatus.Pending => "pending",
        SmsDeliveryStatus.Failed => "failed",
        SmsDeliveryStatus.Expired => "expired",
        SmsDeliveryStatus.Rejected => "rejected",
        _ => "unknown",
    };
}
