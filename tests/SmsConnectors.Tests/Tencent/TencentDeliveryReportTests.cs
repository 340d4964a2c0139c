using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Tencent;

/// <summary>Tencent's status callback read by <see cref="TencentDeliveryReports"/>: the token, the array of reports, statuses, times and recipients.</summary>
public class TencentDeliveryReportTests
{
    public const string Token = "cb-token-6f1d2a9e4b7c3058";

    /// <summary>Tencent's documented sample callback, with a real-looking serial number.</summary>
    public const string Callback = """
        [
          {
            "user_receive_time": "2015-10-17 08:03:04",
            "nationcode": "86",
            "mobile": "13800138000",
            "report_status": "SUCCESS",
            "errmsg": "DELIVRD",
            "description": "The SMS message is successfully delivered",
            "sid": "2433:330057641111111111111111"
          }
        ]
        """;

    [Fact]
    public void A_callback_with_the_token_gives_its_report_and_tencents_acknowledgement()
    {
        var result = TencentDeliveryReports.Read("tencent", Request(Callback, $"?token={Token}"), Options());

        Assert.True(result.IsAccepted);
        Assert.Equal("""{"result":0,"errmsg":"OK"}""", result.Acknowledgement);
        Assert.Equal("application/json", result.AcknowledgementContentType);
        Assert.Equal(
            new SmsDeliveryReport
            {
                ConnectorName = "tencent",
                Provider = "Tencent",
                MessageId = "2433:330057641111111111111111",
                Status = SmsDeliveryStatus.Delivered,
                VendorStatus = "SUCCESS",
                VendorErrorCode = "DELIVRD",
                VendorTime = new DateTimeOffset(2015, 10, 17, 8, 3, 4, TimeSpan.FromHours(8)),
                Recipient = "+8613800138000",
            },
            Assert.Single(result.Reports));
    }

