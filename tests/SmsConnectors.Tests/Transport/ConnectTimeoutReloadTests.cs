using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Transport;

/// <summary>A reloaded <c>ConnectTimeout</c> applies to the next connection the connector opens.</summary>
[Collection(TimingSensitive.Name)]
public class ConnectTimeoutReloadTests
{
    [Fact]
    public async Task A_changed_connect_timeout_applies_to_connections_opened_after_the_reload()
    {
        using var backlog = FullBacklog.Create();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(backlog.Address, "00:00:00.150")).Build();
        await using var provider = TestHost.Build(services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")));
        var connector = provider.GetRequiredService<ISmsConnector>();

        var (shortError, shortWait) = await FailTimedAsync(connector);
        ReplaceSettings(configuration, Settings(backlog.Address, "00:00:01.500"));
        var (longError, longWait) = await FailTimedAsync(connector);

        Assert.All([shortError, longError], error =>
        {
            Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
            Assert.False(error.MayHaveBeenSent);
        });
        Assert.InRange(shortWait, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1.2));
        Assert.InRange(longWait, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(4));
    }

    private static Dictionary<string, string?> Settings(Uri address, string connectTimeout) => new()
    {
        ["SmsConnectors:Connectors:seven:Provider"] = "Seven",
        ["SmsConnectors:Connectors:seven:apiKey"] = "key",
        ["SmsConnectors:Connectors:seven:BaseUrl"] = address.AbsoluteUri.TrimEnd('/'),
        ["SmsConnectors:Connectors:seven:templates:0:usageType"] = "Generic",
        ["SmsConnectors:Connectors:seven:templates:0:content"] = "Code {{code}}",
        ["SmsConnectors:Connectors:seven:Resilience:ConnectTimeout"] = connectTimeout,
        ["SmsConnectors:Connectors:seven:Resilience:Retry:MaxRetryAttempts"] = "0",
        ["SmsConnectors:Connectors:seven:Resilience:CircuitBreaker:Enabled"] = "false",
    };

    private static void ReplaceSettings(IConfigurationRoot configuration, Dictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        configuration.Reload();
    }

    private static async Task<(SmsConnectorException Error, TimeSpan Elapsed)> FailTimedAsync(ISmsConnector connector)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1")));
        return (error, watch.Elapsed);
    }
}
