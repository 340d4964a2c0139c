using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary><c>/health</c> lists one check per configured connector, with its status and data as JSON.</summary>
public sealed class SampleHealthTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Health_reports_each_configured_connector_by_name()
    {
        await using var vendor = await LoopbackServer.StartAsync(200, "application/json", "{}");
        await using var sample = await SampleServer.StartAsync(_time, settings:
        [
            "--SmsConnectors:Connectors:hook:Provider=Http",
            $"--SmsConnectors:Connectors:hook:endpoint={vendor.BaseAddress}sms",
        ]);

        var response = await sample.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        Assert.Equal(
            ["sms:dev Healthy connector=dev provider=Outbox", "sms:hook Healthy connector=hook provider=Http"],
            Checks(health).Select(check => $"{check.Name} {check.Status} connector={check.Data["connector"]} provider={check.Data["provider"]}"));
        Assert.Empty(vendor.Requests);
    }

    [Fact]
    public async Task A_balance_below_the_minimum_is_degraded_with_the_reason_and_the_balance()
    {
        await using var seven = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"amount":2.5,"currency":"EUR"}""");
        });
        await using var sample = await SampleServer.StartAsync(_time, settings:
        [
            "--SmsConnectors:Connectors:seven:Provider=Seven",
            "--SmsConnectors:Connectors:seven:apiKey=test-key",
            $"--SmsConnectors:Connectors:seven:BaseUrl={seven.BaseAddress}api",
            "--SmsConnectors:Connectors:seven:templates:0:usageType=Generic",
            "--SmsConnectors:Connectors:seven:templates:0:content=Your code is {{code}}",
            "--SmsConnectors:Connectors:seven:HealthCheck:CheckBalance=true",
            "--SmsConnectors:Connectors:seven:HealthCheck:MinimumBalance=5",
        ]);

        var first = await sample.Client.GetAsync("/health");
        var second = await sample.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var health = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", health.RootElement.GetProperty("status").GetString());
        var check = Assert.Single(Checks(health), check => check.Name == "sms:seven");
        Assert.Equal("Degraded", check.Status);
        Assert.Equal(("seven", "Seven", "2.5", "EUR"), (check.Data["connector"], check.Data["provider"], check.Data["balance"], check.Data["currency"]));
        Assert.Equal("The balance (2.5) is below the minimum of 5.", check.Data["reason"]);
        Assert.DoesNotContain("test-key", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var balanceRead = Assert.Single(seven.Requests);
        Assert.Equal("/api/balance", balanceRead.Path);
    }

    private static List<(string Name, string Status, Dictionary<string, string> Data)> Checks(JsonDocument health) =>
        [.. health.RootElement.GetProperty("checks").EnumerateArray().Select(check => (
            check.GetProperty("name").GetString()!,
            check.GetProperty("status").GetString()!,
            check.GetProperty("data").EnumerateObject().ToDictionary(property => property.Name, property => property.Value.ToString())))];
}
