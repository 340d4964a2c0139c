using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Http;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// The sample maps <c>/sms/delivery-reports</c> and logs each verified report with its
/// <c>DeliveryReportLogger</c>, the number masked; here with a Generic HTTP connector added to its configuration.
/// </summary>
public sealed class SampleDeliveryReportTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private SampleServer _sample = null!;

    public async Task InitializeAsync() => _sample = await SampleServer.StartAsync(
        new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)),
        [
            "--SmsConnectors:Connectors:hook:Provider=Http",
            "--SmsConnectors:Connectors:hook:endpoint=https://relay.example.com/sms",
            $"--SmsConnectors:Connectors:hook:webhookSecret={HttpDeliveryReportTests.Secret}",
        ],
        _logs);

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public async Task A_signed_report_is_logged_by_the_samples_handler_with_the_number_masked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/delivery-reports/hook") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(HttpDeliveryReportTests.Body)) };
        request.Headers.Add("X-Sms-Signature", HttpDeliveryReportTests.Signature);

        var response = await _sample.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = Assert.Single(_logs.Entries, e => e.Category == "SmsConnectors.Samples.WebApi.DeliveryReportLogger");
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("Message relay-7 sent through 'hook' is Delivered (vendor status delivered, recipient +491********78).", line.Message);
        Assert.All(_logs.Lines, l => Assert.DoesNotContain("4915112345678", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_samples_outbox_connector_takes_no_reports()
    {
        var response = await _sample.Client.PostAsync("/sms/delivery-reports/dev", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(_logs.Entries, e => e.Category == "SmsConnectors.AspNetCore" && e.Level == LogLevel.Warning && e.Message.Contains("takes no delivery reports", StringComparison.Ordinal));
    }
}
