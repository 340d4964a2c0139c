using System.Net;
using static SmsConnectors.Tests.Http.HttpTestHost;

namespace SmsConnectors.Tests.Http;

/// <summary>How the Generic HTTP connector reads the endpoint's answer.</summary>
public class HttpResponseTests
{
    [Theory]
    [InlineData(200, "", "text/plain", null)]
    [InlineData(200, "OK", "text/plain", null)]
    [InlineData(200, "<html>queued</html>", "text/html", null)]
    [InlineData(200, "{\"status\":\"queued\"}", "application/json", null)]
    [InlineData(200, "{\"id\":\"msg-42\"}", "application/json", "msg-42")]
    [InlineData(201, " {\"messageId\": 9001, \"id\": null}", "application/json", "9001")]
    [InlineData(202, "{\"id\":", "application/json", null)]
    [InlineData(200, "{\"messageId\":\"m-2\",\"meta\":{\"id\":\"nested\"},\"id\":\"m-1\"}", "application/json", "m-1")]
    [InlineData(200, "{\"id\":\"\",\"messageId\":\"m-2\",\"list\":[1,{\"id\":3}]}", "application/json", "m-2")]
    [InlineData(200, "{\"id\":\"caf\\u00e9-7\"}", "application/json", "café-7")]
    [InlineData(200, "{\"id\":1.5e3}", "application/json", "1.5e3")]
    [InlineData(200, "{\"id\":\"m-1\"} trailing", "application/json", null)]
    [InlineData(202, "[{\"id\":\"x\"}]", "application/json", null)]
    [InlineData(204, "", "text/plain", null)]
    public async Task Any_2xx_is_success(int status, string body, string contentType, string? messageId)
    {
        using var harness = Create(_ => { }, (HttpStatusCode)status, body, contentType);

        var result = await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal("hook", result.ConnectorName);
        Assert.Equal(messageId, result.MessageId);
    }

    [Theory]
    [InlineData(400, SmsErrorCode.InvalidRequestParameters, false)]
    [InlineData(401, SmsErrorCode.AuthorizationFailed, false)]
    [InlineData(403, SmsErrorCode.AuthorizationFailed, false)]
    [InlineData(404, SmsErrorCode.InvalidConfig, false)]
    [InlineData(409, SmsErrorCode.General, false)]
    [InlineData(422, SmsErrorCode.InvalidRequestParameters, false)]
    [InlineData(429, SmsErrorCode.RateLimitExceeded, false)]
    [InlineData(500, SmsErrorCode.General, true)]
    [InlineData(502, SmsErrorCode.General, true)]
    [InlineData(503, SmsErrorCode.ServiceUnavailable, false)]
    [InlineData(504, SmsErrorCode.General, true)]
    public async Task Other_statuses_fail_with_status_body_and_an_honest_may_have_been_sent(int status, SmsErrorCode code, bool mayHaveBeenSent)
    {
        using var harness = Create(o => o.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1), (HttpStatusCode)status, "{\"error\":\"nope\"}");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal(code, exception.Code);
        Assert.Equal(status, exception.HttpStatus);
        Assert.Equal("{\"error\":\"nope\"}", exception.ProviderMessage);
        Assert.Equal(mayHaveBeenSent, exception.MayHaveBeenSent);
        Assert.Equal("hook", exception.ConnectorName);
        Assert.Contains($" answered HTTP {status}", exception.Message, StringComparison.Ordinal);

        // 429 and 503 say the request was not processed, so it is retried (twice by default); nothing else is.
        Assert.Equal(status is 429 or 503 ? 3 : 1, harness.Requests.Count);
    }

    [Fact]
    public async Task Html_502_keeps_the_page_as_the_provider_message()
    {
        const string page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
        using var harness = Create(_ => { }, HttpStatusCode.BadGateway, page, "text/html");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal(SmsErrorCode.General, exception.Code);
        Assert.Equal(502, exception.HttpStatus);
        Assert.Equal(page, exception.ProviderMessage);
        Assert.True(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task Long_error_body_is_cut_to_its_first_KiB()
    {
        var body = string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i:D4};"));
        using var harness = Create(_ => { }, HttpStatusCode.InternalServerError, body, "text/plain");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal(1024, exception.ProviderMessage!.Length);
        Assert.Equal(body[..1024], exception.ProviderMessage);
        Assert.DoesNotContain(body[1024..1100], exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_error_body_leaves_no_provider_message()
    {
        using var harness = Create(_ => { }, HttpStatusCode.Unauthorized, string.Empty, "text/plain");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Null(exception.ProviderMessage);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task Number_and_authorization_echoed_in_an_error_body_are_masked()
    {
        using var harness = Create(
            o => o.Authorization = "Bearer tok-9f8e7d6c5b",
            HttpStatusCode.BadRequest,
            "{\"error\":\"bad number +4915112345678 (4915112345678) for key tok-9f8e7d6c5b, header Bearer tok-9f8e7d6c5b\"}");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal("{\"error\":\"bad number +491********78 (491********78) for key ***, header ***\"}", exception.ProviderMessage);
    }

    [Fact]
    public async Task Answer_larger_than_the_cap_is_an_invalid_response()
    {
        using var harness = Create(o => o.MaxResponseBytes = 100, HttpStatusCode.OK, new string('x', 101), "text/plain");

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
        Assert.True(exception.MayHaveBeenSent);
    }
}
