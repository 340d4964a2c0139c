using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Routing;

public class FailoverConnectorTests
{
    private static readonly SmsMessage Message = SmsMessage.ForCode("+8613800138000", SmsUsageType.SignIn, "123456");

    [Fact]
    public async Task Not_sent_failure_moves_on_and_the_result_names_the_sender()
    {
        var first = ScriptedConnector.Failing("first", SmsErrorCode.ServiceUnavailable, mayHaveBeenSent: false);
        var second = ScriptedConnector.Succeeding("second");
        await using var services = Build(first, second, o => o.Connectors = ["first", "second"]);

        var result = await services.GetRequiredKeyedService<ISmsConnector>("fo").SendAsync(Message);

        Assert.Equal("second", result.ConnectorName);
        Assert.Equal("second-id", result.MessageId);
        Assert.Equal((1, 1), (first.Calls, second.Calls));
    }

    [Fact]
    public async Task Unknown_outcome_does_not_move_on_by_default()
    {
        var first = ScriptedConnector.Failing("first", SmsErrorCode.Timeout, mayHaveBeenSent: true);
        var second = ScriptedConnector.Succeeding("second");
        await using var services = Build(first, second, o => o.Connectors = ["first", "second"]);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredKeyedService<ISmsConnector>("fo").SendAsync(Message));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal("first", Assert.Single(error.Attempts).ConnectorName);
        Assert.Equal((1, 0), (first.Calls, second.Calls));
        Assert.Contains("Stopped because the last outcome is unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_outcome_moves_on_when_allowed()
    {
        var first = ScriptedConnector.Failing("first", SmsErrorCode.Timeout, mayHaveBeenSent: true);
        var second = ScriptedConnector.Succeeding("second");
        await using var services = Build(first, second, o =>
        {
            o.Connectors = ["first", "second"];
            o.FailoverOnUnknownOutcome = true;
        });

        var result = await services.GetRequiredKeyedService<ISmsConnector>("fo").SendAsync(Message);

        Assert.Equal("second", result.ConnectorName);
    }

    [Fact]
    public async Task When_every_connector_fails_the_exception_lists_every_attempt()
    {
        var first = ScriptedConnector.Failing("first", SmsErrorCode.ServiceUnavailable, mayHaveBeenSent: false);
        var second = ScriptedConnector.Failing("second", SmsErrorCode.AuthorizationFailed, mayHaveBeenSent: false);
        await using var services = Build(first, second, o => o.Connectors = ["first", "second"]);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredKeyedService<ISmsConnector>("fo").SendAsync(Message));

        Assert.Equal(["first", "second"], error.Attempts.Select(a => a.ConnectorName));
        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal("fo", error.ConnectorName);
        Assert.Equal("SMS connector 'fo': Every attempt failed: first: ServiceUnavailable; second: AuthorizationFailed.", error.Message);
    }

    [Fact]
    public async Task Binds_from_configuration_and_nests_under_a_router()
    {
        var configuration = TestHost.Json("""
            {
              "SmsConnectors": {
                "DefaultConnector": "route",
                "Connectors": {
                  "route": { "Provider": "Router", "routes": [ { "prefix": "+86", "connector": "fo" } ], "fallback": "intl" },
                  "fo": { "Provider": "Failover", "connectors": [ "cn" , "intl" ] },
                  "cn": { "Provider": "Outbox", "templates": [ { "usageType": "Generic", "content": "CN {{code}}" } ] },
                  "intl": { "Provider": "Outbox", "templates": [ { "usageType": "Generic", "content": "INTL {{code}}" } ] }
                }
              }
            }
            """);
        await using var services = TestHost.Build(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        var china = await services.GetRequiredService<ISmsConnector>().SendAsync(Message);
        var germany = await services.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "654321"));

        Assert.Equal("cn", china.ConnectorName);
        Assert.Equal("intl", germany.ConnectorName);
        Assert.Equal(["CN 123456", "INTL 654321"], services.GetRequiredService<ISmsOutbox>().Messages.Select(m => m.Text));
    }

    private static ServiceProvider Build(ScriptedConnector first, ScriptedConnector second, Action<SmsConnectors.Routing.FailoverOptions> configure) =>
        TestHost.Build(services => services.AddSmsConnectors()
            .AddScripted(first)
            .AddScripted(second)
            .AddFailover("fo", configure)
            .SetDefaultConnector("fo"));
}
