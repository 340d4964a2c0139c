using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Transport;

/// <summary>A timeout says nothing was sent only when the request's connection was still being made.</summary>
[Collection(TimingSensitive.Name)]
public class ConnectionProgressTests
{
    private static readonly SmsMessage Message = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456");

    [Fact]
    public async Task A_total_timeout_while_the_connection_is_being_made_says_nothing_was_sent()
    {
        using var backlog = FullBacklog.Create();
        await using var provider = Build(backlog.Address, TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(Message));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("still being made; nothing was sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_total_timeout_after_the_request_reached_a_server_that_does_not_answer_may_have_sent()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, _) =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var provider = Build(server.BaseAddress, TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(Message));

        await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_timeout_on_a_kept_alive_connection_may_have_sent_even_though_no_connection_was_being_made()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.ContentType = "application/json";
                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, """{"success":"100","messages":[{"id":"1","success":true}]}""");
                return;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var provider = Build(server.BaseAddress, TimeSpan.FromSeconds(2));
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(Message);
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(Message));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
    }

    private static ServiceProvider Build(Uri address, TimeSpan timeout) =>
        TestHost.Build(services => services.AddSmsConnectors().AddSeven("seven", o =>
        {
            o.ApiKey = "key";
            o.BaseUrl = address.AbsoluteUri.TrimEnd('/');
            o.Templates = [new() { UsageType = "Generic", Content = "Code {{code}}" }];
            o.Resilience.ConnectTimeout = TimeSpan.FromSeconds(5);
            o.Resilience.AttemptTimeout = timeout;
            o.Resilience.TotalTimeout = timeout;
            o.Resilience.Retry.MaxRetryAttempts = 0;
        }));
}
