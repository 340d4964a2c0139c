using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

/// <summary>Reloading the configuration while thousands of sends are under way breaks none of them.</summary>
public class ReloadUnderLoadTests
{
    private const int Sends = 2000;
    private const int Reloads = 50;

    [Fact]
    public async Task Two_thousand_concurrent_sends_through_fifty_reloads_between_two_endpoints_each_arrive_once_with_their_own_credentials()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"success":"100","messages":[{"id":"1","success":true}]}""");
        });
        var configuration = new SwitchableConfiguration(Settings(server.BaseAddress, "a"));
        var root = new ConfigurationBuilder().Add(configuration).Build();
        await using var provider = TestHost.Build(services => services.AddSmsConnectors(root.GetSection("SmsConnectors")));
        var connector = provider.GetRequiredService<ISmsConnector>();

        var sending = Parallel.ForEachAsync(
            Enumerable.Range(0, Sends),
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, token) => await connector.SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, $"c{i:D4}"), token));
        for (var reload = 1; reload <= Reloads && !sending.IsCompleted; reload++)
        {
            configuration.Switch(Settings(server.BaseAddress, reload % 2 == 0 ? "a" : "b"));
            await Task.Delay(20);
        }

        await sending;

        var received = server.Requests;
        Assert.Equal(Sends, received.Count);
        var codes = received.Select(r => WebUtility.UrlDecode(r.BodyText).Split("Code ")[1].Split('&')[0]).ToList();
        Assert.Equal(Enumerable.Range(0, Sends).Select(i => $"c{i:D4}").Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.Equal($"key-{r.Path[1]}", r.Header("X-Api-Key")));
        Assert.Contains(received, r => r.Path == "/a/sms");
        Assert.Contains(received, r => r.Path == "/b/sms");
    }

    private static Dictionary<string, string?> Settings(Uri server, string endpoint) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["SmsConnectors:Connectors:seven:Provider"] = "Seven",
        ["SmsConnectors:Connectors:seven:apiKey"] = $"key-{endpoint}",
        ["SmsConnectors:Connectors:seven:BaseUrl"] = new Uri(server, endpoint).AbsoluteUri,
        ["SmsConnectors:Connectors:seven:templates:0:usageType"] = "Generic",
        ["SmsConnectors:Connectors:seven:templates:0:content"] = "Code {{code}}",
        ["SmsConnectors:Connectors:seven:RateLimit:PermitsPerSecond"] = endpoint == "a" ? "1000" : "800",
        ["SmsConnectors:Connectors:seven:RateLimit:QueueLength"] = "2000",
    };

    /// <summary>A configuration whose whole content is swapped at once, as a reloaded file would be.</summary>
    private sealed class SwitchableConfiguration(Dictionary<string, string?> initial) : ConfigurationProvider, IConfigurationSource
    {
        public override void Load() => Data = initial;

        public void Switch(Dictionary<string, string?> data)
        {
            Data = data;
            OnReload();
        }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
    }
}
