using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

public class ConfigurationBindingTests
{
    private const string Config = """
        {
          "SmsConnectors": {
            "DefaultConnector": "dev",
            "Connectors": {
              "dev": {
                "Provider": "Outbox",
                "capacity": 5,
                "allowUnresolvedPlaceholders": true,
                "templates": [
                  { "usageType": "SignIn", "content": "Sign in with {{ code }}" },
                  { "usageType": "Generic", "locale": "de", "content": "Ihr Code: {{code}}" },
                  { "usageType": "Generic", "content": "Code: {{code}}" }
                ]
              },
              "qa": { "Provider": "outbox" }
            }
          }
        }
        """;

    private static ServiceProvider Build(string json) =>
        TestHost.Build(services => services.AddSmsConnectors(TestHost.Json(json).GetSection("SmsConnectors")));

    [Fact]
    public void Binds_each_connectors_keys_case_insensitively()
    {
        using var provider = Build(Config);

        var dev = provider.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get("dev");

        Assert.Equal(5, dev.Capacity);
        Assert.True(dev.AllowUnresolvedPlaceholders);
        Assert.Equal(3, dev.Templates.Count);
        Assert.Equal("SignIn", dev.Templates[0].UsageType);
        Assert.Null(dev.Templates[0].Locale);
        Assert.Equal("Sign in with {{ code }}", dev.Templates[0].Content);
        Assert.Equal("Generic", dev.Templates[1].UsageType);
        Assert.Equal("de", dev.Templates[1].Locale);
        Assert.Equal("Ihr Code: {{code}}", dev.Templates[1].Content);
    }

    [Fact]
    public void Binds_file_path()
    {
        using var provider = Build("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "filePath": "outbox/sms.jsonl" } } } }
            """);

        Assert.Equal("outbox/sms.jsonl", provider.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get("dev").FilePath);
    }

    [Fact]
    public void Connector_without_keys_gets_the_defaults()
    {
        using var provider = Build(Config);

        var qa = provider.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get("qa");

        Assert.Equal(100, qa.Capacity);
        Assert.Null(qa.FilePath);
        Assert.False(qa.AllowUnresolvedPlaceholders);
        Assert.Empty(qa.Templates);
    }

    [Fact]
    public void Binds_default_connector()
    {
        using var provider = Build(Config);

        Assert.Equal("dev", provider.GetRequiredService<IOptions<SmsConnectorsOptions>>().Value.DefaultConnector);
        Assert.Equal("dev", provider.GetRequiredService<ISmsConnectorProvider>().DefaultName);
    }

    [Fact]
    public void Provider_value_is_case_insensitive()
    {
        using var provider = Build(Config);

        Assert.Equal("qa", provider.GetRequiredKeyedService<ISmsConnector>("qa").Name);
    }

    [Fact]
    public async Task Bound_templates_are_used_when_sending()
    {
        using var provider = Build(Config);
        var outbox = provider.GetRequiredService<ISmsOutbox>();
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "111111"));
        await connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.Register, "222222", "de-AT"));
        await connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.Register, "333333"));

        Assert.Equal(["Sign in with 111111", "Ihr Code: 222222", "Code: 333333"], outbox.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Allow_unresolved_placeholders_from_configuration_keeps_them()
    {
        using var provider = Build("""
            {
              "SmsConnectors": {
                "Connectors": {
                  "dev": {
                    "Provider": "Outbox",
                    "AllowUnresolvedPlaceholders": "true",
                    "templates": [ { "usageType": "Generic", "content": "{{ code }} for {{ application.name }}" } ]
                  }
                }
              }
            }
            """);

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456"));

        Assert.Equal("123456 for {{ application.name }}", Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Text);
    }

    [Fact]
    public void Configuration_and_code_registrations_combine()
    {
        using var provider = TestHost.Build(services => services
            .AddSmsConnectors(TestHost.Json(Config).GetSection("SmsConnectors"))
            .AddOutbox("extra", o => o.Capacity = 2));

        var connectors = provider.GetRequiredService<ISmsConnectorProvider>();

        Assert.Equal(["dev", "qa", "extra"], connectors.Names);
        Assert.Equal(2, provider.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get("extra").Capacity);
        Assert.Equal("dev", connectors.DefaultName);
    }

    [Fact]
    public void Works_with_the_section_from_a_whole_appsettings_document()
    {
        var configuration = TestHost.Json("""
            {
              "Logging": { "LogLevel": { "Default": "Information" } },
              "AllowedHosts": "*",
              "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox" } } }
            }
            """);

        using var provider = TestHost.Build(services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        Assert.Equal("dev", provider.GetRequiredService<ISmsConnector>().Name);
    }
}
