using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Http;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Http;

/// <summary>Delivery reports from your own relay, read by <see cref="HttpDeliveryReports"/>: our JSON shape and its signature.</summary>
public class HttpDeliveryReportTests
{
    public const string Secret = "relay-secret-0123456789abcdef";

    public const string Body = """{"messageId":"relay-7","status":"delivered","time":"2026-03-01T12:00:05Z","recipient":"+4915112345678"}""";

    /// <summary>
    /// X-Sms-Signature of <see cref="Body"/>, computed outside the project with Python 3.11:
    /// <c>"sha256=" + hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()</c>.
    /// </summary>
    public const string Signature = "sha256=61dd22e3393120a77d04fc47c390f32e3fb059d64b8395078ce79fe8fcf547b9";

    /// <summary>Two reports in an array, one with an error code.</summary>
    public const string ArrayBody = """[{"messageId":"relay-7","status":"pending","time":"2026-03-01T12:00:01+01:00"},{"messageId":"relay-8","status":"FAILED","time":"2026-03-01T12:00:06Z","error":"EC_UNKNOWN_SUBSCRIBER"}]""";

    /// <summary>X-Sms-Signature of <see cref="ArrayBody"/>, computed the same way.</summary>
    public const string ArraySignature = "sha256=1c7235de26a72040426d2d04a3c2edea266222066f17fde30c16c8cb00b4166c";

    [Fact]
    public void A_signed_report_is_read()
    {
        var result = HttpDeliveryReports.Read("hook", Request(Body, Signature), Options());

        Assert.True(result.IsAccepted);
        Assert.Null(result.Acknowledgement);
        Assert.Equal(
            new SmsDeliveryReport
            {
                ConnectorName = "hook",
                Provider = "Http",
                MessageId = "relay-7",
                Status = SmsDeliveryStatus.Delivered,
                VendorStatus = "delivered",
                VendorTime = new DateTimeOffset(2026, 3, 1, 12, 0, 5, TimeSpan.Zero),
                Recipient = "+4915112345678",
            },
            Assert.Single(result.Reports));
    }

    [Fact]
    public void An_array_of_signed_reports_is_read_in_order()
    {
        var result = HttpDeliveryReports.Read("hook", Request(ArrayBody, ArraySignature), Options());

        Assert.Equal(
            [("relay-7", SmsDeliveryStatus.Pending, null), ("relay-8", SmsDeliveryStatus.Failed, "EC_UNKNOWN_SUBSCRIBER")],
            result.Reports.Select(r => (r.MessageId, r.Status, r.VendorErrorCode)));
        Assert.Equal(TimeSpan.FromHours(1), result.Reports[0].VendorTime!.Value.Offset);
    }

    [Theory]
    [InlineData("SHA256=61DD22E3393120A77D04FC47C390F32E3FB059D64B8395078CE79FE8FCF547B9")]
    [InlineData("sha256= 61dd22e3393120a77d04fc47c390f32e3fb059d64b8395078ce79fe8fcf547b9")]
    public void The_signature_is_read_in_either_case(string signature)
    {
        Assert.True(HttpDeliveryReports.Read("hook", Request(Body, signature), Options()).IsAccepted);
    }

    [Theory]
    [InlineData(null, "header is missing")]
    [InlineData("61dd22e3393120a77d04fc47c390f32e3fb059d64b8395078ce79fe8fcf547b9", "is not 'sha256='")]
    [InlineData("sha256=71dd22e3393120a77d04fc47c390f32e3fb059d64b8395078ce79fe8fcf547b9", "does not match")]
    [InlineData("sha256=61dd22e3", "does not match")]
    [InlineData("sha256=not-hex-at-all", "does not match")]
    public void A_missing_or_wrong_signature_is_refused(string? signature, string reason)
    {
        var result = HttpDeliveryReports.Read("hook", Request(Body, signature), Options());

        Assert.Equal(401, result.StatusCode);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_body_or_secret_breaks_the_signature()
    {
        Assert.Equal(401, HttpDeliveryReports.Read("hook", Request(Body.Replace("delivered", "failed", StringComparison.Ordinal), Signature), Options()).StatusCode);
        Assert.Equal(401, HttpDeliveryReports.Read("hook", Request(Body, Signature), Options(Secret + "x")).StatusCode);
    }

    [Fact]
    public void Without_a_webhook_secret_every_report_is_refused()
    {
        var result = HttpDeliveryReports.Read("hook", Request(Body, Signature), Options(secret: null));

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("no 'webhookSecret'", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("\"delivered\"", "a JSON object or an array")]
    [InlineData("""{"status":"delivered","time":"2026-03-01T12:00:05Z"}""", "the report has no 'messageId'")]
    [InlineData("""{"messageId":"1","time":"2026-03-01T12:00:05Z"}""", "has no 'status' of delivered")]
    [InlineData("""{"messageId":"1","status":"sent","time":"2026-03-01T12:00:05Z"}""", "has no 'status' of delivered")]
    [InlineData("""{"messageId":"1","status":"delivered"}""", "has no 'time' in ISO 8601")]
    [InlineData("""{"messageId":"1","status":"delivered","time":"2026-03-01T12:00:05"}""", "has no 'time' in ISO 8601")]
    [InlineData("""{"messageId":"1","status":"delivered","time":"2026-03-01T12:00:05Z","error":{"code":42}}""", "'error' or 'recipient' that is not a string")]
    [InlineData("""[{"messageId":"1","status":"delivered","time":"2026-03-01T12:00:05Z"},7]""", "report 1 is not a JSON object")]
    public void A_body_that_is_not_our_shape_is_refused_with_400(string body, string reason)
    {
        var result = HttpDeliveryReports.Parse("hook", Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_webhook_secret_binds_from_its_camel_case_key_and_is_declared_a_secret()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json($$"""
            { "SmsConnectors": { "Connectors": { "hook": { "Provider": "Http", "endpoint": "https://relay.example.com/sms", "webhookSecret": "{{Secret}}" } } } }
            """).GetSection("SmsConnectors")));

        var options = provider.GetRequiredService<IOptionsMonitor<HttpSmsOptions>>().Get("hook");

        Assert.Equal(Secret, options.WebhookSecret);
        Assert.Contains(Secret, options.Secrets());
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("                    ")]
    [InlineData("a-long-enough-secret\r\n")]
    public void A_short_blank_or_multi_line_secret_fails_startup(string secret)
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddHttp("hook", o =>
        {
            o.Endpoint = "https://relay.example.com/sms";
            o.WebhookSecret = secret;
        }));

        var failure = Assert.Single(failures);
        Assert.Contains("'webhookSecret' must be at least 16 characters", failure, StringComparison.Ordinal);
    }

    private static HttpSmsOptions Options(string? secret = Secret) => new() { Endpoint = "https://relay.example.com/sms", WebhookSecret = secret };

    private static SmsDeliveryReportRequest Request(string body, string? signature) =>
        new("POST", "https://api.example.com/sms/delivery-reports/hook", Encoding.UTF8.GetBytes(body), name => name.Equals("X-Sms-Signature", StringComparison.OrdinalIgnoreCase) ? signature : null);
}
