using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Http;

namespace SmsConnectors.Tests.AspNetCore.DeliveryReports;

/// <summary>
/// Generic HTTP end to end: a message sent through a Generic HTTP connector to your relay (played by
/// MockHttp, which answers the message's id), then the relay's signed report for that id.
/// </summary>
public sealed class HttpDeliveryReportEndpointTests
{
    [Fact]
    public async Task A_sent_message_is_reported_under_the_id_the_relay_answered()
    {
        await using var app = await StartAsync();
        var sent = await app.Connector("hook").SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "493817"));

        var response = await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", HttpDeliveryReportTests.Signature)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = Assert.Single(app.Handler!.Reports);
        Assert.Equal(sent.MessageId, report.MessageId);
        Assert.Equal(("hook", "Http", SmsDeliveryStatus.Delivered, "+4915112345678"), (report.ConnectorName, report.Provider, report.Status, report.Recipient));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_with_401()
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", "sha256=" + new string('0', 64))]);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Handler!.Reports);
    }

    [Fact]
    public async Task Several_reports_in_one_call_reach_the_handler_in_order()
    {
        await using var app = await StartAsync();

        var response = await app.PostAsync("hook", HttpDeliveryReportTests.ArrayBody, [("X-Sms-Signature", HttpDeliveryReportTests.ArraySignature)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["relay-7", "relay-8"], app.Handler!.Reports.Select(r => r.MessageId));
    }

    internal static Task<DeliveryReportApp> StartAsync(bool withHandler = true) =>
        DeliveryReportApp.StartAsync(
            sms => sms.AddHttp("hook", o =>
            {
                o.Endpoint = "https://relay.example.com/sms";
                o.WebhookSecret = HttpDeliveryReportTests.Secret;
            }),
            DeliveryReportApp.Vendor("""{"id":"relay-7"}"""),
            ["hook"],
            withHandler: withHandler);
}
