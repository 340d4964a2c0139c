using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Tencent;

namespace SmsConnectors.Tests.AspNetCore.DeliveryReports;

/// <summary>
/// Tencent Cloud SMS end to end: a message sent through a Tencent connector (Tencent played by
/// MockHttp), then Tencent's status callback for its <c>SerialNo</c> posted to the callback URL with the token.
/// </summary>
public sealed class TencentDeliveryReportEndpointTests
{
    private const string SerialNo = "2433:330057641111111111111111";

    [Fact]
    public async Task A_sent_message_is_reported_under_its_serial_number_and_tencent_gets_its_acknowledgement()
    {
        await using var app = await StartAsync();
        var sent = await app.Connector("tencent").SendAsync(TencentTestHost.Message());
        Assert.Equal(SerialNo, sent.MessageId);
        var callback = $$"""
            [{"user_receive_time":"2026-03-01 20:00:05","nationcode":"86","mobile":"18511122233","report_status":"SUCCESS","errmsg":"DELIVRD","description":"ok","sid":"{{sent.MessageId}}"},
             {"user_receive_time":"2026-03-01 20:00:07","nationcode":"86","mobile":"18511122234","report_status":"FAIL","errmsg":"UNDELIV","description":"failed","sid":"2433:330057642222222222222222"}]
            """;

        var response = await app.PostAsync("tencent", callback, query: $"?token={TencentDeliveryReportTests.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"result":0,"errmsg":"OK"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            [(sent.MessageId!, SmsDeliveryStatus.Delivered, "+8618511122233"), ("2433:330057642222222222222222", SmsDeliveryStatus.Failed, "+8618511122234")],
            app.Handler!.Reports.Select(r => (r.MessageId, r.Status, r.Recipient)));
        Assert.All(app.Logs.Lines, line => Assert.DoesNotContain("18511122233", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?token=cb-token-6f1d2a9e4b7c3059")]
    public async Task A_missing_or_wrong_token_is_refused_with_401(string query)
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync("tencent", TencentDeliveryReportTests.Callback, query: query);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Handler!.Reports);
        var line = Assert.Single(app.EndpointLogs, l => l.Level == LogLevel.Warning);
        Assert.StartsWith("An SMS delivery report call for connector 'tencent' was refused with 401: the callback URL", line.Message, StringComparison.Ordinal);
        Assert.All(app.EndpointLogs, l => Assert.DoesNotContain(TencentDeliveryReportTests.Token, l.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_configured_token_tencent_reports_are_refused()
    {
        await using var app = await StartAsync(token: null);

        var response = await app.PostAsync("tencent", TencentDeliveryReportTests.Callback, query: $"?token={TencentDeliveryReportTests.Token}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(app.EndpointLogs, l => l.Level == LogLevel.Warning && l.Message.Contains("no 'callbackToken'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_a_callback_is_refused_with_400()
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync("tencent", """{"sid":"1"}""", query: $"?token={TencentDeliveryReportTests.Token}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(app.EndpointLogs, l => l.Level == LogLevel.Warning && l.Message.EndsWith("refused with 400: the body is not a Tencent status callback: a JSON array of reports is expected.", StringComparison.Ordinal));
    }

    internal static Task<DeliveryReportApp> StartAsync(string? token = TencentDeliveryReportTests.Token, bool withHandler = true) =>
        DeliveryReportApp.StartAsync(
            sms => sms.AddTencent("tencent", o =>
            {
                TencentTestHost.Configure(o);
                o.CallbackToken = token;
            }),
            DeliveryReportApp.Vendor(TencentTestHost.Success(serialNo: SerialNo)),
            ["tencent"],
            withHandler: withHandler);
}