    [Fact]
    public void Several_reports_in_one_callback_keep_their_order()
    {
        const string Body = """
            [{"user_receive_time":"2026-03-01 20:00:05","nationcode":"86","mobile":"13800138000","report_status":"SUCCESS","errmsg":"DELIVRD","description":"ok","sid":"s-1"},
             {"user_receive_time":"2026-03-01 20:00:09","nationcode":"86","mobile":"13800138001","report_status":"FAIL","errmsg":"UNDELIV","description":"failed","sid":"s-2"},
             {"report_status":"SOMETHING","sid":"s-3"}]
            """;

        var result = TencentDeliveryReports.Read("tencent", Request(Body, $"?token={Token}"), Options());

        Assert.Equal(
            [("s-1", SmsDeliveryStatus.Delivered, "DELIVRD"), ("s-2", SmsDeliveryStatus.Failed, "UNDELIV"), ("s-3", SmsDeliveryStatus.Unknown, null)],
            result.Reports.Select(r => (r.MessageId, r.Status, r.VendorErrorCode)));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 9, TimeSpan.Zero), result.Reports[1].VendorTime);
        Assert.Null(result.Reports[2].VendorTime);
        Assert.Null(result.Reports[2].Recipient);
    }

    [Fact]
    public void An_empty_callback_is_acknowledged_without_reports()
    {
        var result = TencentDeliveryReports.Read("tencent", Request("[]", $"?token={Token}"), Options());

        Assert.True(result.IsAccepted);
        Assert.Empty(result.Reports);
        Assert.Equal("""{"result":0,"errmsg":"OK"}""", result.Acknowledgement);
    }

    [Theory]
    [InlineData("", "has no 'token'")]
    [InlineData("?token=", "has no 'token'")]
    [InlineData("?tok=cb-token-6f1d2a9e4b7c3058", "has no 'token'")]
    [InlineData("?token=cb-token-6f1d2a9e4b7c3059", "is not the connector's 'callbackToken'")]
    [InlineData("?token=cb-token-6f1d2a9e4b7c305", "is not the connector's 'callbackToken'")]
    [InlineData("?token=CB-TOKEN-6F1D2A9E4B7C3058", "is not the connector's 'callbackToken'")]
    public void A_missing_or_wrong_token_is_refused(string query, string reason)
    {
        var result = TencentDeliveryReports.Read("tencent", Request(Callback, query), Options());

        Assert.Equal(401, result.StatusCode);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_configured_token_every_callback_is_refused()
    {
        var result = TencentDeliveryReports.Read("tencent", Request(Callback, "?token=anything-at-all-here"), Options(token: null));

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("no 'callbackToken'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_is_read_from_the_query_the_framework_gives()
    {
        var request = new SmsDeliveryReportRequest("POST", "http://localhost/sms/delivery-reports/tencent", Encoding.UTF8.GetBytes(Callback), _ => null, name => name == "token" ? Token : null);

        Assert.True(TencentDeliveryReports.Read("tencent", request, Options()).IsAccepted);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"sid":"1","report_status":"SUCCESS"}""", "JSON array")]
    [InlineData("""[1]""", "report 0 of the Tencent status callback is not a JSON object")]
    [InlineData("""[{"sid":"1","report_status":"SUCCESS"},{"report_status":"SUCCESS"}]""", "report 1 of the Tencent status callback has no 'sid'")]
    [InlineData("""[{"sid":"1"}]""", "has no 'report_status'")]
    public void A_body_that_is_not_a_status_callback_is_refused_with_400(string body, string reason)
    {
        var result = TencentDeliveryReports.Parse("tencent", Encoding.UTF8.GetBytes(body));

        Assert.Equal(400, result.StatusCode);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("86", "13800138000", "+8613800138000")]
    [InlineData(null, "13800138000", "13800138000")]
    [InlineData("86", "+8613800138000", "+8613800138000")]
    [InlineData("86", null, null)]
    public void The_recipient_is_the_country_code_and_number_tencent_gives(string? nationCode, string? mobile, string? expected)
    {
        Assert.Equal(expected, TencentDeliveryReports.RecipientOf(nationCode, mobile));
    }

    [Fact]
    public void The_callback_token_binds_from_its_camel_case_key_and_is_declared_a_secret()
    {
        using var provider = TencentTestHost.Build(mock: null, configure: o => o.CallbackToken = Token);

        var options = provider.GetRequiredService<IOptionsMonitor<TencentOptions>>().Get(TencentTestHost.Name);
        Assert.Contains(Token, options.Secrets());

        using var bound = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json($$"""
            { "SmsConnectors": { "Connectors": { "tencent": { "Provider": "Tencent", "accessKeyId": "id", "accessKeySecret": "key", "signName": "s",
              "sdkAppId": "1400006666", "region": "ap-guangzhou", "callbackToken": "{{Token}}",
              "templates": [ { "usageType": "SignIn", "templateCode": "1" }, { "usageType": "Register", "templateCode": "2" },
                             { "usageType": "ForgotPassword", "templateCode": "3" }, { "usageType": "Generic", "templateCode": "4" } ] } } } }
            """).GetSection("SmsConnectors")));
        Assert.Equal(Token, bound.GetRequiredService<IOptionsMonitor<TencentOptions>>().Get("tencent").CallbackToken);
    }

    [Theory]
    [InlineData("short-token")]
    [InlineData("token with spaces in it")]
    [InlineData("token&with=query-characters")]
    public void A_short_or_not_url_safe_token_fails_startup(string token)
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddTencent("tencent", o =>
        {
            TencentTestHost.Configure(o);
            o.CallbackToken = token;
        }));

        var failure = Assert.Single(failures);
        Assert.Contains("'callbackToken' must be at least 16 characters", failure, StringComparison.Ordinal);
        Assert.DoesNotContain(token, failure, StringComparison.Ordinal);
    }

    private static TencentOptions Options(string? token = Token)
    {
        var options = new TencentOptions();
        TencentTestHost.Configure(options);
        options.CallbackToken = token;
        return options;
    }

    private static SmsDeliveryReportRequest Request(string body, string query) =>
        new("POST", "https://api.example.com/sms/delivery-reports/tencent" + query, Encoding.UTF8.GetBytes(body), _ => null);
}
