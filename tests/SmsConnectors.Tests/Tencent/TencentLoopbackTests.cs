using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Tencent.TencentTestHost;

namespace SmsConnectors.Tests.Tencent;

/// <summary>Integration tests against a real HTTP server on 127.0.0.1 that verifies signatures as Tencent does.</summary>
public class TencentLoopbackTests
{
    [Fact]
    public async Task Server_verifies_the_signature_from_what_it_received_and_the_send_succeeds()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now));

        var result = await provider.Connector().SendAsync(Message());

        Assert.Equal(["ok"], server.Verdicts);
        Assert.Equal("5000:1", result.MessageId);
        Assert.NotNull(result.RequestId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("", request.QueryString);
        Assert.Equal(
            """{"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1110","TemplateParamSet":["123456"],"PhoneNumberSet":["+8618511122233"]}"""u8.ToArray(),
            request.Body);
        Assert.Equal($"127.0.0.1:{server.BaseAddress.Port}", request.Header("Host"));
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("SendSms", request.Header("X-TC-Action"));
        Assert.Equal("2021-01-11", request.Header("X-TC-Version"));
        Assert.Equal("ap-guangzhou", request.Header("X-TC-Region"));
        Assert.Equal("1772407800", request.Header("X-TC-Timestamp"));
        Assert.Equal(
            ["Authorization", "Content-Length", "Content-Type", "Host", "X-TC-Action", "X-TC-Region", "X-TC-Timestamp", "X-TC-Version"],
            request.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public async Task Clock_skew_within_five_minutes_is_accepted(int skewSeconds)
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now.AddSeconds(skewSeconds)));

        await provider.Connector().SendAsync(Message());

        Assert.Equal(["ok"], server.Verdicts);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(3600)]
    public async Task Clock_skew_over_five_minutes_is_rejected_as_signature_expired(int skewSeconds)
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now.AddSeconds(skewSeconds)));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        Assert.Equal(["AuthFailure.SignatureExpire"], server.Verdicts);
        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
        Assert.Equal("AuthFailure.SignatureExpire", error.ProviderCode);
        Assert.False(error.MayHaveBeenSent);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task A_later_send_is_signed_anew_and_accepted_when_an_old_signature_would_have_expired()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        var clock = new ManualTimeProvider(Now);
        await using var provider = BuildFor(server.BaseAddress, clock);

        await provider.Connector().SendAsync(Message());
        clock.Advance(TimeSpan.FromMinutes(10));
        server.Now = Now.AddMinutes(10);
        await provider.Connector().SendAsync(Message());

        Assert.Equal(["ok", "ok"], server.Verdicts);
        Assert.Equal(["1772407800", "1772408400"], server.Requests.Select(r => r.Header("X-TC-Timestamp")));
        Assert.NotEqual(server.Requests[0].Header("Authorization"), server.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task A_retry_after_a_call_rate_limit_is_signed_anew_at_the_time_of_the_retry()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        var clock = new ManualTimeProvider(Now);
        var calls = 0;
        server.Respond = _ =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return null;
            }

            // Both clocks move on before the retry: the first signature would now be expired.
            clock.Advance(TimeSpan.FromMinutes(10));
            server.Now = Now.AddMinutes(10);
            return Error("RequestLimitExceeded", "Your request frequency has exceeded the limit.");
        };
        await using var provider = BuildFor(server.BaseAddress, clock);

        var result = await provider.Connector().SendAsync(Message());

        Assert.Equal(["ok", "ok"], server.Verdicts);
        Assert.Equal(["1772407800", "1772408400"], server.Requests.Select(r => r.Header("X-TC-Timestamp")));
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
        Assert.NotEqual(server.Requests[0].Header("Authorization"), server.Requests[1].Header("Authorization"));
        Assert.NotNull(result.MessageId);
    }

    [Fact]
    public async Task A_request_limit_answer_was_not_processed_so_it_is_retried()
    {
        await using var server = await LoopbackServer.StartRawAsync(async (_, context, index) =>
        {
            context.Response.ContentType = "application/json";
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, index == 0
                ? """{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too fast"},"RequestId":"r-5"}}"""
                : """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+79991234567","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"RU"}],"RequestId":"r-6"}}""");
        });
        await using var provider = BuildFor(server.BaseAddress, TimeProvider.System);

        var result = await provider.Connector().SendAsync(SmsMessage.ForCode("+79991234567", SmsUsageType.SignIn, "123456"));

        Assert.Equal("5000:1", result.MessageId);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task A_wrong_secret_key_fails_the_signature()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now), options => options.AccessKeySecret = "another-secret");

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        Assert.Equal(["AuthFailure.SignatureFailure"], server.Verdicts);
        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
        Assert.DoesNotContain("another-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_secret_id_is_rejected()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now), options => options.AccessKeyId = "AKIDunknown");

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        Assert.Equal("AuthFailure.SecretIdNotFound", error.ProviderCode);
        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
    }

    [Fact]
    public async Task A_per_number_failure_is_reported_with_tencents_code_and_request_id()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        server.Respond = body => NumberFailure(
            "LimitExceeded.PhoneNumberOneHourLimit",
            $"number {body.GetProperty("PhoneNumberSet")[0].GetString()} exceeded the hourly limit",
            "req-hourly");
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        Assert.Equal(["ok"], server.Verdicts);
        Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
        Assert.Equal("LimitExceeded.PhoneNumberOneHourLimit", error.ProviderCode);
        Assert.Equal("req-hourly", error.RequestId);
        Assert.False(error.MayHaveBeenSent);
        var masked = SmsPhoneNumber.Parse(Number).Masked;
        Assert.Equal($"number {masked} exceeded the hourly limit", error.ProviderMessage);
        Assert.DoesNotContain("8618511122233", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_error_is_reported_with_tencents_code_and_request_id()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        server.Respond = _ => Error("FailedOperation.TemplateIncorrectOrUnapproved", "template not approved", "req-template");
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        Assert.Equal(SmsErrorCode.InvalidConfig, error.Code);
        Assert.Equal("FailedOperation.TemplateIncorrectOrUnapproved", error.ProviderCode);
        Assert.Equal("template not approved", error.ProviderMessage);
        Assert.Equal("req-template", error.RequestId);
        Assert.False(error.MayHaveBeenSent);
    }

    [Fact]
    public async Task Cancellation_during_the_request_is_honoured()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now));
        using var cancellation = new CancellationTokenSource();

        var send = provider.Connector().SendAsync(Message(), cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancellation_before_the_request_sends_nothing()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.Connector().SendAsync(Message(), new CancellationToken(canceled: true)));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task No_secret_signature_full_number_or_code_in_logs_or_errors()
    {
        await using var server = await FakeTencentServer.StartAsync(Now);
        var logs = new CapturingLoggerProvider();
        await using var provider = BuildFor(server.BaseAddress, new ManualTimeProvider(Now), logs: logs);

        await provider.Connector().SendAsync(Message());
        server.Respond = body => Error("InvalidParameterValue.IncorrectPhoneNumber", $"{body.GetProperty("PhoneNumberSet")[0].GetString()} is not a valid number");
        var rejected = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));
        server.Respond = _ => """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+8618511122233","Co""";
        var unreadable = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        var signatures = server.Requests.Select(r => r.Header("Authorization")!.Split("Signature=")[1]).ToArray();
        var seen = string.Join(
            "\n",
            string.Join("\n", logs.Lines),
            rejected.ToString(),
            rejected.ProviderMessage,
            unreadable.ToString(),
            unreadable.ProviderMessage);
        Assert.Contains(SmsPhoneNumber.Parse(Number).Masked, string.Join("\n", logs.Lines), StringComparison.Ordinal);
        Assert.Contains(SmsPhoneNumber.Parse(Number).Masked, unreadable.ProviderMessage, StringComparison.Ordinal);
        foreach (var secret in signatures.Append(SecretKey).Append("8618511122233").Append("18511122233").Append(Code))
        {
            Assert.DoesNotContain(secret, seen, StringComparison.Ordinal);
        }
    }

    private static ServiceProvider BuildFor(Uri endpoint, TimeProvider clock, Action<SmsConnectors.Tencent.TencentOptions>? configure = null, CapturingLoggerProvider? logs = null) =>
        Build(
            mock: null,
            options =>
            {
                options.Endpoint = endpoint.ToString();
                configure?.Invoke(options);
            },
            clock,
            logs);
}
