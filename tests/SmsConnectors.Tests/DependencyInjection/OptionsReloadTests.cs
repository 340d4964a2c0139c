using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

public class OptionsReloadTests
{
    private static string Settings(string content, int capacity = 100, string extra = "") => $$"""
        {
          "SmsConnectors": {
            "Connectors": {
              "dev": {
                "Provider": "Outbox",
                "capacity": {{capacity}},
                {{extra}}
                "templates": [ { "usageType": "SignIn", "content": "{{content}}" } ]
              }
            }
          }
        }
        """;

    private static Task<SmsSendResult> SignIn(ServiceProvider provider, string code) =>
        provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, code));

    /// <summary>
    /// Reloads <paramref name="configuration"/>. The options monitor rebuilds changed options inside
    /// the change notification, so invalid options also surface to whoever triggered the reload
    /// (with a file watcher, a background task that drops them); the tests care about the next send.
    /// </summary>
    [Fact]
    public async Task Reloaded_json_file_changes_the_template_of_the_next_send()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("appsettings.json");
        await File.WriteAllTextAsync(path, Settings("Old {{code}}"));
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: true).Build();
        using var disposeConfiguration = (IDisposable)configuration;
        using var provider = TestHost.Build(services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")));
        var connector = provider.GetRequiredService<ISmsConnector>();
        var outbox = provider.GetRequiredService<ISmsOutbox>();

        await SignIn(provider, "111111");
        await File.WriteAllTextAsync(path, Settings("New {{ code }}!"));
        // Reload now rather than waiting for the file watcher, which is not deterministic in time.
        configuration.Reload();
        await SignIn(provider, "222222");

        Assert.Same(connector, provider.GetRequiredService<ISmsConnector>());
        Assert.Equal(["Old 111111", "New 222222!"], outbox.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Reloaded_in_memory_configuration_changes_the_template_of_the_next_send()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
            ["SmsConnectors:Connectors:dev:templates:0:usageType"] = "SignIn",
            ["SmsConnectors:Connectors:dev:templates:0:content"] = "Before {{code}}",
        }).Build();
        using var disposeConfiguration = (IDisposable)configuration;
        using var provider = TestHost.Build(services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        await SignIn(provider, "111111");
        configuration["SmsConnectors:Connectors:dev:templates:0:content"] = "After {{code}}";
        configuration["SmsConnectors:Connectors:dev:templates:1:usageType"] = "Register";
        configuration["SmsConnectors:Connectors:dev:templates:1:content"] = "Welcome {{code}}";
        configuration.Reload();
        await SignIn(provider, "222222");
        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.Register, "333333"));

        Assert.Equal(["Before 111111", "After 222222", "Welcome 333333"], provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Without_reload_the_template_stays()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
            ["SmsConnectors:Connectors:dev:templates:0:usageType"] = "SignIn",
            ["SmsConnectors:Connectors:dev:templates:0:content"] = "Before {{code}}",
        }).Build();
        using var disposeConfiguration = (IDisposable)configuration;
        using var provider = TestHost.Build(services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        await SignIn(provider, "111111");
        // Setting a value does not signal a change; the cached options stay until a reload.
        configuration["SmsConnectors:Connectors:dev:templates:0:content"] = "After {{code}}";
        await SignIn(provider, "222222");

        Assert.Equal(["Before 111111", "Before 222222"], provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Reloaded_settings_other_than_templates_apply_too()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("appsettings.json");
        await File.WriteAllTextAsync(path, Settings("{{code}} {{name}}", capacity: 10));
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        using var disposeConfiguration = (IDisposable)configuration;
        using var provider = TestHost.Build(services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        var strict = await Assert.ThrowsAsync<SmsConnectorException>(() => SignIn(provider, "1"));
        Assert.Equal(SmsErrorCode.InvalidRequestParameters, strict.Code);

        await File.WriteAllTextAsync(path, Settings("{{code}} {{name}}", capacity: 2, extra: "\"allowUnresolvedPlaceholders\": true,"));
        configuration.Reload();
        await SignIn(provider, "2");
        await SignIn(provider, "3");
        await SignIn(provider, "4");

        Assert.Equal(["3 {{name}}", "4 {{name}}"], provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Reload_into_an_invalid_configuration_keeps_sending_with_the_last_valid_one_and_logs_why_once()
    {
        using var directory = new TempDirectory();
        var path = directory.Combine("appsettings.json");
        await File.WriteAllTextAsync(path, Settings("Code {{code}}"));
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        using var disposeConfiguration = (IDisposable)configuration;
        var logs = new CapturingLoggerProvider();
        using var provider = TestHost.Build(services =>
        {
            services.AddLogging(builder => builder.AddProvider(logs));
            services.AddSmsConnectors(configuration.GetSection("SmsConnectors"));
        });
        await SignIn(provider, "1");

        await File.WriteAllTextAsync(path, Settings("Broken {{code}}", capacity: 0));
        Assert.Null(Record.Exception(configuration.Reload));
        await SignIn(provider, "2");
        await SignIn(provider, "3");

        Assert.Equal(["Code 1", "Code 2", "Code 3"], provider.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Text));
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("'dev'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'capacity' must be at least 1", error.Message, StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, Settings("Fixed {{code}}"));
        configuration.Reload();

        await SignIn(provider, "4");

        Assert.Equal("Fixed 4", provider.GetRequiredService<ISmsOutbox>().Messages[^1].Text);
    }
}
