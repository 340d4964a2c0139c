using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

public class SharedServicesTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Http_client_name_is_prefixed_with_the_library_name()
    {
        Assert.Equal("SmsConnectors.seven", SmsConnectorServices.HttpClientName("seven"));
    }

    [Fact]
    public void Each_connector_has_a_named_http_client_with_infinite_timeout()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("a").AddOutbox("b").SetDefaultConnector("a"));
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using var a = factory.CreateClient(SmsConnectorServices.HttpClientName("a"));
        using var b = factory.CreateClient(SmsConnectorServices.HttpClientName("b"));
        using var unrelated = factory.CreateClient("unrelated");

        Assert.Equal(Timeout.InfiniteTimeSpan, a.Timeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, b.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), unrelated.Timeout);
    }

    [Fact]
    public void Connector_from_configuration_has_its_named_http_client()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox" } } } }
            """).GetSection("SmsConnectors")));

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(SmsConnectorServices.HttpClientName("dev"));

        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    [Fact]
    public void System_time_provider_is_the_default()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev"));

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task Time_provider_registered_before_wins()
    {
        var clock = new ManualTimeProvider(Noon);
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev"), timeProvider: clock);

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1"));
        clock.Advance(TimeSpan.FromMinutes(5));
        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "2"));

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
        var messages = provider.GetRequiredService<ISmsOutbox>().Messages;
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero), messages[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 12, 5, 0, TimeSpan.Zero), messages[1].Timestamp);
    }

    [Fact]
    public async Task Time_provider_registered_after_wins()
    {
        var clock = new ManualTimeProvider(Noon);
        using var provider = TestHost.Build(
            services => services.AddSmsConnectors().AddOutbox("dev"),
            after: services => services.AddSingleton<TimeProvider>(clock));

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1"));

        Assert.Equal(Noon, Assert.Single(provider.GetRequiredService<ISmsOutbox>().Messages).Timestamp);
    }

    [Fact]
    public async Task Message_id_is_a_version_7_guid_from_the_clock()
    {
        var clock = new ManualTimeProvider(Noon);
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddOutbox("dev"), timeProvider: clock);

        var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1"));

        var id = Guid.ParseExact(result.MessageId!, "N");
        Assert.Equal(7, id.Version);
        // The first 48 bits of a version 7 GUID are the Unix time in milliseconds.
        var unixMilliseconds = Convert.ToInt64(result.MessageId![..12], 16);
        Assert.Equal(Noon.ToUnixTimeMilliseconds(), unixMilliseconds);
    }
}
