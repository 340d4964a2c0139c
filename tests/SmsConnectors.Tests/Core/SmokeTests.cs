using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Outbox;

namespace SmsConnectors.Tests.Core;

public class SmokeTests
{
    [Fact]
    public async Task Outbox_from_configuration_keeps_rendered_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
            ["SmsConnectors:Connectors:dev:templates:0:usageType"] = "SignIn",
            ["SmsConnectors:Connectors:dev:templates:0:content"] = "Sign in with {{ code }}",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSmsConnectors(configuration.GetSection("SmsConnectors"));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var connector = provider.GetRequiredService<ISmsConnector>();
        var result = await connector.SendAsync(SmsMessage.ForCode("+49 151 1234 5678", SmsUsageType.SignIn, "123456"));
        var message = Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages);
        Assert.Equal("Sign in with 123456", message.Text);
        Assert.Equal("+4915112345678", message.To);
        Assert.Equal("dev", result.ConnectorName);
    }
}
