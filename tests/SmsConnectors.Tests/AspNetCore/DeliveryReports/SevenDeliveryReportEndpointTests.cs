using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Seven;

namespace SmsConnectors.Tests.AspNetCore.DeliveryReports;

/// <summary>
/// Seven end to end: a message sent through a Seven connector (Seven played by MockHttp), then
/// Seven's signed <c>dlr</c> webhook for it posted to the app, checked with the vectors computed
/// outside the project (<see cref="SevenDeliveryReportTests"/>).
/// </summary>
public sealed class SevenDeliveryReportEndpointTests
{
    /// <summary>Seven's answer to the send: message 77230001, the id the vectors' webhook reports on.</summary>
    private const string SendAnswer = """{"success":"100","total_price":0.075,"messages":[{"id":"77230001","parts":1,"success":true}]}""";

    private const string Number = "+4915112345678";

    [Fact]
    public async Task A_sent_message_is_reported_under_the_message_id_its_send_returned()
    {
        await using var app = await StartAsync();
        var sent = await app.Connector("seven").SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "493817"));

        var response = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
        var report = Assert.Single(app.Handler!.Reports);
        Assert.Equal(sent.MessageId, report.MessageId);
        Assert.Equal(("seven", "Seven", SmsDeliveryStatus.Delivered, "DELIVERED"), (report.ConnectorName, report.Provider, report.Status, report.VendorStatus));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 59, 58, TimeSpan.Zero), report.VendorTime);
    }

    [Fact]
    public async Task A_replayed_call_is_refused_with_401_and_the_reason_logged()
    {
        await using var app = await StartAsync();
        await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));

        var replay = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Single(app.Handler!.Reports);
        var line = Assert.Single(app.EndpointLogs, l => l.Level == LogLevel.Warning);
        Assert.Equal(102, line.EventId.Id);
        Assert.Equal("An SMS delivery report call for connector 'seven' was refused with 401: its nonce was used within the last 10 minutes: a replayed call.", line.Message);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public async Task A_call_signed_more_than_five_minutes_away_is_refused(int seconds)
    {
        await using var app = await StartAsync(start: DeliveryReportApp.Now.AddSeconds(seconds));

        var response = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(app.Handler!.Reports);
        Assert.Contains(app.EndpointLogs, l => l.Level == LogLevel.Warning && l.Message.Contains("301 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_refused_and_no_secret_is_logged()
    {
        await using var app = await StartAsync();
        var wrong = "0" + SevenDeliveryReportTests.LocalSignature[1..];

        var forged = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(wrong));
        var unsigned = await app.PostAsync("seven", SevenDeliveryReportTests.Body);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (forged.StatusCode, unsigned.StatusCode));
        Assert.Empty(app.Handler!.Reports);
        Assert.Equal(2, app.EndpointLogs.Count(l => l.Level == LogLevel.Warning));
        Assert.All(app.Logs.Lines, line => Assert.DoesNotContain(SevenDeliveryReportTests.Secret, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Behind_a_proxy_the_url_from_forwarded_headers_is_the_one_verified()
    {
        await using var app = await StartAsync(
            configure: builder => builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            }),
            beforeMap: app => app.UseForwardedHeaders());
        (string, string)[] forwarded = [("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "sms.example.com")];

        var direct = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.ProxiedSignature));
        var proxied = await app.PostAsync("seven", SevenDeliveryReportTests.Body, [.. DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.ProxiedSignature), .. forwarded]);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (direct.StatusCode, proxied.StatusCode));
        Assert.Equal("77230001", Assert.Single(app.Handler!.Reports).MessageId);
    }

    [Fact]
    public async Task With_a_public_base_url_that_url_is_the_one_verified()
    {
        await using var app = await StartAsync(options: o => o.PublicBaseUrl = new Uri("https://api.example.com/base/"));

        var local = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));
        var pub = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.PublicBaseSignature));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (local.StatusCode, pub.StatusCode));
    }

    [Fact]
    public async Task When_a_handler_fails_the_call_gets_500_and_the_same_call_is_taken_when_seven_sends_it_again()
    {
        await using var app = await StartAsync();
        var failures = 1;
        app.Handler!.OnReport = _ =>
        {
            if (failures-- > 0)
            {
                throw new InvalidOperationException("The database is down.");
            }
        };

        var first = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));
        var again = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));

        Assert.Equal((HttpStatusCode.InternalServerError, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        var error = Assert.Single(app.EndpointLogs, l => l.Level == LogLevel.Error);
        Assert.Equal(103, error.EventId.Id);
        Assert.Contains("The database is down.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_signing_secret_reports_are_refused_with_the_reason_logged()
    {
        await using var app = await StartAsync(secret: null);

        var response = await app.PostAsync("seven", SevenDeliveryReportTests.Body, DeliveryReportApp.SevenHeaders(SevenDeliveryReportTests.LocalSignature));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(app.EndpointLogs, l => l.Level == LogLevel.Warning && l.Message.Contains("no 'webhookSigningSecret'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_kind_of_webhook_is_answered_200_and_logged_without_a_report()
    {
        await using var app = await StartAsync();
        const string Body = """{"webhook_event":"sms_mo","webhook_timestamp":"2026-03-01T13:00:00+01:00","data":{"id":"681590","text":"Hello"}}""";
        var signature = Convert.ToHexStringLower(SmsConnectors.Seven.SevenDeliveryReports.Sign(SevenDeliveryReportTests.Secret, SevenDeliveryReportTests.Timestamp, SevenDeliveryReportTests.Nonce, "POST", SevenDeliveryReportTests.LocalUrl, System.Text.Encoding.UTF8.GetBytes(Body)));

        var response = await app.PostAsync("seven", Body, DeliveryReportApp.SevenHeaders(signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(app.Handler!.Reports);
        var line = Assert.Single(app.EndpointLogs, l => l.EventId.Id == 101);
        Assert.Equal("SMS connector 'seven' took a call without delivery reports: it is a Seven 'sms_mo' webhook, not a delivery report ('dlr').", line.Message);
    }

    private static Task<DeliveryReportApp> StartAsync(
        string? secret = SevenDeliveryReportTests.Secret,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? beforeMap = null,
        Action<SmsConnectors.AspNetCore.SmsDeliveryReportOptions>? options = null,
        DateTimeOffset? start = null) =>
        DeliveryReportApp.StartAsync(
            sms => sms.AddSeven("seven", o =>
            {
                (o.ApiKey, o.WebhookSigningSecret) = ("seven-api-key", secret);
                o.Templates = [new() { UsageType = "Generic", Content = "Your code is {{code}}" }];
            }),
            DeliveryReportApp.Vendor(SendAnswer),
            ["seven"],
            configure: configure,
            beforeMap: beforeMap,
            options: options,
            start: start);
}
