using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Conformance;

/// <summary>
/// What every HTTP vendor connector does, whatever its vendor, against a server on 127.0.0.1: it
/// never repeats a secret, the number or the passcode; it treats an undocumented 429 or 503 as not
/// processed and retries it; it never retries an explicit rejection; it never takes a failure in the
/// body for a success; it honours cancellation; it caps what it reads; and it reports a body cut
/// short as a send that may have gone out. A vendor's subclass supplies only facts about its vendor.
/// </summary>
/// <typeparam name="TOptions">The vendor's options.</typeparam>
public abstract class VendorConformanceTests<TOptions>
    where TOptions : SmsVendorOptions
{
    /// <summary>The name every connector under test is registered under.</summary>
    protected const string ConnectorName = "vendor";

    /// <summary>The recipient of every message.</summary>
    protected const string Number = "+4915112345678";

    /// <summary>The passcode of every message.</summary>
    protected const string Code = "583920";

    private const string MaskedNumber = "+491********78";
    private const string BackupName = "backup";
    private const string FailoverName = "failover";
    private const int SmallCap = 64;

    /// <summary>An answer no vendor documents: an HTML page, as a proxy or load balancer sends.</summary>
    private const string UndocumentedBody = "<html><head><title>Busy</title></head><body><h1>Please try again later</h1></body></html>";

    /// <summary>
    /// Registers the vendor's connector as <paramref name="name"/>, sending to
    /// <paramref name="baseAddress"/> (any path below it), with every secret of its options set to a
    /// known marker value, and applies <paramref name="adjust"/> last.
    /// </summary>
    protected abstract void AddConnector(SmsConnectorsBuilder builder, string name, Uri baseAddress, Action<TOptions> adjust);

    /// <summary>Gets an answer the vendor documents as "sent", longer than 64 bytes.</summary>
    protected abstract string SuccessBody { get; }

    /// <summary>Gets the message id the connector reads from <see cref="SuccessBody"/>.</summary>
    protected abstract string? SuccessMessageId { get; }

    /// <summary>Gets the explicit rejections the vendor documents: the status, the body, and the code they mean.</summary>
    protected abstract IReadOnlyList<(int Status, string Body, SmsErrorCode Code)> ExplicitRejections { get; }

    /// <summary>Gets an answer with a success status (where the vendor has body rules) whose body says the message was not sent.</summary>
    protected abstract (int Status, string Body) FailureInSuccessAnswer { get; }

    /// <summary>An explicit rejection in which the vendor's own text is <paramref name="vendorText"/>.</summary>
    protected abstract (int Status, string Body) RejectionSaying(string vendorText);

    /// <summary>A passcode message as the vendor's connector is configured to send it.</summary>
    protected abstract SmsMessage PasscodeMessage(string recipient, string code);

    [Fact]
    public async Task A_success_answer_is_sent_once_with_the_vendors_message_id()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", SuccessBody);
        await using var provider = Build(server.BaseAddress);

        var result = await SendAsync(provider);

        Assert.Equal(ConnectorName, result.ConnectorName);
        Assert.Equal(SuccessMessageId, result.MessageId);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_sent_message_logs_neither_a_secret_nor_the_number_nor_the_passcode()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(200, "application/json", SuccessBody);
        await using var provider = Build(server.BaseAddress, logs: logs);

        await SendAsync(provider);

        Assert.Contains(logs.Lines, line => line.Contains(MaskedNumber, StringComparison.Ordinal));
        AssertNothingForbidden(Forbidden(provider), logs.Lines);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task An_undocumented_answer_echoing_the_whole_request_leaks_neither_a_secret_nor_the_number_nor_the_passcode(int status)
    {
        var logs = new CapturingLoggerProvider();
        string[] secrets = [];
        await using var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(Echo(request, secrets));
        });
        await using var provider = Build(server.BaseAddress, logs: logs);
        secrets = DeclaredSecrets(provider);

        var error = await FailAsync(provider);

        Assert.Equal(status, error.HttpStatus);
        Assert.Contains("refused", error.ProviderMessage ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, line => line.Contains(MaskedNumber, StringComparison.Ordinal));
        AssertNothingForbidden(Forbidden(provider), [.. logs.Lines, .. Texts(error)]);
    }

    [Fact]
    public async Task A_documented_rejection_echoing_the_whole_request_leaks_neither_a_secret_nor_the_number_nor_the_passcode()
    {
        var logs = new CapturingLoggerProvider();
        string[] secrets = [];
        await using var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            var (status, body) = RejectionSaying(Echo(request, secrets));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        await using var provider = Build(server.BaseAddress, logs: logs);
        secrets = DeclaredSecrets(provider);

        var error = await FailAsync(provider);

        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("refused", error.ProviderMessage ?? string.Empty, StringComparison.Ordinal);
        AssertNothingForbidden(Forbidden(provider), [.. logs.Lines, .. Texts(error)]);
    }

    [Theory]
    [InlineData(429, SmsErrorCode.RateLimitExceeded)]
    [InlineData(503, SmsErrorCode.ServiceUnavailable)]
    public async Task An_undocumented_answer_under_429_or_503_was_not_processed_and_keeps_its_retry_after(int status, SmsErrorCode expected)
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync(UndocumentedBody);
        });
        await using var provider = Build(server.BaseAddress, o => o.Resilience.Retry.MaxRetryAttempts = 0);

        var error = await FailAsync(provider);

        Assert.Equal(expected, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.False(error.MayHaveBeenSent);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task An_undocumented_answer_under_429_or_503_is_retried_and_then_sent_once(int status)
    {
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, index) =>
        {
            context.Response.StatusCode = index == 0 ? status : 200;
            context.Response.ContentType = index == 0 ? "text/html" : "application/json";
            await context.Response.WriteAsync(index == 0 ? UndocumentedBody : SuccessBody);
        });
        await using var provider = Build(server.BaseAddress);

        var result = await SendAsync(provider);

        Assert.Equal(SuccessMessageId, result.MessageId);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task An_explicit_rejection_is_not_sent_so_it_is_not_retried_and_fails_over()
    {
        Assert.NotEmpty(ExplicitRejections);
        var answer = (Status: 0, Body: string.Empty);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body);
        });
        await using var backup = await LoopbackServer.StartAsync(200, "application/json", "{}");
        await using var provider = Build(server.BaseAddress, more: builder => builder
            .AddHttp(BackupName, o => o.Endpoint = backup.BaseAddress.AbsoluteUri)
            .AddFailover(FailoverName, o => o.Connectors = [ConnectorName, BackupName])
            .SetDefaultConnector(FailoverName));

        foreach (var (status, body, code) in ExplicitRejections)
        {
            answer = (status, body);
            var (vendorBefore, backupBefore) = (server.RequestCount, backup.RequestCount);

            var error = await FailAsync(provider);
            var vendorRequests = server.RequestCount - vendorBefore;
            var failedOver = await provider.GetRequiredKeyedService<ISmsConnector>(FailoverName).SendAsync(PasscodeMessage(Number, Code));

            Assert.Equal(
                new RejectionOutcome(status, body, code, MayHaveBeenSent: false, VendorRequests: 1, SentBy: BackupName, VendorRequestsWithFailover: 2, BackupRequests: 1),
                new RejectionOutcome(status, body, error.Code, error.MayHaveBeenSent, vendorRequests, failedOver.ConnectorName, server.RequestCount - vendorBefore, backup.RequestCount - backupBefore));
        }
    }

    [Fact]
    public async Task An_answer_whose_body_says_the_message_failed_is_a_failure_not_a_success()
    {
        var (status, body) = FailureInSuccessAnswer;
        await using var server = await LoopbackServer.StartAsync(status, "application/json", body);
        await using var provider = Build(server.BaseAddress);

        var error = await FailAsync(provider);

        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(ConnectorName, error.ConnectorName);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", SuccessBody);
        await using var provider = Build(server.BaseAddress);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Connector(provider).SendAsync(PasscodeMessage(Number, Code), new CancellationToken(canceled: true)));

        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Cancelling_while_the_vendor_is_slow_ends_the_send_with_operation_cancelled()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                released.TrySetResult();
            }
        });
        await using var provider = Build(server.BaseAddress);
        using var cancellation = new CancellationTokenSource();

        var send = Connector(provider).SendAsync(PasscodeMessage(Number, Code), cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await released.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, server.RequestCount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_success_answer_larger_than_the_cap_is_an_invalid_response_that_may_have_been_sent(bool declaresItsLength)
    {
        var body = Encoding.UTF8.GetBytes(SuccessBody);
        Assert.True(body.Length > SmallCap, $"the success answer has {body.Length} bytes, no more than the cap");
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            if (declaresItsLength)
            {
                context.Response.ContentLength = body.Length;
            }

            await context.Response.Body.WriteAsync(body);
        });
        await using var provider = Build(server.BaseAddress, o => o.MaxResponseBytes = SmallCap);

        var error = await FailAsync(provider);

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task A_body_cut_short_is_a_connector_failure_that_may_have_been_sent()
    {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"u8.ToArray();
        var part = Encoding.UTF8.GetBytes(SuccessBody)[..20];
        await using var server = new RawTcpServer([.. head, .. part]);
        await using var provider = Build(server.BaseAddress);

        var error = await FailAsync(provider);

        Assert.IsNotType<IOException>(error.InnerException);
        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(1, server.Requests);
    }

    private ServiceProvider Build(Uri baseAddress, Action<TOptions>? adjust = null, CapturingLoggerProvider? logs = null, Action<SmsConnectorsBuilder>? more = null) =>
        TestHost.Build(services =>
        {
            logs?.AddTo(services);
            var builder = services.AddSmsConnectors();
            AddConnector(builder, ConnectorName, baseAddress, options =>
            {
                options.Resilience.Retry.MaxRetryAttempts = 2;
                options.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
                options.Resilience.Retry.MaxDelay = TimeSpan.FromMilliseconds(10);
                options.Resilience.Retry.UseJitter = false;
                adjust?.Invoke(options);
            });
            more?.Invoke(builder);
        });

    private static ISmsConnector Connector(ServiceProvider provider) => provider.GetRequiredKeyedService<ISmsConnector>(ConnectorName);

    private Task<SmsSendResult> SendAsync(ServiceProvider provider) => Connector(provider).SendAsync(PasscodeMessage(Number, Code));

    private Task<SmsConnectorException> FailAsync(ServiceProvider provider) => Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(provider));

    /// <summary>Every non-empty value the connector's options declare secret; a connector without one has nothing to prove here.</summary>
    private static string[] DeclaredSecrets(ServiceProvider provider)
    {
        string[] secrets = [.. provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(ConnectorName).Secrets().OfType<string>().Where(s => s.Length > 0)];
        Assert.NotEmpty(secrets);
        return secrets;
    }

    private static string[] Forbidden(ServiceProvider provider) => [.. DeclaredSecrets(provider), Number, Number[1..], Code];

    /// <summary>
    /// The vendor repeating everything it received: first a line naming the number, the passcode and
    /// every secret, then the request line, every header and the body.
    /// </summary>
    private static string Echo(ReceivedRequest request, string[] secrets) =>
        $"refused: to {Number}, code {Code}, keys {string.Join(' ', secrets)}\n"
        + $"{request.Method} {request.Path}{request.QueryString}\n"
        + string.Join('\n', request.Headers.Select(h => $"{h.Key}: {h.Value}"))
        + "\n\n" + request.BodyText;

    private static IEnumerable<string> Texts(SmsConnectorException error) =>
        [error.ToString(), error.ProviderMessage ?? string.Empty, error.ProviderCode ?? string.Empty, error.RequestId ?? string.Empty];

    private static void AssertNothingForbidden(string[] forbidden, IEnumerable<string> texts)
    {
        var all = texts.ToList();
        Assert.NotEmpty(all);
        foreach (var text in all)
        {
            foreach (var value in forbidden)
            {
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            }
        }
    }

    private sealed record RejectionOutcome(
        int Status, string Body, SmsErrorCode Code, bool MayHaveBeenSent, int VendorRequests, string? SentBy, int VendorRequestsWithFailover, int BackupRequests);
}
