using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

/// <summary>Startup and configuration messages say each thing once.</summary>
public class StartupMessageTests
{
    [Fact]
    public void An_unknown_provider_gives_one_error_without_a_knock_on_error_about_the_default()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json("""
            { "SmsConnectors": { "DefaultConnector": "seven", "Connectors": { "seven": { "Provider": "Sevn", "apiKey": "k" } } } }
            """).GetSection("SmsConnectors")));

        var failure = Assert.Single(failures);
        Assert.StartsWith("SMS connector 'seven': 'Provider' is 'Sevn', which is not known; one of: Seven, Tencent, SmsAero, Http, Outbox, Failover, Router.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_failure_names_the_connector_once()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSmsConnectors().AddOutbox("dev", o => o.Capacity = 0);
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1")));

        Assert.Equal(SmsErrorCode.InvalidConfig, error.Code);
        Assert.Equal("SMS connector 'dev': 'capacity' must be at least 1.", error.Message);
    }
}
