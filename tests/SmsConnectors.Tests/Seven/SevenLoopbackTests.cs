using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Seven;

/// <summary>Against a real HTTP server on 127.0.0.1 that checks requests the way Seven does and answers like it.</summary>
public class SevenLoopbackTests
{
    private const string ApiKey = "integration-key-9f8e7d";
    private const string Number = "+4915112345678";
    private const string Code = "493817";

    /// <summary>A stand-in for Seven's gateway: key in X-Api-Key, form data with to and text; 900 for a wrong key.</summary>
    private static Task<LoopbackServer> StartSevenAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        var form = QueryHelpers.ParseQuery(request.BodyText);
        if (request.Method != "POST" || request.Path != "/api/sms")
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (request.Header("X-Api-Key") != ApiKey)
        {
            await context.Response.WriteAsync("900");
            return;
        }

        if (request.Header("Content-Type") != "application/x-www-form-urlencoded" || !form.TryGetValue("to", out var to) || !form.TryGetValue("text", out var text))
        {
            await context.Response.WriteAsync(form.ContainsKey("to") ? "305" : "301");
            return;
        }

        context.Response.ContentType = "application/json";
        var from = form.TryGetValue("from", out var sender) ? sender.ToString() : "seven.io";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            success = "100",
            total_price = 0.075,
            balance = 9.9,
            debug = "false",
            sms_type = "direct",
            messages = new[]
            {
                new { id = "77230001", sender = from, recipient = to.ToString().TrimStart('+'), text = text.ToString(), encoding = "gsm", label = (string?)null, parts = 1, price = 0.075, success = true, error = (string?)null, error_text = (string?)null },
            },
        }));
    });

    private static ServiceProvider Host(Uri baseAddress, string apiKey = ApiKey, CapturingLoggerProvider? logs = null) =>
        TestHost.Build(services =>
        {
            if (logs is not null)
            {
                services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            }

            services.AddSmsConnectors(TestHost.Json($$$"""
                {
                  "SmsConnectors": {
                    "Connectors": {
                      "seven": {
                        "Provider": "Seven",
                        "apiKey": "{{{apiKey}}}",
                        "from": "Logto",
                        "BaseUrl": "{{{baseAddress}}}api",
                        "templates": [ { "usageType": "SignIn", "content": "Your code is {{code}}" } ]
                      }
                    }
                  }
                }
                """).GetSection("SmsConnectors"));
        });

    [Fact]
    public async Task Sends_what_seven_expects_and_reads_its_answer()
    {
        await using var server = await StartSevenAsync();
        await using var provider = Host(server.BaseAddress);

        var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code));

        Assert.Equal("77230001", result.MessageId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("SmsConnectors", request.Header("SentWith"));
        Assert.Equal("application/json", request.Header("Accept"));
        var form = QueryHelpers.ParseQuery(request.BodyText);
        Assert.Equal(["to", "text", "from"], form.Keys);
        Assert.Equal(Number, form["to"]);
        Assert.Equal($"Your code is {Code}", form["text"]);
        Assert.Equal("Logto", form["from"]);
    }

    [Fact]
    public async Task A_wrong_key_is_authorization_failed_and_not_sent()
    {
        await using var server = await StartSevenAsync();
        await using var provider = Host(server.BaseAddress, apiKey: "wrong-key");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code)));

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal("900", exception.ProviderCode);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        await using var server = await StartSevenAsync();
        await using var provider = Host(server.BaseAddress);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code), new CancellationToken(canceled: true)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Cancelling_while_seven_is_slow_stops_the_send_promptly()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await using var provider = Host(server.BaseAddress);
        using var cancellation = new CancellationTokenSource();

        var send = provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code), cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var stopwatch = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task No_secret_no_full_number_and_no_code_in_logs_or_errors()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await StartSevenAsync();
        await using var good = Host(server.BaseAddress, logs: logs);
        await using var bad = Host(server.BaseAddress, apiKey: "wrong-key-0a1b2c", logs: logs);
        await using var refused = Host(RefusedAddress.Create(), logs: logs);

        await good.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code));
        var errors = new List<Exception>
        {
            await Assert.ThrowsAsync<SmsConnectorException>(() => bad.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code))),
            await Assert.ThrowsAsync<SmsConnectorException>(() => refused.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code))),
        };

        Assert.NotEmpty(logs.Entries);
        Assert.Contains(logs.Entries, l => l.Message.Contains("+49********78", StringComparison.Ordinal) || l.Message.Contains("+491********78", StringComparison.Ordinal));
        string[] forbidden = [ApiKey, "wrong-key-0a1b2c", Number, Number[1..], Code];
        foreach (var text in logs.Entries.Select(l => l.ToString()).Concat(errors.Select(e => e.ToString())))
        {
            foreach (var secret in forbidden)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
