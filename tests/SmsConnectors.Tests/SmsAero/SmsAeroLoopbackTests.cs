using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>Against real HTTP servers on 127.0.0.1 that check requests the way SMSAero does and answer like it.</summary>
public class SmsAeroLoopbackTests
{
    private const string Email = "owner@example.com";
    private const string ApiKey = "integration-aero-key-77";
    private const string Number = "+79990001122";
    private const string Code = "730214";

    /// <summary>A stand-in for SMSAero's gateway: Basic auth, a JSON body with number, sign and text.</summary>
    private static Task<LoopbackServer> StartSmsAeroAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        context.Response.ContentType = "application/json";
        if (request.Method != "POST" || request.Path != "/v2/sms/send")
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"success":false,"data":null,"message":"Not found."}""");
            return;
        }

        var authorization = AuthenticationHeaderValue.Parse(request.Header("Authorization") ?? "None");
        if (authorization.Scheme != "Basic" || Encoding.UTF8.GetString(Convert.FromBase64String(authorization.Parameter ?? string.Empty)) != $"{Email}:{ApiKey}")
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"success":false,"data":null,"message":"Your request was made with invalid credentials."}""");
            return;
        }

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        var number = root.TryGetProperty("number", out var n) ? n.GetString() : null;
        var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
        if (request.Header("Content-Type") != "application/json" || number is null || !number.All(char.IsAsciiDigit) || text is not { Length: >= 2 and <= 640 })
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"success":false,"data":{"number":["incorrect"]},"message":"Validation error."}""");
            return;
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            success = true,
            data = new { id = 424242, from = root.GetProperty("sign").GetString(), number, text, status = 8, extendStatus = "moderation", channel = "FREE SIGN", cost = "4.49", dateCreate = 1697533302, dateSend = 1697533302 },
            message = (string?)null,
        }));
    });

    private static ServiceProvider Host(Uri baseAddress, IEnumerable<Uri>? mirrors = null, string apiKey = ApiKey, CapturingLoggerProvider? logs = null, TimeSpan? timeout = null) =>
        TestHost.Build(
            services =>
            {
                if (logs is not null)
                {
                    services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
                }

                services.AddSmsConnectors().AddSmsAero("aero", o =>
                {
                    o.Email = Email;
                    o.ApiKey = apiKey;
                    o.SenderName = "Shop";
                    o.Templates = SmsAeroTestHost.RequiredTemplates("Ваш код: {{code}}");
                    o.BaseUrl = new Uri(baseAddress, "v2").AbsoluteUri;
                    o.MirrorUrls = [.. (mirrors ?? []).Select(m => new Uri(m, "v2").AbsoluteUri)];
                    if (timeout is { } limit)
                    {
                        o.Resilience.AttemptTimeout = limit;
                    }
                });
            });

    private static Task<SmsSendResult> SendAsync(ServiceProvider provider, CancellationToken cancellationToken = default) =>
        provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.MfaVerification, Code), cancellationToken);

    [Fact]
    public async Task Sends_what_smsaero_expects_and_reads_its_answer()
    {
        await using var server = await StartSmsAeroAsync();
        await using var provider = Host(server.BaseAddress);

        var result = await SendAsync(provider);

        Assert.Equal("424242", result.MessageId);
        var request = Assert.Single(server.Requests);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(["number", "sign", "text"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("79990001122", body.RootElement.GetProperty("number").GetString());
        Assert.Equal("Shop", body.RootElement.GetProperty("sign").GetString());
        Assert.Equal($"Ваш код: {Code}", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Wrong_credentials_are_authorization_failed_and_not_sent()
    {
        await using var server = await StartSmsAeroAsync();
        await using var provider = Host(server.BaseAddress, apiKey: "wrong");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(provider));

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal(401, exception.HttpStatus);
        Assert.Equal("Your request was made with invalid credentials.", exception.ProviderMessage);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task Fails_over_to_the_next_host_when_the_first_refuses_the_connection()
    {
        var logs = new CapturingLoggerProvider();
        await using var mirror = await StartSmsAeroAsync();
        await using var provider = Host(RefusedAddress.Create(), [mirror.BaseAddress], logs: logs);

        var result = await SendAsync(provider);

        Assert.Equal("424242", result.MessageId);
        Assert.Single(mirror.Requests);
        Assert.Contains(logs.Entries, l => l.Level == LogLevel.Warning && l.Message.Contains("could not connect", StringComparison.Ordinal) && l.Message.Contains(mirror.BaseAddress.Authority, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tries_each_mirror_in_order()
    {
        await using var third = await StartSmsAeroAsync();
        await using var provider = Host(RefusedAddress.Create(), [RefusedAddress.Create(), third.BaseAddress]);

        await SendAsync(provider);

        Assert.Single(third.Requests);
    }

    [Fact]
    public async Task Does_not_fail_over_after_an_answer()
    {
        await using var primary = await LoopbackServer.StartAsync(500, "text/html", "<html><body>Internal Server Error</body></html>");
        await using var mirror = await StartSmsAeroAsync();
        await using var provider = Host(primary.BaseAddress, [mirror.BaseAddress]);

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(provider));

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
        Assert.True(exception.MayHaveBeenSent);
        Assert.Single(primary.Requests);
        Assert.Empty(mirror.Requests);
    }

    [Fact]
    public async Task Does_not_fail_over_after_an_explicit_rejection()
    {
        await using var primary = await StartSmsAeroAsync();
        await using var mirror = await StartSmsAeroAsync();
        await using var provider = Host(primary.BaseAddress, [mirror.BaseAddress], apiKey: "wrong");

        await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(provider));

        Assert.Single(primary.Requests);
        Assert.Empty(mirror.Requests);
    }

    [Fact]
    public async Task Does_not_fail_over_after_a_timeout()
    {
        await using var primary = await LoopbackServer.StartAsync(async (context, _) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var mirror = await StartSmsAeroAsync();
        await using var provider = Host(primary.BaseAddress, [mirror.BaseAddress], timeout: TimeSpan.FromMilliseconds(300));

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(provider));

        Assert.Equal(SmsErrorCode.Timeout, exception.Code);
        Assert.True(exception.MayHaveBeenSent);
        Assert.Single(primary.Requests);
        Assert.Empty(mirror.Requests);
    }

    [Fact]
    public async Task When_no_host_can_be_reached_nothing_was_sent()
    {
        await using var provider = Host(RefusedAddress.Create(), [RefusedAddress.Create()]);

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(provider));

        Assert.Equal(SmsErrorCode.ServiceUnavailable, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using var server = await StartSmsAeroAsync();
        await using var provider = Host(server.BaseAddress);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SendAsync(provider, new CancellationToken(canceled: true)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Cancelling_while_smsaero_is_slow_stops_the_send_promptly_without_failover()
    {
        await using var primary = await LoopbackServer.StartAsync(async (context, _) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var mirror = await StartSmsAeroAsync();
        await using var provider = Host(primary.BaseAddress, [mirror.BaseAddress]);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SendAsync(provider, cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Empty(mirror.Requests);
    }

    [Fact]
    public async Task No_secret_no_full_number_and_no_code_in_logs_or_errors()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await StartSmsAeroAsync();
        await using var echo = await LoopbackServer.StartAsync(400, "application/json", """{"success":false,"data":{"number":["79990001122 is incorrect"]},"message":"Validation error."}""");
        await using var good = Host(RefusedAddress.Create(), [server.BaseAddress], logs: logs);
        await using var bad = Host(server.BaseAddress, apiKey: "wrong-aero-key-31", logs: logs);
        await using var echoing = Host(echo.BaseAddress, logs: logs);

        await SendAsync(good);
        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(bad)),
            await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(echoing)),
        };

        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:{ApiKey}"));
        var wrongCredentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Email}:wrong-aero-key-31"));
        string[] forbidden = [ApiKey, "wrong-aero-key-31", credentials, wrongCredentials, Number, Number[1..], Code];
        Assert.Contains(logs.Entries, l => l.Message.Contains("+799******22", StringComparison.Ordinal));
        foreach (var text in logs.Entries.Select(l => l.ToString()).Concat(errors.Select(e => e.ToString())))
        {
            foreach (var secret in forbidden)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
