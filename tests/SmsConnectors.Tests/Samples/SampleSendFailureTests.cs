using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// The sample sending through a Generic HTTP connector whose endpoint is a loopback server that
/// fails: a failure that may have been sent keeps the passcode, one that was not sent revokes it.
/// </summary>
public sealed class SampleSendFailureTests
{
    private const string Phone = "+4915112345678";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_send_that_may_have_been_sent_keeps_the_passcode_and_asks_the_user_to_wait()
    {
        await using var vendor = await LoopbackServer.StartAsync(500, "text/plain", "upstream hiccup");
        await using var sample = await StartSampleAsync(vendor);

        var requested = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var again = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var verified = await sample.Client.PostAsJsonAsync("/passcodes/verify", new { phone = Phone, type = "SignIn", code = CodeSentIn(vendor.Requests[0]) });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        using var body = JsonDocument.Parse(await requested.Content.ReadAsStringAsync());
        Assert.Equal("The passcode may be on its way. Please wait for it before requesting another.", body.RootElement.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("30", again.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task A_rejected_number_revokes_the_passcode_and_is_a_400()
    {
        await using var vendor = await LoopbackServer.StartAsync(400, "application/json", """{"error":"invalid number"}""");
        await using var sample = await StartSampleAsync(vendor);

        var requested = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var verified = await sample.Client.PostAsJsonAsync("/passcodes/verify", new { phone = Phone, type = "SignIn", code = CodeSentIn(vendor.Requests[0]) });
        var again = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });

        Assert.Equal(HttpStatusCode.BadRequest, requested.StatusCode);
        Assert.Equal("application/problem+json", requested.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The phone number was rejected.", await DetailAsync(requested));
        Assert.Equal(HttpStatusCode.BadRequest, verified.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(2, vendor.Requests.Count);
    }

    [Fact]
    public async Task A_vendor_rate_limit_revokes_the_passcode_and_is_a_429_with_the_vendors_retry_after()
    {
        await using var vendor = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "7";
            await context.Response.WriteAsync("slow down");
        });
        await using var sample = await StartSampleAsync(vendor);

        var requested = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var verified = await sample.Client.PostAsJsonAsync("/passcodes/verify", new { phone = Phone, type = "SignIn", code = CodeSentIn(vendor.Requests[0]) });

        Assert.Equal(HttpStatusCode.TooManyRequests, requested.StatusCode);
        Assert.Equal("7", requested.Headers.GetValues("Retry-After").Single());
        Assert.StartsWith("No passcode was sent", await DetailAsync(requested), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, verified.StatusCode);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task An_unavailable_vendor_revokes_the_passcode_and_is_a_503()
    {
        await using var vendor = await LoopbackServer.StartAsync(503, "text/html", "<h1>Service Unavailable</h1>");
        await using var sample = await StartSampleAsync(vendor);

        var requested = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var again = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, requested.StatusCode);
        Assert.Equal("application/problem+json", requested.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Equal(2, vendor.Requests.Count);
    }

    private Task<SampleServer> StartSampleAsync(LoopbackServer vendor) =>
        SampleServer.StartAsync(_time, settings:
        [
            "--SmsConnectors:DefaultConnector=hook",
            "--SmsConnectors:Connectors:hook:Provider=Http",
            $"--SmsConnectors:Connectors:hook:endpoint={vendor.BaseAddress}sms",
            "--SmsConnectors:Connectors:hook:Resilience:Retry:MaxRetryAttempts=0",
            "--SmsConnectors:Connectors:hook:templates:0:usageType=Generic",
            "--SmsConnectors:Connectors:hook:templates:0:content=Your code is {{code}}",
        ]);

    /// <summary>The passcode in a request the loopback vendor received (Logto http-sms's default body).</summary>
    private static string CodeSentIn(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("payload").GetProperty("code").GetString()!;
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString();
    }
}
