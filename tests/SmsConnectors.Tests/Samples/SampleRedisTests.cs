using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// Two instances of the sample behind one real redis-server (<c>ConnectionStrings:Redis</c>), as
/// behind a load balancer: the guard's cool-down and idempotency keys, and the passcodes, are shared.
/// </summary>
public sealed class SampleRedisTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Phone = "+4915112345678";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task Two_instances_on_one_redis_share_the_guard_the_idempotency_keys_and_the_passcodes()
    {
        await using var redis = await RedisServer.StartAsync();
        using var one = Sample(redis);
        using var other = Sample(redis);
        using var clientOfOne = one.CreateClient();
        using var clientOfOther = other.CreateClient();

        var requested = await RequestAsync(clientOfOne, "SignIn", key: "click-1");
        var repeatedElsewhere = await RequestAsync(clientOfOther, "SignIn", key: "click-1");
        var otherTypeElsewhere = await RequestAsync(clientOfOther, "Register");
        var code = Assert.Single(Outbox(one).Messages).Code;
        var keys = await redis.KeysAsync(string.Empty);
        var verifiedElsewhere = await clientOfOther.PostAsJsonAsync("/passcodes/verify", new { phone = Phone, type = "SignIn", code });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeatedElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, otherTypeElsewhere.StatusCode); // the guard's cool-down, counted in Redis
        Assert.True(otherTypeElsewhere.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, verifiedElsewhere.StatusCode);
        Assert.Empty(Outbox(other).Messages);
        Assert.Contains(keys, k => k.StartsWith("sms:cd:", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("sample:", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.Contains("15112345678", StringComparison.Ordinal) || k.Contains(code!, StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> Sample(RedisServer redis) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("SmsConnectors:Connectors:dev:filePath", string.Empty);
            builder.UseSetting("ConnectionStrings:Redis", redis.Configuration);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
        });

    private static ISmsOutbox Outbox(WebApplicationFactory<Program> sample) => sample.Services.GetRequiredService<ISmsOutbox>();

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string type, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/passcodes") { Content = JsonContent.Create(new { phone = Phone, type }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }
}
