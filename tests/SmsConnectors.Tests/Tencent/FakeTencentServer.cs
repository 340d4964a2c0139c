using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Tencent;

/// <summary>
/// Plays Tencent Cloud SMS on 127.0.0.1: it checks each request's signature from the bytes and
/// headers it received (<see cref="TencentSignatureCheck"/>), rejects timestamps more than five
/// minutes off its own clock, checks the action headers and body, and then answers with
/// <see cref="Respond"/> (success for every number by default).
/// </summary>
public sealed class FakeTencentServer : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private int _serial;

    private FakeTencentServer(DateTimeOffset now) => Now = now;

    /// <summary>Gets or sets the server's clock.</summary>
    public DateTimeOffset Now { get; set; }

    /// <summary>Gets the SecretKey for each SecretId the server knows.</summary>
    public Dictionary<string, string> SecretKeys { get; } = new(StringComparer.Ordinal) { [TencentTestHost.SecretId] = TencentTestHost.SecretKey };

    /// <summary>Gets or sets the answer to a verified request, from its body; <see langword="null"/> means the default success.</summary>
    public Func<JsonElement, string?> Respond { get; set; } = _ => null;

    /// <summary>Gets the verdict for each request: <c>ok</c> or the error code it was answered with.</summary>
    public List<string> Verdicts { get; } = [];

    public Uri BaseAddress => _server.BaseAddress;

    public IReadOnlyList<ReceivedRequest> Requests => _server.Requests;

    public static async Task<FakeTencentServer> StartAsync(DateTimeOffset now)
    {
        var fake = new FakeTencentServer(now);
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    private async Task HandleAsync(HttpContext context, ReceivedRequest request)
    {
        var requestId = Guid.NewGuid().ToString();
        var answer = Answer(request, requestId, out var verdict);
        lock (Verdicts)
        {
            Verdicts.Add(verdict);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private string Answer(ReceivedRequest request, string requestId, out string verdict)
    {
        var check = TencentSignatureCheck.Verify(request.Method, request.Path, request.QueryString, request.Header, request.Body, Now, SecretKeys);
        if (check.ErrorCode is not null)
        {
            verdict = check.ErrorCode;
            return TencentTestHost.Error(check.ErrorCode, check.Message, requestId);
        }

        if (request.Header("X-TC-Action") != "SendSms" || request.Header("X-TC-Version") != "2021-01-11")
        {
            verdict = "InvalidAction";
            return TencentTestHost.Error(verdict, "The action or version is not valid.", requestId);
        }

        if (string.IsNullOrEmpty(request.Header("X-TC-Region")))
        {
            verdict = "MissingParameter";
            return TencentTestHost.Error(verdict, "X-TC-Region is missing.", requestId);
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(request.Body).RootElement;
        }
        catch (JsonException)
        {
            verdict = "FailedOperation.JsonParseFail";
            return TencentTestHost.Error(verdict, "The body is not JSON.", requestId);
        }

        verdict = "ok";
        if (Respond(body) is { } custom)
        {
            return custom;
        }

        var statuses = body.GetProperty("PhoneNumberSet").EnumerateArray().Select(number => new Dictionary<string, object>
        {
            ["SerialNo"] = $"5000:{Interlocked.Increment(ref _serial)}",
            ["PhoneNumber"] = number.GetString()!,
            ["Fee"] = 1,
            ["SessionContext"] = "",
            ["Code"] = "Ok",
            ["Message"] = "send success",
            ["IsoCode"] = "CN",
        });
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Response"] = new Dictionary<string, object> { ["SendStatusSet"] = statuses.ToArray(), ["RequestId"] = requestId },
        });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
