using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Http;
using SmsConnectors.Templates;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Http.HttpTestHost;

namespace SmsConnectors.Tests.Http;

/// <summary>The Generic HTTP connector against a real HTTP server on 127.0.0.1: what a receiver sees.</summary>
public class HttpLoopbackTests
{
    private static ServiceProvider Build(LoopbackServer server, Action<HttpSmsOptions> configure, CapturingLoggerProvider? logs = null, bool clientLogs = false) =>
        TestHost.Build(s =>
        {
            if (logs is not null)
            {
                s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            }

            s.AddSmsConnectors().AddHttp("hook", o =>
            {
                o.Endpoint = new Uri(server.BaseAddress, "sms/send").AbsoluteUri;
                configure(o);
            });
            if (clientLogs)
            {
                s.AddHttpClient("SmsConnectors.hook").AddDefaultLogger();
            }
        });

    [Fact]
    public async Task Post_reaches_the_receiver_as_json_with_its_headers()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", """{"id":"abc-1"}""");
        using var provider = Build(server, o =>
        {
            o.Authorization = "Bearer live-token";
            o.Headers = new() { ["X-Tenant"] = "acme", ["X-Usage"] = "{{type}}" };
            o.BodyParameters = Json("""{"to": "{{to}}", "text": "{{message}}", "meta": {"lang": "{{locale}}"}}""");
            o.Templates = [new SmsTextTemplate { UsageType = "SignIn", Locale = "ru", Content = "Ваш код: {{code}} 🙂" }];
        });

        var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "123456", "ru-RU"));

        Assert.Equal("abc-1", result.MessageId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/sms/send", request.Path);
        Assert.Equal(string.Empty, request.QueryString);
        Assert.Equal("Bearer live-token", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("acme", request.Header("X-Tenant"));
        Assert.Equal("SignIn", request.Header("X-Usage"));
        Assert.Equal(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.Equal(Encoding.UTF8.GetBytes("""{"to":"+4915112345678","text":"Ваш код: 123456 \uD83D\uDE42","meta":{"lang":"ru-RU"}}"""), request.Body);
    }

    [Fact]
    public async Task Get_reaches_the_receiver_with_a_decodable_query()
    {
        await using var server = await LoopbackServer.StartAsync(204, "text/plain", string.Empty);
        using var provider = Build(server, o =>
        {
            o.Method = "GET";
            o.QueryParameters = new() { ["to"] = "{{to}}", ["text"] = "{{message}}" };
            o.Templates = [new SmsTextTemplate { UsageType = "Generic", Content = "Код {{code}} & more=yes+ 😀" }];
        });

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.Register, "654321"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/sms/send", request.Path);
        Assert.Equal("?to=%2B4915112345678&text=%D0%9A%D0%BE%D0%B4%20654321%20%26%20more%3Dyes%2B%20%F0%9F%98%80", request.QueryString);
        var query = QueryHelpersParse(request.QueryString);
        Assert.Equal("+4915112345678", query["to"]);
        Assert.Equal("Код 654321 & more=yes+ 😀", query["text"]);
        Assert.Empty(request.Body);
        Assert.Null(request.Header("Content-Type"));
    }

    [Fact]
    public async Task Default_body_reaches_an_http_sms_receiver()
    {
        await using var server = await LoopbackServer.StartAsync(200, "text/plain", "ok");
        using var provider = Build(server, o => o.Authorization = "secret-key");

        await provider.GetRequiredService<ISmsConnector>().SendAsync(new SmsMessage
        {
            To = Number,
            Type = SmsUsageType.ForgotPassword,
            Ip = "198.51.100.4",
            Payload = new Dictionary<string, object?> { ["code"] = "778899", ["locale"] = "en" },
        });

        var request = Assert.Single(server.Requests);
        Assert.Equal("secret-key", request.Header("Authorization"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal(Encoding.UTF8.GetBytes("""{"to":"+4915112345678","type":"ForgotPassword","payload":{"code":"778899","locale":"en"},"ip":"198.51.100.4"}"""), request.Body);
    }

    [Fact]
    public async Task Receiver_error_surfaces_with_status_and_body()
    {
        await using var server = await LoopbackServer.StartAsync(502, "text/html", "<html><body>Bad Gateway</body></html>");
        using var provider = Build(server, _ => { });

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1")));

        Assert.Equal(502, exception.HttpStatus);
        Assert.Equal("<html><body>Bad Gateway</body></html>", exception.ProviderMessage);
        Assert.True(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task Cancellation_stops_a_hanging_send_promptly()
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
        using var provider = Build(server, _ => { });
        using var cancellation = new CancellationTokenSource();

        var send = provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"), cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        await released.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancelled_token_sends_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(200, "text/plain", "ok");
        using var provider = Build(server, _ => { });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"), new CancellationToken(canceled: true)));

        Assert.Empty(server.Requests);
    }

    /// <summary>The connector's client logs nothing of its own by default; an app that adds the factory's logger back gets its lines, and they leak nothing either.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task No_log_line_or_exception_carries_the_secret_the_number_or_the_code(bool clientLogs)
    {
        const string secret = "sk_live_5f4dcc3b5aa765d61d8327deb882cf99";
        const string code = "482916";
        var logs = new CapturingLoggerProvider();
        var status = 200;
        await using var server = await LoopbackServer.StartAsync(async (context, request) =>
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync($"echo {request.Header("Authorization")} {request.QueryString} {request.BodyText}");
        });
        using var provider = Build(
            server,
            o =>
            {
                o.Authorization = "Bearer " + secret;
                o.QueryParameters = new() { ["to"] = "{{to}}", ["code"] = "{{code}}" };
                o.Headers = new() { ["X-Code"] = "{{code}}" };
                o.BodyParameters = Json("""{"to": "{{to}}", "text": "{{message}}"}""");
            },
            logs,
            clientLogs);
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, code));
        var failures = new List<SmsConnectorException>();
        foreach (var failing in new[] { 400, 500 })
        {
            status = failing;
            failures.Add(await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, code))));
        }

        failures.Add(await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "12\r\n"))));

        Assert.Equal(clientLogs, logs.Lines.Any(line => line.Contains("System.Net.Http.HttpClient.SmsConnectors.hook", StringComparison.Ordinal)));
        Assert.Contains(logs.Lines, line => line.Contains("+491********78", StringComparison.Ordinal));
        foreach (var text in logs.Lines.Concat(failures.Select(f => f.ToString())).Concat(failures.Select(f => f.ProviderMessage ?? string.Empty)))
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("4915112345678", text, StringComparison.Ordinal);
        }

        foreach (var text in logs.Lines.Concat(failures.Select(f => f.ToString())))
        {
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> QueryHelpersParse(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
