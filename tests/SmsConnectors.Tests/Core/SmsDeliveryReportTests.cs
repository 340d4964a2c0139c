using System.Text;

namespace SmsConnectors.Tests.Core;

/// <summary>The public delivery-report types: a report prints with its number masked, a request reads its query, a result says what to answer.</summary>
public class SmsDeliveryReportTests
{
    [Fact]
    public void A_report_prints_its_recipient_masked()
    {
        var report = new SmsDeliveryReport
        {
            ConnectorName = "tencent",
            Provider = "Tencent",
            MessageId = "2433:3300576411",
            Status = SmsDeliveryStatus.Failed,
            VendorStatus = "FAIL",
            VendorErrorCode = "UNDELIV",
            VendorTime = new DateTimeOffset(2026, 3, 1, 20, 0, 9, TimeSpan.FromHours(8)),
            Recipient = "+8613800138000",
        };

        var text = report.ToString();

        Assert.Equal(
            "SmsDeliveryReport { ConnectorName = tencent, Provider = Tencent, MessageId = 2433:3300576411, Status = Failed, VendorStatus = FAIL, VendorErrorCode = UNDELIV, VendorTime = 2026-03-01T20:00:09.0000000+08:00, Recipient = +861********00 }",
            text);
        Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_the_optional_parts_prints_only_what_it_has()
    {
        var report = new SmsDeliveryReport { ConnectorName = "seven", Provider = "Seven", MessageId = "77", Status = SmsDeliveryStatus.Delivered };

        Assert.Equal("SmsDeliveryReport { ConnectorName = seven, Provider = Seven, MessageId = 77, Status = Delivered }", report.ToString());
    }

    [Theory]
    [InlineData("https://a.example/x?token=abc", "token", "abc")]
    [InlineData("https://a.example/x?a=1&token=a%2Bb+c&token=second", "token", "a+b c")]
    [InlineData("https://a.example/x?token", "token", "")]
    [InlineData("https://a.example/x?tokens=1", "token", null)]
    [InlineData("https://a.example/x", "token", null)]
    [InlineData("https://a.example/x?a=1#token=2", "token", null)]
    public void Without_a_query_lookup_values_come_from_the_url(string url, string name, string? expected)
    {
        var request = new SmsDeliveryReportRequest("POST", url, Encoding.UTF8.GetBytes("{}"), _ => null);

        Assert.Equal(expected, request.GetQueryValue(name));
    }

    [Fact]
    public void A_refusal_must_be_an_error_status_with_a_reason()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SmsDeliveryReportResult.Refused(200, "fine"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmsDeliveryReportResult.Refused(600, "odd"));
        Assert.Throws<ArgumentException>(() => SmsDeliveryReportResult.Refused(401, " "));

        var refused = SmsDeliveryReportResult.Refused(401, "no");
        Assert.Equal((false, 401, 0), (refused.IsAccepted, refused.StatusCode, refused.Reports.Count));
    }

    [Fact]
    public void Not_processed_runs_the_readers_callback_once()
    {
        var calls = 0;
        var result = SmsDeliveryReportResult.Accepted([], notProcessed: () => calls++);

        result.NotProcessed();
        result.NotProcessed();

        Assert.Equal(1, calls);
    }
}
