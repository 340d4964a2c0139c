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
        Assert.Equal("SmsConnectors.seven", SmsConnectors.Transport.ConnectorHttpHandler.ClientName("seven"));
    }

    [Fact]
    public void Each_vendor_connector_has_a_named_http_client_with_infinite_timeout()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddHttp("a", o => o.Endpoint = "https://hooks.example.com/a")
            .AddSeven("b", o => (o.ApiKey, o.Templates) = ("key", [new() { UsageType = "Generic", Content = "{{code}}" }]))
            .SetDefaultConnector("a"));
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using var a = factory.CreateClient(SmsConnectors.Transport.ConnectorHttpHandler.ClientName("a"));
        using var b = factory.CreateClient(SmsConnectors.Transport.ConnectorHttpHandler.ClientName("b"));
        using var unrelated = factory.CreateClient("unrelated");

        Assert.Equal(Timeout.InfiniteTimeSpan, a.Timeout);
        Assert.Equal(Timeout.InfiniteTimeSpan, b.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), unrelated.Timeout);
    }

    [Fact]
    public void Vendor_connector_from_configuration_has_its_named_http_client_and_an_outbox_has_none()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json("""
            { "SmsConnectors": { "DefaultConnector": "dev", "Connectors": {
                "dev": { "Provider": "Outbox" },
                "hook": { "Provider": "Http", "endpoint": "https://hooks.example.com/sms" } } } }
            """).GetSection("SmsConnectors")));
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using var hook = factory.CreateClient(SmsConnectors.Transport.ConnectorHttpHandler.ClientName("hook"));
        using var dev = factory.CreateClient(SmsConnectors.Transport.ConnectorHttpHandler.ClientName("dev"));

        Assert.Equal(Timeout.InfiniteTimeSpan, hook.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(100), dev.Timeout);
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
