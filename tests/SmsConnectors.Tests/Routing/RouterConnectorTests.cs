using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Routing;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Routing;

public class RouterConnectorTests
{
    [Theory]
    [InlineData("+8613800138000", "cn")]
    [InlineData("+85291234567", "hk")]
    [InlineData("+852 9123 4567", "hk")]
    [InlineData("008613800138000", "cn")]
    [InlineData("+4915112345678", "world")]
    [InlineData("+8529", "world")]
    public async Task Longest_matching_prefix_of_the_normalised_number_wins(string number, string expected)
    {
        var connectors = new[] { "cn", "hk", "world" }.Select(ScriptedConnector.Succeeding).ToArray();
        await using var services = TestHost.Build(s => connectors
            .Aggregate(s.AddSmsConnectors(), (builder, c) => builder.AddScripted(c))
            .AddRouter("route", o =>
            {
                o.Routes.Add(new SmsRoute { Prefix = "+8", Connector = "world" });
                o.Routes.Add(new SmsRoute { Prefix = "86", Connector = "cn" });
                o.Routes.Add(new SmsRoute { Prefix = "+852", Connector = "hk" });
                o.Fallback = "world";
            })
            .SetDefaultConnector("route"));

        if (number == "+8529")
        {
            var invalid = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(number, SmsUsageType.SignIn, "1")));
            Assert.Equal(SmsErrorCode.InvalidRequestParameters, invalid.Code);
            Assert.All(connectors, c => Assert.Equal(0, c.Calls));
            return;
        }

        var result = await services.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(number, SmsUsageType.SignIn, "1"));

        Assert.Equal(expected, result.ConnectorName);
        Assert.Equal(1, connectors.Single(c => c.Name == expected).Calls);
        Assert.Equal(1, connectors.Sum(c => c.Calls));
    }

    [Fact]
    public async Task Without_a_route_or_fallback_nothing_is_sent()
    {
        var cn = ScriptedConnector.Succeeding("cn");
        await using var services = TestHost.Build(s => s.AddSmsConnectors()
            .AddScripted(cn)
            .AddRouter("route", o => o.Routes.Add(new SmsRoute { Prefix = "+86", Connector = "cn" }))
            .SetDefaultConnector("route"));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1")));

        Assert.Equal(SmsErrorCode.InvalidConfig, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.DoesNotContain("4915112345678", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, cn.Calls);
    }

    [Fact]
    public void Unknown_names_cycles_and_bad_prefixes_fail_at_startup()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors()
            .AddOutbox("dev")
            .AddFailover("a", o => o.Connectors = ["b", "nowhere"])
            .AddRouter("b", o =>
            {
                o.Routes.Add(new SmsRoute { Prefix = "+4x", Connector = "dev" });
                o.Routes.Add(new SmsRoute { Prefix = "+49", Connector = "b" });
                o.Fallback = "a";
            })
            .AddFailover("empty", o => { })
            .SetDefaultConnector("a"));

        Assert.Contains("SMS connector 'a': 'connectors:1' names 'nowhere', which is not a registered connector (registered: dev, a, b, empty).", failures);
        Assert.Contains("SMS connector 'b': 'routes:0:prefix' must be '+' followed by 1 to 15 digits.", failures);
        Assert.Contains("SMS connector 'b': 'routes:1:connector' names this connector itself.", failures);
        Assert.Contains("SMS connector 'empty': 'connectors' must name at least one connector.", failures);
    }

    [Fact]
    public void A_cycle_through_composites_fails_at_startup()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors()
            .AddOutbox("dev")
            .AddFailover("a", o => o.Connectors = ["dev", "b"])
            .AddRouter("b", o =>
            {
                o.Routes.Add(new SmsRoute { Prefix = "+49", Connector = "dev" });
                o.Fallback = "a";
            })
            .SetDefaultConnector("a"));

        Assert.Equal(["SMS connector 'a': composite connectors must not send through themselves: a -> b -> a."], failures);
    }
}
