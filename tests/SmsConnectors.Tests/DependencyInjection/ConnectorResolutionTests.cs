using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Outbox;
using SmsConnectors.Templates;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

public class ConnectorResolutionTests
{
    private static ServiceProvider TwoConnectors() => TestHost.Build(services => services.AddSmsConnectors(TestHost.Json("""
        {
          "SmsConnectors": {
            "DefaultConnector": "dev",
            "Connectors": {
              "dev": { "Provider": "Outbox" },
              "qa": { "Provider": "Outbox" }
            }
          }
        }
        """).GetSection("SmsConnectors")));

    [Fact]
    public void Default_connector_is_the_configured_one()
    {
        using var provider = TwoConnectors();

        var connector = provider.GetRequiredService<ISmsConnector>();

        Assert.Equal("dev", connector.Name);
        Assert.Same(connector, provider.GetRequiredService<ISmsConnector>());
        Assert.Same(connector, provider.GetRequiredKeyedService<ISmsConnector>("dev"));
    }

    [Fact]
    public void Every_connector_is_a_keyed_service_under_its_name()
    {
        using var provider = TwoConnectors();

        var dev = provider.GetRequiredKeyedService<ISmsConnector>("dev");
        var qa = provider.GetRequiredKeyedService<ISmsConnector>("qa");

        Assert.Equal("dev", dev.Name);
        Assert.Equal("qa", qa.Name);
        Assert.NotSame(dev, qa);
        Assert.Same(qa, provider.GetRequiredKeyedService<ISmsConnector>("qa"));
        Assert.Null(provider.GetKeyedService<ISmsConnector>("prod"));
    }

    [Fact]
    public void Provider_lists_names_and_default()
    {
        using var provider = TwoConnectors();
        var connectors = provider.GetRequiredService<ISmsConnectorProvider>();

        Assert.Equal(["dev", "qa"], connectors.Names);
        Assert.Equal("dev", connectors.DefaultName);
        Assert.Same(provider.GetRequiredService<ISmsConnector>(), connectors.Default);
    }

    [Fact]
    public void Provider_get_is_case_insensitive_and_returns_the_keyed_instance()
    {
        using var provider = TwoConnectors();
        var connectors = provider.GetRequiredService<ISmsConnectorProvider>();

        Assert.Same(provider.GetRequiredKeyedService<ISmsConnector>("qa"), connectors.Get("qa"));
        Assert.Same(provider.GetRequiredKeyedService<ISmsConnector>("qa"), connectors.Get("QA"));
        Assert.Equal("qa", connectors.Get("Qa").Name);
    }

    [Fact]
    public void Provider_try_get_is_case_insensitive()
    {
        using var provider = TwoConnectors();
        var connectors = provider.GetRequiredService<ISmsConnectorProvider>();

        Assert.True(connectors.TryGet("DEV", out var dev));
        Assert.Equal("dev", dev.Name);
        Assert.False(connectors.TryGet("prod", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void Provider_get_of_an_unknown_name_is_invalid_config_naming_it_and_the_registered_ones()
    {
        using var provider = TwoConnectors();

        var exception = Assert.Throws<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnectorProvider>().Get("prod"));

        Assert.Equal(SmsErrorCode.InvalidConfig, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Contains("'prod'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("dev, qa", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_connector_name_is_case_insensitive_and_resolves_to_the_registered_spelling()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json("""
            { "SmsConnectors": { "DefaultConnector": "QA", "Connectors": { "dev": { "Provider": "Outbox" }, "qa": { "Provider": "Outbox" } } } }
            """).GetSection("SmsConnectors")));

        Assert.Equal("qa", provider.GetRequiredService<ISmsConnectorProvider>().DefaultName);
        Assert.Equal("qa", provider.GetRequiredService<ISmsConnector>().Name);
    }

    [Fact]
    public void Single_connector_is_the_default_without_default_connector()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json("""
            { "SmsConnectors": { "Connectors": { "only": { "Provider": "Outbox" } } } }
            """).GetSection("SmsConnectors")));

        Assert.Equal("only", provider.GetRequiredService<ISmsConnector>().Name);
        Assert.Equal("only", provider.GetRequiredService<ISmsConnectorProvider>().DefaultName);
    }

    [Fact]
    public async Task Code_registration_with_add_outbox()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev", o =>
        {
            o.Capacity = 7;
            o.Templates.Add(new SmsTextTemplate { UsageType = "SignIn", Content = "Hello {{code}}" });
        }));

        var connector = provider.GetRequiredService<ISmsConnector>();
        var result = await connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "246810"));

        Assert.Equal("dev", connector.Name);
        Assert.Equal("dev", result.ConnectorName);
        Assert.Equal(7, provider.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get("dev").Capacity);
        Assert.Equal("Hello 246810", Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Text);
    }

    [Fact]
    public void Code_registration_without_configure_uses_defaults()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev"));

        Assert.Equal(100, provider.GetRequiredService<IOptionsMonitor<OutboxOptions>>().Get("dev").Capacity);
        Assert.Equal("dev", provider.GetRequiredService<ISmsConnector>().Name);
    }

    [Fact]
    public void Set_default_connector_chooses_among_several()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddOutbox("a")
            .AddOutbox("b")
            .SetDefaultConnector("b"));

        Assert.Equal("b", provider.GetRequiredService<ISmsConnector>().Name);
        Assert.Equal("b", provider.GetRequiredService<ISmsConnectorProvider>().DefaultName);
    }

    [Fact]
    public void Set_default_connector_overrides_configuration()
    {
        using var provider = TestHost.Build(services => services
            .AddSmsConnectors(TestHost.Json("""
                { "SmsConnectors": { "DefaultConnector": "dev", "Connectors": { "dev": { "Provider": "Outbox" }, "qa": { "Provider": "Outbox" } } } }
                """).GetSection("SmsConnectors"))
            .SetDefaultConnector("qa"));

        Assert.Equal("qa", provider.GetRequiredService<ISmsConnector>().Name);
    }

    [Fact]
    public void Set_default_connector_rejects_empty_names()
    {
        var builder = new ServiceCollection().AddSmsConnectors();

        Assert.ThrowsAny<ArgumentException>(() => builder.SetDefaultConnector(""));
        Assert.ThrowsAny<ArgumentException>(() => builder.SetDefaultConnector(null!));
    }

    [Fact]
    public void Names_keep_code_registration_order()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddOutbox("zeta")
            .AddOutbox("alpha")
            .AddOutbox("mid")
            .SetDefaultConnector("alpha"));

        Assert.Equal(["zeta", "alpha", "mid"], provider.GetRequiredService<ISmsConnectorProvider>().Names);
    }

    [Fact]
    public void Add_sms_connectors_twice_shares_one_registry()
    {
        using var provider = TestHost.Build(services =>
        {
            services.AddSmsConnectors().AddOutbox("a");
            services.AddSmsConnectors().AddOutbox("b").SetDefaultConnector("a");
        });

        Assert.Equal(["a", "b"], provider.GetRequiredService<ISmsConnectorProvider>().Names);
        Assert.Equal("b", provider.GetRequiredKeyedService<ISmsConnector>("b").Name);
    }

    [Fact]
    public void Builder_exposes_the_service_collection()
    {
        var services = new ServiceCollection();

        Assert.Same(services, services.AddSmsConnectors().Services);
    }

    [Fact]
    public void Outbox_service_resolves_as_a_singleton()
    {
        using var provider = TwoConnectors();

        Assert.Same(provider.GetRequiredService<ISmsOutbox>(), provider.GetRequiredService<ISmsOutbox>());
    }
}
