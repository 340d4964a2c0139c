using System.Net.Http.Headers;
using System.Text;
using SmsConnectors.Answers;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Answers;

/// <summary>The one precedence every vendor's answer goes through: an understood body decides; otherwise the status does.</summary>
public sealed class AnswerClassifierTests : IDisposable
{
    private const string Vendor = "Acme";
    private const string Connector = "acme";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Redactor NoSecrets = new(SmsPhoneNumber.Parse("+4915112345678"), []);

    private readonly HttpResponseMessage _response = new();
    private readonly ManualTimeProvider _clock = new(Now);

    public void Dispose() => _response.Dispose();

    [Fact]
    public void A_sent_verdict_is_the_result_with_the_vendors_ids()
    {
        var result = Classify(200, "{}", VendorVerdict.Sent("m-1", "r-1"));

        Assert.Equal(Connector, result.ConnectorName);
        Assert.Equal("m-1", result.MessageId);
        Assert.Equal("r-1", result.RequestId);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(200)]
    public void An_understood_failure_that_may_have_been_sent_stays_so_whatever_the_status(int status)
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));

        var error = Fail(status, "{}", VendorVerdict.Failed(SmsErrorCode.General, "InternalError.Timeout", "timed out", "the request timed out", mayHaveBeenSent: true));

        Assert.Equal(SmsErrorCode.General, error.Code);
        Assert.Equal("InternalError.Timeout", error.ProviderCode);
        Assert.Equal(status, error.HttpStatus);
        Assert.True(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void An_understood_rejection_under_503_keeps_the_vendors_code_and_is_not_sent()
    {
        var error = Fail(503, "{}", VendorVerdict.Failed(SmsErrorCode.AuthorizationFailed, "900", null, "authentication failed", mayHaveBeenSent: false));

        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void An_understood_transient_failure_that_was_not_sent_keeps_retry_after()
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var error = Fail(200, "{}", VendorVerdict.Failed(SmsErrorCode.RateLimitExceeded, "RequestLimitExceeded", null, null, mayHaveBeenSent: false, isTransient: true));

        Assert.True(error.IsTransient);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public void An_understood_transient_failure_that_may_have_been_sent_drops_retry_after()
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var error = Fail(200, "{}", VendorVerdict.Failed(SmsErrorCode.General, "X", null, null, mayHaveBeenSent: true, isTransient: true));

        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void Not_understood_under_429_is_rate_limited_not_sent_transient_with_the_headers_retry_after()
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        var error = Fail(429, "<html>slow down</html>", VendorVerdict.NotUnderstood("it is not JSON", SmsErrorCode.InvalidConfig));

        Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
        Assert.Equal(429, error.HttpStatus);
        Assert.False(error.MayHaveBeenSent);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Equal("<html>slow down</html>", error.ProviderMessage);
    }

    [Fact]
    public void Not_understood_under_503_is_service_unavailable_not_sent_and_transient()
    {
        var error = Fail(503, "maintenance", VendorVerdict.NotUnderstood("it is not JSON"));

        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.True(error.IsTransient);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void A_retry_after_date_is_the_wait_until_then_by_the_clock_given()
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(30));

        var error = Fail(503, "maintenance", VendorVerdict.NotUnderstood(null));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public void A_retry_after_date_in_the_past_is_no_wait()
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(-30));

        var error = Fail(429, "slow down", VendorVerdict.NotUnderstood(null));

        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public void Not_understood_under_another_4xx_is_the_vendors_fallback_code_and_not_sent(int status)
    {
        var error = Fail(status, "nope", VendorVerdict.NotUnderstood("it is not JSON", SmsErrorCode.InvalidConfig));

        Assert.Equal(SmsErrorCode.InvalidConfig, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.False(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    [InlineData(502)]
    public void Not_understood_under_a_2xx_or_a_5xx_other_than_503_is_the_fallback_code_and_may_have_been_sent(int status)
    {
        _response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        var error = Fail(status, "<html>oops</html>", VendorVerdict.NotUnderstood("it is not JSON"));

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
        Assert.Null(error.RetryAfter);
        Assert.Equal("<html>oops</html>", error.ProviderMessage);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(400, false)]
    [InlineData(429, false)]
    [InlineData(499, false)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, false)]
    [InlineData(504, true)]
    public void Only_503_and_4xx_statuses_say_nothing_was_sent(int status, bool mayHaveBeenSent) =>
        Assert.Equal(mayHaveBeenSent, AnswerClassifier.StatusMayHaveBeenSent(status));

    private SmsSendResult Classify(int status, string body, VendorVerdict verdict) =>
        AnswerClassifier.Classify(new VendorAnswer(status, _response.Headers, Encoding.UTF8.GetBytes(body)), verdict, Connector, Vendor, NoSecrets, _clock);

    private SmsConnectorException Fail(int status, string body, VendorVerdict verdict) =>
        Assert.Throws<SmsConnectorException>(() => Classify(status, body, verdict));
}
