using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;
using SmsConnectors.Tests.Tencent;

namespace SmsConnectors.Tests.Sending;

/// <summary>
/// The send path runs each layer once, in one direction: a message is prepared (rendered, its body
/// built) once before the rate limit and the pipeline; only per-attempt work happens per attempt.
/// </summary>
public class SendPathTests
{
    private const string Number = "+4915112345678";
    private const string TencentSecretId = "AKIDsendpath";
    private const string TencentSecretKey = "send-path-secret-key";

    [Fact]
    public async Task A_message_that_fails_to_prepare_takes_no_rate_limit_permit_and_makes_no_request()
    {
        var (provider, requests) = SevenAtOnePerSecond();
        await using var _ = provider;
        var connector = provider.GetRequiredService<ISmsConnector>();

        var unprepared = await Assert.ThrowsAsync<SmsConnectorException>(
            () => connector.SendAsync(new SmsMessage { To = Number, Type = SmsUsageType.SignIn }));
        var sent = await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "123456"));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, unprepared.Code);
        Assert.False(unprepared.MayHaveBeenSent);
        Assert.Equal("1", sent.MessageId);
        Assert.Single(requests);
    }

    [Fact]
    public async Task The_rate_limit_still_counts_messages_that_were_prepared()
    {
        var (provider, requests) = SevenAtOnePerSecond();
        await using var _ = provider;
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));
        var limited = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "2")));

        Assert.Equal(SmsErrorCode.RateLimitExceeded, limited.Code);
        Assert.False(limited.MayHaveBeenSent);
        Assert.Single(requests);
    }

    [Fact]
    public async Task A_send_retried_twice_renders_once_and_is_signed_for_each_of_its_three_attempts()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var received = new List<(HttpRequestMessage Request, byte[] Body, DateTimeOffset ServerNow)>();
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(async request =>
        {
            var body = await request.Content!.ReadAsByteArrayAsync();
            int attempt;
            lock (received)
            {
                received.Add((request, body, clock.GetUtcNow()));
                attempt = received.Count;
            }

            // Each attempt happens a second later, so each must carry its own timestamp and signature.
            clock.Advance(TimeSpan.FromSeconds(1));
            return attempt < 3
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("busy") }
                : new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StringContent(
                        """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+4915112345678","Code":"Ok","Message":"send success"}],"RequestId":"r-3"}}""",
                        Encoding.UTF8,
                        "application/json"),
                };
        });
        await using var provider = TestHost.Build(
            services => services.AddSmsConnectors().AddTencent("tencent", o =>
            {
                (o.AccessKeyId, o.AccessKeySecret, o.SignName, o.SdkAppId, o.Region) = (TencentSecretId, TencentSecretKey, "Sign", "1400006666", "ap-guangzhou");
                o.Templates =
                [
                    new() { UsageType = "SignIn", TemplateCode = "1", Parameters = ["code", "name"] },
                    new() { UsageType = "Register", TemplateCode = "2" },
                    new() { UsageType = "ForgotPassword", TemplateCode = "3" },
                    new() { UsageType = "Generic", TemplateCode = "4" },
                ];
                o.Resilience.Retry.BaseDelay = TimeSpan.Zero;
                o.Resilience.Retry.UseJitter = false;
            }),
            mock,
            ["tencent"],
            clock);
        var name = new CountingValue("Ada");

        var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(
            new SmsMessage { To = Number, Type = SmsUsageType.SignIn, Payload = new Dictionary<string, object?> { ["code"] = "123456", ["name"] = name } });

        Assert.Equal("5000:1", result.MessageId);
        Assert.Equal(1, name.Renders);
        Assert.Contains("\"TemplateParamSet\":[\"123456\",\"Ada\"]", Encoding.UTF8.GetString(received[0].Body), StringComparison.Ordinal);
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(r => r.Request.Headers.GetValues("X-TC-Timestamp").Single()).Distinct().Count());
        Assert.Equal(3, received.Select(r => r.Request.Headers.GetValues("Authorization").Single()).Distinct().Count());
        Assert.All(received, r => Assert.Equal(received[0].Body, r.Body));
        Assert.All(received, r =>
        {
            var check = TencentSignatureCheck.Verify(
                r.Request.Method.Method,
                r.Request.RequestUri!.AbsolutePath,
                r.Request.RequestUri.Query.TrimStart('?'),
                name => r.Request.Headers.TryGetValues(name, out var values) ? values.Single()
                    : r.Request.Content!.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : null,
                r.Body,
                r.ServerNow,
                new Dictionary<string, string> { [TencentSecretId] = TencentSecretKey });
            Assert.Null(check.ErrorCode);
        });
    }

    [Fact]
    public async Task A_vendor_body_that_is_understood_decides_over_the_status()
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(
            HttpStatusCode.ServiceUnavailable,
            """{"Response":{"Error":{"Code":"InternalError.Timeout","Message":"backend timeout"},"RequestId":"r-1"}}""");
        await using var provider = TestHost.Build(
            services => services.AddSmsConnectors().AddTencent("tencent", o =>
            {
                (o.AccessKeyId, o.AccessKeySecret, o.SignName, o.SdkAppId, o.Region) = (TencentSecretId, TencentSecretKey, "Sign", "1400006666", "ap-guangzhou");
                o.Templates =
                [
                    new() { UsageType = "SignIn", TemplateCode = "1" },
                    new() { UsageType = "Register", TemplateCode = "2" },
                    new() { UsageType = "ForgotPassword", TemplateCode = "3" },
                    new() { UsageType = "Generic", TemplateCode = "4" },
                ];
                o.Resilience.Retry.BaseDelay = TimeSpan.Zero;
            }),
            mock,
            ["tencent"]);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "123456")));

        Assert.Single(requests);
        Assert.True(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
        Assert.Equal(SmsErrorCode.General, error.Code);
        Assert.Equal("InternalError.Timeout", error.ProviderCode);
        Assert.Equal(503, error.HttpStatus);
        Assert.Contains("may have been sent", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing was sent", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A Seven connector behind a mock, allowed one send per second and no queue.</summary>
    private static (ServiceProvider Provider, List<RecordedRequest> Requests) SevenAtOnePerSecond()
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(body: """{"success":"100","messages":[{"id":"1","success":true}]}""");
        var provider = TestHost.Build(
            services => services.AddSmsConnectors().AddSeven("seven", o =>
            {
                o.ApiKey = "key";
                o.Templates = [new() { UsageType = "SignIn", Content = "Your code is {{code}}" }];
                o.RateLimit = new() { PermitsPerSecond = 1, QueueLength = 0 };
            }),
            mock,
            ["seven"]);
        return (provider, requests);
    }

    /// <summary>A payload value that counts how often it is rendered into text.</summary>
    private sealed class CountingValue(string value) : IFormattable
    {
        private int _renders;

        public int Renders => _renders;

        public string ToString(string? format, IFormatProvider? formatProvider)
        {
            Interlocked.Increment(ref _renders);
            return value;
        }

        public override string ToString() => ToString(null, CultureInfo.InvariantCulture);
    }
}
