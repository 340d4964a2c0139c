using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Resilience;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Resilience;

/// <summary>
/// A Seven connector against a real server on 127.0.0.1 that injects one fault per scenario: the
/// server counts what it received, so each test proves whether a retry could have double-sent.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class FaultInjectionTests
{
    private const string Accepted = """{"success":"100","total_price":0.075,"balance":12.3,"debug":"false","sms_type":"direct","messages":[{"id":"77001","sender":"App","recipient":"4915112345678","text":"Code 123456","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""";

    // Generous for scenarios that must not time out; the timeout scenarios set short ones.
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ShortTotalTimeout = TimeSpan.FromMilliseconds(900);

    private static readonly SmsMessage Message = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456");

    [Fact]
    public async Task Connection_refused_is_not_sent_and_retried_until_the_retries_run_out()
    {
        var counter = new AttemptCounter();
        await using var services = Build(RefusedAddress.Create(), counter: counter);

        var (error, elapsed) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(3, counter.Attempts);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_connection_that_cannot_be_made_in_time_is_not_sent_and_retried()
    {
        using var backlog = FullBacklog.Create();
        var counter = new AttemptCounter();
        await using var services = Build(backlog.Address, o => o.Resilience.ConnectTimeout = TimeSpan.FromMilliseconds(150), counter);

        var (error, elapsed) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(3, counter.Attempts);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task Reset_before_any_response_is_ambiguous_and_never_retried()
    {
        await using var server = await LoopbackServer.StartRawAsync((_, context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        await using var services = Build(server.BaseAddress);

        var (error, elapsed) = await FailTimedAsync(services);

        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(SmsErrorCode.General, error.Code);
        Assert.Equal(1, server.RequestCount);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Reset_after_the_body_was_read_is_ambiguous_and_never_retried()
    {
        await using var server = await LoopbackServer.StartAsync((context, request) =>
        {
            Assert.Contains("text=", request.BodyText, StringComparison.Ordinal);
            context.Abort();
            return Task.CompletedTask;
        });
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.True(error.MayHaveBeenSent);
        Assert.Single(server.Requests);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task An_answer_slower_than_the_attempt_timeout_is_a_timeout_that_may_have_been_sent()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            await context.Response.WriteAsync(Accepted);
        });
        await using var services = Build(server.BaseAddress, o => (o.Resilience.AttemptTimeout, o.Resilience.TotalTimeout) = (ShortAttemptTimeout, ShortTotalTimeout));

        var (error, elapsed) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(1, server.RequestCount);
        Assert.InRange(elapsed, ShortAttemptTimeout - TimeSpan.FromMilliseconds(50), ShortAttemptTimeout + TimeSpan.FromMilliseconds(700));
    }

    [Theory]
    [InlineData(500, "application/json", """{"error":"internal"}""")]
    [InlineData(500, "text/plain", "")]
    [InlineData(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData(504, "text/html", "<html>Gateway Timeout</html>")]
    public async Task A_5xx_other_than_503_may_have_been_sent_and_is_never_retried(int status, string contentType, string body)
    {
        await using var server = await LoopbackServer.StartAsync(status, contentType, body);
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_503_with_retry_after_is_waited_for_and_retried()
    {
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, index) =>
        {
            if (index == 0)
            {
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("<html>maintenance</html>");
                return;
            }

            await context.Response.WriteAsync(Accepted);
        });
        await using var services = Build(server.BaseAddress, o => o.Resilience.TotalTimeout = TimeSpan.FromSeconds(3));

        var stopwatch = Stopwatch.StartNew();
        var result = await services.GetRequiredService<ISmsConnector>().SendAsync(Message);

        Assert.Equal("77001", result.MessageId);
        Assert.Equal(2, server.RequestCount);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_is_not_waited_for()
    {
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, _) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "120";
            await context.Response.WriteAsync("busy");
        });
        await using var services = Build(server.BaseAddress);

        var (error, elapsed) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(1, server.RequestCount);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_429_is_retried_and_then_sent_once()
    {
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, index) =>
        {
            if (index == 0)
            {
                context.Response.StatusCode = 429;
                await context.Response.WriteAsync("slow down");
                return;
            }

            await context.Response.WriteAsync(Accepted);
        });
        await using var services = Build(server.BaseAddress);

        var result = await services.GetRequiredService<ISmsConnector>().SendAsync(Message);

        Assert.Equal("77001", result.MessageId);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Retries_run_out_on_repeated_429_and_nothing_was_sent()
    {
        await using var server = await LoopbackServer.StartAsync(429, "text/plain", "slow down");
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task Garbage_bytes_instead_of_http_may_have_been_sent_and_are_not_retried()
    {
        await using var server = new RawTcpServer(Encoding.ASCII.GetBytes("\u0000\u00ff garbage \r\n\r\n not http"));
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Garbage_in_a_200_is_invalid_response_and_may_have_been_sent()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "\u0001\u0002{{{not json");
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_body_larger_than_the_cap_is_invalid_response()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "{\"success\":\"100\",\"pad\":\"" + new string('x', 70 * 1024) + "\"}");
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Contains("65536 bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData("900", SmsErrorCode.AuthorizationFailed)]
    [InlineData("500", SmsErrorCode.UsageLimitExceeded)]
    [InlineData("202", SmsErrorCode.InvalidRequestParameters)]
    [InlineData("403", SmsErrorCode.RateLimitExceeded)]
    public async Task An_explicit_rejection_is_not_sent_and_never_retried(string code, SmsErrorCode expected)
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", code);
        await using var services = Build(server.BaseAddress);

        var (error, _) = await FailTimedAsync(services);

        Assert.Equal(expected, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_not_sent_failures_and_then_fails_at_once()
    {
        await using var server = await LoopbackServer.StartAsync(503, "text/plain", "down");
        await using var services = Build(server.BaseAddress, o =>
        {
            o.Resilience.Retry.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreaker = new SmsCircuitBreakerOptions { MinimumThroughput = 2, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30) };
        });

        await FailTimedAsync(services);
        await FailTimedAsync(services);
        var (open, elapsed) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.ServiceUnavailable, open.Code);
        Assert.False(open.MayHaveBeenSent);
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.RequestCount);
        Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Explicit_rejections_do_not_open_the_circuit()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "202");
        await using var services = Build(server.BaseAddress, o =>
            o.Resilience.CircuitBreaker = new SmsCircuitBreakerOptions { MinimumThroughput = 2, FailureRatio = 0.5 });

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SmsErrorCode.InvalidRequestParameters, (await FailTimedAsync(services)).Error.Code);
        }

        Assert.Equal(5, server.RequestCount);
    }

    [Fact]
    public async Task The_total_timeout_during_backoff_is_a_timeout_that_was_not_sent()
    {
        await using var services = Build(RefusedAddress.Create(), o =>
        {
            (o.Resilience.AttemptTimeout, o.Resilience.TotalTimeout) = (ShortAttemptTimeout, ShortTotalTimeout);
            o.Resilience.Retry.BaseDelay = TimeSpan.FromSeconds(5);
            o.Resilience.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        });

        var (error, elapsed) = await FailTimedAsync(services);

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.InRange(elapsed, ShortTotalTimeout - TimeSpan.FromMilliseconds(50), ShortTotalTimeout + TimeSpan.FromMilliseconds(700));
    }

    [Fact]
    public async Task Cancellation_stops_a_send_promptly()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
        });
        await using var services = Build(server.BaseAddress, o => o.Resilience.AttemptTimeout = o.Resilience.TotalTimeout);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.GetRequiredService<ISmsConnector>().SendAsync(Message, cancellation.Token));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_rate_limit_rejects_what_it_cannot_queue_and_sends_nothing_for_it()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", Accepted);
        await using var services = Build(server.BaseAddress, o => o.RateLimit = new SmsRateLimitOptions { PermitsPerSecond = 1, QueueLength = 0 });
        var connector = services.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(Message);
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(Message));

        Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Waiting_for_a_rate_limit_permit_honours_cancellation()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", Accepted);
        await using var services = Build(server.BaseAddress, o => o.RateLimit = new SmsRateLimitOptions { PermitsPerSecond = 1, QueueLength = 1 });
        var connector = services.GetRequiredService<ISmsConnector>();
        await connector.SendAsync(Message);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connector.SendAsync(Message, cancellation.Token));

        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(900));
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Failover_moves_on_after_a_refused_connection_and_names_the_connector_that_sent()
    {
        await using var backup = await LoopbackServer.StartAsync(200, "application/json", """{"id":"b-1"}""");
        await using var services = BuildWithBackup(RefusedAddress.Create(), backup.BaseAddress);

        var result = await services.GetRequiredKeyedService<ISmsConnector>("failover").SendAsync(Message);

        Assert.Equal("backup", result.ConnectorName);
        Assert.Equal("b-1", result.MessageId);
        Assert.Equal(1, backup.RequestCount);
    }

    [Fact]
    public async Task Failover_stops_after_a_timeout_because_the_message_may_have_been_sent()
    {
        await using var slow = await LoopbackServer.StartAsync(async (context, _) => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));
        await using var backup = await LoopbackServer.StartAsync(200, "application/json", "{}");
        await using var services = BuildWithBackup(slow.BaseAddress, backup.BaseAddress, o => (o.Resilience.AttemptTimeout, o.Resilience.TotalTimeout) = (ShortAttemptTimeout, ShortTotalTimeout));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredKeyedService<ISmsConnector>("failover").SendAsync(Message));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(["seven"], error.Attempts.Select(a => a.ConnectorName));
        Assert.Equal(1, slow.RequestCount);
        Assert.Equal(0, backup.RequestCount);
    }

    private static ServiceProvider BuildWithBackup(Uri primary, Uri backup, Action<SevenOptions>? configure = null) =>
        TestHost.Build(services => services.AddSmsConnectors()
            .AddSeven("seven", o =>
            {
                Configure(o, primary);
                configure?.Invoke(o);
            })
            .AddHttp("backup", o => o.Endpoint = backup.AbsoluteUri)
            .AddFailover("failover", o => o.Connectors = ["seven", "backup"])
            .SetDefaultConnector("failover"));

    private static void Configure(SevenOptions o, Uri baseAddress)
    {
        o.ApiKey = "test-key";
        o.BaseUrl = baseAddress.AbsoluteUri.TrimEnd('/');
        o.Templates.Add(new() { UsageType = "Generic", Content = "Code {{code}}" });
        o.Resilience.AttemptTimeout = AttemptTimeout;
        o.Resilience.TotalTimeout = TotalTimeout;
        o.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        o.Resilience.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        o.Resilience.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2);
    }

    private static async Task<(SmsConnectorException Error, TimeSpan Elapsed)> FailTimedAsync(ServiceProvider services)
    {
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => services.GetRequiredService<ISmsConnector>().SendAsync(Message));

        // Whatever the fault, a send ends within its total timeout.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TotalTimeout);
        return (error, stopwatch.Elapsed);
    }

    private static ServiceProvider Build(Uri baseAddress, Action<SevenOptions>? configure = null, AttemptCounter? counter = null) =>
        TestHost.Build(
            services => services.AddSmsConnectors().AddSeven("seven", o =>
            {
                Configure(o, baseAddress);
                configure?.Invoke(o);
            }),
            after: services =>
            {
                if (counter is not null)
                {
                    services.AddHttpClient(SmsConnectors.Transport.ConnectorHttpHandler.ClientName("seven")).AddHttpMessageHandler(() => counter);
                }
            });

    /// <summary>Counts the attempts that left the client, for faults where no server sees them.</summary>
    private sealed class AttemptCounter : DelegatingHandler
    {
        private int _attempts;

        public int Attempts => _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
