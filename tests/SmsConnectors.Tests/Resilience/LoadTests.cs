using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Resilience;

[Collection(TimingSensitive.Name)]
public sealed class LoadTests
{
    [Fact]
    public async Task Two_thousand_sends_at_concurrency_64_all_succeed_once_over_reused_connections()
    {
        const int Sends = 2000;
        const int Concurrency = 64;
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, index) =>
        {
            using var body = new StreamReader(context.Request.Body);
            var form = await body.ReadToEndAsync(context.RequestAborted);
            Assert.StartsWith("to=%2B49151", form, StringComparison.Ordinal);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"success":"100","messages":[{"id":"{{index}}","success":true}]}""");
        });
        await using var services = TestHost.Build(s => s.AddSmsConnectors().AddSeven("seven", o =>
        {
            o.ApiKey = "load-key";
            o.BaseUrl = server.BaseAddress.AbsoluteUri.TrimEnd('/');
            o.Templates.Add(new() { UsageType = "Generic", Content = "Code {{code}}" });
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
        }));
        var connector = services.GetRequiredService<ISmsConnector>();
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForAsync(0, Sends, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, token) =>
        {
            var number = $"+49151{i:D8}";
            var result = await connector.SendAsync(SmsMessage.ForCode(number, SmsUsageType.SignIn, $"{i % 1_000_000:D6}"), token);
            ids.Add(result.MessageId!);
        });

        Assert.Equal(Sends, server.RequestCount);
        Assert.Equal(Sends, ids.Distinct().Count());
        Assert.InRange(server.ConnectionCount, 1, Concurrency);
    }
}
