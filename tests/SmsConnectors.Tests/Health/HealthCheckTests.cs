using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Health;

/// <summary>One health check per connector: healthy, degraded or unhealthy for the reasons operators need, never with a secret.</summary>
public class HealthCheckTests
{
    private const string Number = "+4915112345678";
    private const string Key = "seven-live-key-4711";

    [Fact]
    public async Task Each_connector_has_a_check_named_after_it_and_healthy_when_it_can_send()
    {
        await using var provider = TestHost.Build(services =>
        {
            services.AddHealthChecks().AddSmsConnectors();
            services.AddSmsConnectors().AddOutbox("dev").AddSeven("seven", Seven).AddFailover("both", o => o.Connectors = ["seven", "dev"]).SetDefaultConnector("both");
        });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["sms:both", "sms:dev", "sms:seven"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        Assert.Equal("Seven", report.Entries["sms:seven"].Data["provider"]);
        Assert.Equal("closed", report.Entries["sms:seven"].Data["circuit"]);
        Assert.Equal(["sms"], report.Entries["sms:dev"].Tags);
    }

    [Fact]
    public async Task An_open_circuit_is_degraded()
    {
        var mock = new MockHttpMessageHandler();
        mock.RecordAll(HttpStatusCode.ServiceUnavailable, "busy");
        await using var provider = TestHost.Build(
            services =>
            {
                services.AddHealthChecks().AddSmsConnectors();
                services.AddSmsConnectors().AddHttp("hook", o =>
                {
                    o.Endpoint = "https://hooks.example.com/sms";
                    o.Resilience.Retry.MaxRetryAttempts = 0;
                    o.Resilience.CircuitBreaker.MinimumThroughput = 2;
                });
            },
            mock,
            ["hook"]);
        var connector = provider.GetRequiredService<ISmsConnector>();
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1")));
        }

        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["sms:hook"];

        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal("open", entry.Data["circuit"]);
        Assert.Contains("circuit breaker is open", (string)entry.Data["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_on_the_last_valid_configuration_after_a_rejected_reload_is_degraded_and_says_why()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
        }).Build();
        await using var provider = TestHost.Build(services =>
        {
            services.AddHealthChecks().AddSmsConnectors();
            services.AddSmsConnectors(configuration.GetSection("SmsConnectors"));
        });
        var health = provider.GetRequiredService<HealthCheckService>();
        var before = (await health.CheckHealthAsync()).Entries["sms:dev"];

        configuration["SmsConnectors:Connectors:dev:capacity"] = "0";
        configuration.Reload();
        var after = (await health.CheckHealthAsync()).Entries["sms:dev"];

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Degraded, after.Status);
        Assert.Contains("'capacity' must be at least 1", (string)after.Data["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connector_that_never_had_a_valid_configuration_is_unhealthy()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHealthChecks().AddSmsConnectors();
        services.AddSmsConnectors().AddSeven("seven", o => o.Templates = [new() { UsageType = "Generic", Content = "Code {{code}}" }]);
        await using var provider = services.BuildServiceProvider();

        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["sms:seven"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("'apiKey' is required", (string)entry.Data["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_balance_below_the_minimum_is_degraded_and_read_at_most_once_per_interval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
        var mock = new MockHttpMessageHandler();
        var balanceReads = mock.When(HttpMethod.Get, "https://gateway.seven.io/api/balance").Record(HttpStatusCode.OK, """{"amount":3.5,"currency":"EUR"}""");
        await using var provider = TestHost.Build(
            services =>
            {
                services.AddHealthChecks().AddSmsConnectors();
                services.AddSmsConnectors().AddSeven("seven", o =>
                {
                    Seven(o);
                    o.HealthCheck = new() { CheckBalance = true, MinimumBalance = 5, Interval = TimeSpan.FromMinutes(5) };
                });
            },
            mock,
            ["seven"],
            clock);
        var health = provider.GetRequiredService<HealthCheckService>();

        var first = (await health.CheckHealthAsync()).Entries["sms:seven"];
        await health.CheckHealthAsync();
        clock.Advance(TimeSpan.FromMinutes(6));
        await health.CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, first.Status);
        Assert.Equal("3.5", first.Data["balance"]);
        Assert.Equal("EUR", first.Data["currency"]);
        Assert.Equal("The balance (3.5) is below the minimum of 5.", first.Data["reason"]);
        Assert.Equal(2, balanceReads.Count);
    }

    [Fact]
    public async Task Credentials_the_vendor_refuses_are_unhealthy_and_the_key_is_never_in_the_data()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://gateway.seven.io/api/balance").Record(HttpStatusCode.OK, "900");
        await using var provider = TestHost.Build(
            services =>
            {
                services.AddHealthChecks().AddSmsConnectors();
                services.AddSmsConnectors().AddSeven("seven", o =>
                {
                    Seven(o);
                    o.HealthCheck.CheckBalance = true;
                });
            },
            mock,
            ["seven"]);

        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["sms:seven"];

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("authentication failed", (string)entry.Data["reason"], StringComparison.Ordinal);
        Assert.All(entry.Data.Values, value => Assert.DoesNotContain(Key, value.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(Key, entry.Description ?? string.Empty, StringComparison.Ordinal);
    }

    private static void Seven(SmsConnectors.Seven.SevenOptions o) =>
        (o.ApiKey, o.Templates) = (Key, [new() { UsageType = "Generic", Content = "Code {{code}}" }]);
}
