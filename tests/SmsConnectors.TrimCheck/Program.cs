using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Outbox;

// Binds every provider from configuration and sends through the Outbox, as a trimmed app would.
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["SmsConnectors:DefaultConnector"] = "route",
    ["SmsConnectors:Connectors:route:Provider"] = "Router",
    ["SmsConnectors:Connectors:route:routes:0:prefix"] = "+86",
    ["SmsConnectors:Connectors:route:routes:0:connector"] = "tencent",
    ["SmsConnectors:Connectors:route:fallback"] = "first",
    ["SmsConnectors:Connectors:first:Provider"] = "Failover",
    ["SmsConnectors:Connectors:first:connectors:0"] = "dev",
    ["SmsConnectors:Connectors:first:connectors:1"] = "seven",
    ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
    ["SmsConnectors:Connectors:dev:templates:0:usageType"] = "Generic",
    ["SmsConnectors:Connectors:dev:templates:0:content"] = "Your code is {{code}}",
    ["SmsConnectors:Connectors:seven:Provider"] = "Seven",
    ["SmsConnectors:Connectors:seven:apiKey"] = "key",
    ["SmsConnectors:Connectors:seven:templates:0:usageType"] = "Generic",
    ["SmsConnectors:Connectors:seven:templates:0:content"] = "{{code}}",
    ["SmsConnectors:Connectors:seven:Resilience:Retry:MaxRetryAttempts"] = "1",
    ["SmsConnectors:Connectors:aero:Provider"] = "SmsAero",
    ["SmsConnectors:Connectors:aero:email"] = "owner@example.com",
    ["SmsConnectors:Connectors:aero:apiKey"] = "key",
    ["SmsConnectors:Connectors:hook:Provider"] = "Http",
    ["SmsConnectors:Connectors:hook:endpoint"] = "https://relay.example.com/sms",
    ["SmsConnectors:Connectors:hook:bodyParameters:text"] = "{{message}}",
    ["SmsConnectors:Connectors:tencent:Provider"] = "Tencent",
    ["SmsConnectors:Connectors:tencent:accessKeyId"] = "id",
    ["SmsConnectors:Connectors:tencent:accessKeySecret"] = "secret",
    ["SmsConnectors:Connectors:tencent:signName"] = "sign",
    ["SmsConnectors:Connectors:tencent:sdkAppId"] = "1400000000",
    ["SmsConnectors:Connectors:tencent:region"] = "ap-guangzhou",
}).Build();
foreach (var (usageType, index) in new[] { "Register", "SignIn", "ForgotPassword", "Generic" }.Select((t, i) => (t, i)))
{
    configuration[$"SmsConnectors:Connectors:aero:templates:{index}:usageType"] = usageType;
    configuration[$"SmsConnectors:Connectors:aero:templates:{index}:content"] = "{{code}}";
    configuration[$"SmsConnectors:Connectors:tencent:templates:{index}:usageType"] = usageType;
    configuration[$"SmsConnectors:Connectors:tencent:templates:{index}:templateCode"] = $"10000{index}";
}

var services = new ServiceCollection().AddLogging();
services.AddSmsConnectors(configuration.GetSection("SmsConnectors"));
await using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate();

var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456"));
var text = provider.GetRequiredService<ISmsOutbox>().Messages.Single().Text;
Console.WriteLine($"{result.ConnectorName}: {text}");
return result.ConnectorName == "dev" && text == "Your code is 123456" ? 0 : 1;
