using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Http;
using SmsConnectors.Tests.Tencent;

namespace SmsConnectors.Tests.AspNetCore.DeliveryReports;

/// <summary>
/// What the endpoint does around the vendors' checks: unknown connectors and connectors without
/// reports, the body cap, failing handlers, logging (every refusal with its reason, never a full
/// number) and metrics.
/// </summary>
public sealed class DeliveryReportEndpointTests
{
    private const string Token = TencentDeliveryReportTests.Token;

    [Fact]
    public async Task An_unknown_connector_is_404_and_logged()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();

        var response = await app.PostAsync("nope", TencentDeliveryReportTests.Callback, query: $"?token={Token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(app.EndpointLogs);
        Assert.Equal((LogLevel.Warning, 102), (line.Level, line.EventId.Id));
        Assert.Equal("An SMS delivery report call for connector 'nope' was refused with 404: no SMS connector has that name.", line.Message);
    }

    [Fact]
    public async Task A_number_in_the_url_is_not_logged()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();

        var response = await app.PostAsync("+4915112345678", "[]");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(app.EndpointLogs);
        Assert.Equal("An SMS delivery report call for connector (a name from the URL that is not shown) was refused with 404: no SMS connector has that name.", line.Message);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("both")]
    public async Task An_outbox_or_failover_connector_takes_no_reports_and_is_404(string name)
    {
        await using var app = await DeliveryReportApp.StartAsync(sms => sms
            .AddOutbox("dev")
            .AddTencent("tencent", o =>
            {
                TencentTestHost.Configure(o);
                o.CallbackToken = Token;
            })
            .AddFailover("both", o => o.Connectors = ["tencent", "dev"])
            .SetDefaultConnector("both"));

        var response = await app.PostAsync(name, TencentDeliveryReportTests.Callback, query: $"?token={Token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            $"An SMS delivery report call for connector '{name}' was refused with 404: the connector takes no delivery reports (Seven, Tencent Cloud SMS and Generic HTTP connectors do).",
            Assert.Single(app.EndpointLogs).Message);
    }

    [Fact]
    public async Task Connector_names_in_the_url_are_case_insensitive_and_reports_carry_the_registered_name()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();

        var response = await app.PostAsync("TENCENT", TencentDeliveryReportTests.Callback, query: $"?token={Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tencent", Assert.Single(app.Handler!.Reports).ConnectorName);
    }

    [Fact]
    public async Task A_body_over_64_kib_is_413_by_its_content_length()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();
        var body = new ByteArrayContent(new byte[(64 * 1024) + 1]);

        var response = await app.PostAsync("tencent", body, query: $"?token={Token}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(
            "An SMS delivery report call for connector 'tencent' was refused with 413: the body is 65537 bytes, more than the 65536 allowed.",
            Assert.Single(app.EndpointLogs).Message);
    }

    [Fact]
    public async Task A_body_over_64_kib_without_a_content_length_is_413_once_read()
    {
        long? seenLength = -1;
        await using var app = await DeliveryReportApp.StartAsync(
            sms => sms.AddTencent("tencent", o =>
            {
                TencentDeliveryReportTests_Configure(o);
            }),
            beforeMap: a => a.Use((context, next) =>
            {
                seenLength = context.Request.ContentLength;
                return next(context);
            }));

        var response = await app.PostAsync("tencent", new UnknownLengthContent(new byte[(64 * 1024) + 1]), query: $"?token={Token}");

        Assert.Null(seenLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(
            "An SMS delivery report call for connector 'tencent' was refused with 413: the body is more than the 65536 bytes allowed.",
            Assert.Single(app.EndpointLogs).Message);
    }

    [Fact]
    public async Task A_body_of_exactly_64_kib_is_read()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();
        var padding = new string(' ', (64 * 1024) - TencentDeliveryReportTests.Callback.Length);

        var chunked = await app.PostAsync("tencent", new UnknownLengthContent(System.Text.Encoding.UTF8.GetBytes(TencentDeliveryReportTests.Callback + padding)), query: $"?token={Token}");

        Assert.Equal(HttpStatusCode.OK, chunked.StatusCode);
        Assert.Single(app.Handler!.Reports);
    }

    [Fact]
    public async Task A_throwing_handler_gives_500_and_its_failure_is_logged_without_the_number()
    {
        await using var app = await HttpDeliveryReportEndpointTests.StartAsync();
        app.Handler!.OnReport = report => throw new InvalidOperationException($"No message {report.MessageId} for {report.Recipient} (national 015112345678, digits 4915112345678).");

        var response = await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", HttpDeliveryReportTests.Signature)]);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = Assert.Single(app.EndpointLogs, l => l.Level == LogLevel.Error);
        Assert.Equal(103, error.EventId.Id);
        Assert.StartsWith(
            "The delivery report handler SmsConnectors.Tests.AspNetCore.DeliveryReports.RecordingHandler failed on the report of message relay-7 from SMS connector 'hook' to +491********78, so the call was answered 500 and the vendor will send it again. System.InvalidOperationException: No message relay-7 for +491********78 (national 015*******78, digits 491********78).",
            error.Message,
            StringComparison.Ordinal);
        Assert.Null(error.Exception);
        Assert.All(app.Logs.Lines, line => Assert.DoesNotContain("5112345678", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_connector_that_cannot_read_gives_500_and_is_logged()
    {
        await using var app = await HttpDeliveryReportEndpointTests.StartAsync();
        ((IDisposable)app.Connector("hook")).Dispose();

        var response = await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", HttpDeliveryReportTests.Signature)]);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = Assert.Single(app.EndpointLogs, l => l.Level == LogLevel.Error);
        Assert.Equal(104, error.EventId.Id);
        Assert.Contains("ObjectDisposedException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_handler_reports_are_still_verified_counted_and_logged_at_information()
    {
        await using var app = await HttpDeliveryReportEndpointTests.StartAsync(withHandler: false);
        using var metrics = new MeasurementRecorder(app.App.Services);

        var forged = await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", "sha256=" + new string('1', 64))]);
        var signed = await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", HttpDeliveryReportTests.Signature)]);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (forged.StatusCode, signed.StatusCode));
        var line = Assert.Single(app.EndpointLogs, l => l.EventId.Id == 100);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("SMS connector 'hook' reported message relay-7: Delivered (vendor status delivered, vendor code none, at 2026-03-01T12:00:05.0000000+00:00) to +491********78.", line.Message);
        Assert.Equal(["sms.connector=hook,sms.delivery_status=delivered,sms.provider=Http: 1"], metrics.Sums("sms.delivery_reports"));
    }

    [Fact]
    public async Task With_a_handler_each_report_is_logged_at_debug()
    {
        await using var app = await HttpDeliveryReportEndpointTests.StartAsync();

        await app.PostAsync("hook", HttpDeliveryReportTests.Body, [("X-Sms-Signature", HttpDeliveryReportTests.Signature)]);

        Assert.Equal(LogLevel.Debug, Assert.Single(app.EndpointLogs, l => l.EventId.Id == 100).Level);
    }

    [Fact]
    public async Task Reports_and_refusals_are_counted_with_bounded_tags()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();
        using var metrics = new MeasurementRecorder(app.App.Services);
        const string Callback = """
            [{"report_status":"SUCCESS","sid":"a"},{"report_status":"SUCCESS","sid":"b"},{"report_status":"FAIL","sid":"c"}]
            """;

        await app.PostAsync("tencent", Callback, query: $"?token={Token}");
        await app.PostAsync("tencent", Callback, query: "?token=wrong-token-0000000000");
        await app.PostAsync("tencent", "{}", query: $"?token={Token}");
        await app.PostAsync("somebody-else", Callback);

        Assert.Equal(
            [
                "sms.connector=tencent,sms.delivery_status=delivered,sms.provider=Tencent: 2",
                "sms.connector=tencent,sms.delivery_status=failed,sms.provider=Tencent: 1",
            ],
            metrics.Sums("sms.delivery_reports"));
        Assert.Equal(
            [
                "http.response.status_code=400,sms.connector=tencent: 1",
                "http.response.status_code=401,sms.connector=tencent: 1",
                "http.response.status_code=404: 1",
            ],
            metrics.Sums("sms.delivery_report.refusals"));
    }

    [Fact]
    public async Task Every_refusal_is_logged_with_its_reason_and_no_secret()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();

        HttpStatusCode[] statuses =
        [
            (await app.PostAsync("tencent", "[]", query: "?token=wrong-token-0000000000")).StatusCode,
            (await app.PostAsync("tencent", "[]")).StatusCode,
            (await app.PostAsync("tencent", "nope", query: $"?token={Token}")).StatusCode,
            (await app.PostAsync("elsewhere", "[]")).StatusCode,
            (await app.PostAsync("tencent", new ByteArrayContent(new byte[70_000]), query: $"?token={Token}")).StatusCode,
        ];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.RequestEntityTooLarge], statuses);
        var warnings = app.EndpointLogs.Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, w => Assert.Matches("was refused with (400|401|404|413): .{10,}\\.$", w.Message));
        Assert.All(app.Logs.Entries.Where(e => !e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)), e => Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_post_is_mapped()
    {
        await using var app = await TencentDeliveryReportEndpointTests.StartAsync();

        var response = await app.Client.GetAsync($"{DeliveryReportApp.Path}/tencent?token={Token}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task The_mapping_returns_a_convention_builder_for_the_apps_own_metadata()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSmsConnectors().AddOutbox("dev");
        await using var app = builder.Build();
        var marker = new object();

        app.MapSmsDeliveryReports("/hooks/sms/").WithMetadata(marker);

        var endpoint = Assert.Single(((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>());
        Assert.Equal("/hooks/sms/{connector}", endpoint.RoutePattern.RawText);
        Assert.Contains(marker, endpoint.Metadata);
        Assert.Equal(["POST"], endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods);
    }

    [Fact]
    public async Task Mapping_needs_add_sms_connectors_and_an_absolute_public_base_url()
    {
        var bare = WebApplication.CreateSlimBuilder();
        bare.WebHost.UseTestServer();
        await using var withoutConnectors = bare.Build();
        Assert.Contains("AddSmsConnectors", Assert.Throws<InvalidOperationException>(() => withoutConnectors.MapSmsDeliveryReports("/sms/delivery-reports")).Message, StringComparison.Ordinal);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSmsConnectors().AddOutbox("dev");
        await using var app = builder.Build();
        Assert.Throws<ArgumentException>(() => app.MapSmsDeliveryReports("/sms/delivery-reports", o => o.PublicBaseUrl = new Uri("/relative", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => app.MapSmsDeliveryReports("/sms/delivery-reports", o => o.PublicBaseUrl = new Uri("ftp://files.example.com")));
        Assert.Throws<ArgumentException>(() => app.MapSmsDeliveryReports("/sms/delivery-reports", o => o.PublicBaseUrl = new Uri("https://api.example.com/?a=1")));
    }

    private static void TencentDeliveryReportTests_Configure(SmsConnectors.Tencent.TencentOptions options)
    {
        TencentTestHost.Configure(options);
        options.CallbackToken = Token;
    }

    /// <summary>A body whose length is not known up front, so it is sent without Content-Length.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
