using System.Net.Http;
using System.Text;
using SmsConnectors.Answers;

namespace SmsConnectors.Tests.Answers;

/// <summary>Every failure of a vendor send in one format: what happened, the status, the vendor's code and words (redacted), and whether it may have been sent.</summary>
public class VendorFailureTests
{
    private const string Secret = "acme-key-9Zq";
    private const string Code = "583920";
    private static readonly Redactor Redactor = new(SmsPhoneNumber.Parse("+4915112345678"), [Secret], Code);

    [Fact]
    public void A_reported_failure_says_what_the_vendor_meant_its_status_code_request_id_and_words()
    {
        var verdict = VendorVerdict.Failed(SmsErrorCode.InvalidRequestParameters, "202", "Invalid recipient.", "the recipient is invalid", mayHaveBeenSent: false, requestId: "r-1");

        var error = VendorFailure.Reported(Answer(200, "{}"), verdict, "Seven", Redactor, retryAfter: null);

        Assert.Equal("Seven reported a failure: the recipient is invalid (HTTP 200, code 202, request id r-1); the vendor says: Invalid recipient.", error.Message);
        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("202", error.ProviderCode);
        Assert.Equal("Invalid recipient.", error.ProviderMessage);
        Assert.Equal("r-1", error.RequestId);
        Assert.Null(error.RetryAfter);
        Assert.False(error.IsTransient);
        Assert.False(error.MayHaveBeenSent);
    }

    [Fact]
    public void A_reported_failure_redacts_the_number_the_secret_and_the_passcode_in_its_message_and_the_vendors_words()
    {
        var verdict = VendorVerdict.Failed(SmsErrorCode.AuthorizationFailed, Secret, $"  key {Secret} for 4915112345678 with code {Code}. ", meaning: null, mayHaveBeenSent: false);

        var error = VendorFailure.Reported(Answer(401, "{}"), verdict, "Acme", Redactor, retryAfter: null);

        Assert.Equal("Acme reported a failure (HTTP 401, code ***); the vendor says: key *** for 491********78 with code ***.", error.Message);
        Assert.Equal("key *** for 491********78 with code ***.", error.ProviderMessage);
        Assert.Equal("***", error.ProviderCode);
    }

    [Fact]
    public void A_reported_failure_that_may_pass_says_when_to_retry_and_one_that_may_have_been_sent_says_so()
    {
        var notSent = VendorFailure.Reported(
            Answer(429, "{}"), VendorVerdict.Failed(SmsErrorCode.RateLimitExceeded, null, "   ", null, mayHaveBeenSent: false, isTransient: true), "Acme", Redactor, TimeSpan.FromSeconds(1.5));
        var maybeSent = VendorFailure.Reported(
            Answer(200, "{}"), VendorVerdict.Failed(SmsErrorCode.General, "E1", null, "an unknown error", mayHaveBeenSent: true), "Acme", Redactor, retryAfter: null);

        Assert.Equal("Acme reported a failure (HTTP 429). Retry after 1.5 s.", notSent.Message);
        Assert.Null(notSent.ProviderMessage);
        Assert.Null(notSent.ProviderCode);
        Assert.Equal(TimeSpan.FromSeconds(1.5), notSent.RetryAfter);
        Assert.True(notSent.IsTransient);
        Assert.Equal("Acme reported a failure: an unknown error (HTTP 200, code E1). The message may have been sent.", maybeSent.Message);
        Assert.True(maybeSent.MayHaveBeenSent);
    }

    [Theory]
    [InlineData(429, SmsErrorCode.RateLimitExceeded)]
    [InlineData(503, SmsErrorCode.ServiceUnavailable)]
    public void An_answer_not_processed_says_nothing_was_sent_keeps_the_redacted_body_and_may_be_retried(int status, SmsErrorCode expected)
    {
        var answer = Answer(status, $"<html>busy: +4915112345678 {Secret} {Code}</html>");

        var error = VendorFailure.NotProcessed(answer, VendorVerdict.NotUnderstood("it is not JSON"), "Acme", Redactor, TimeSpan.FromSeconds(2));

        Assert.Equal($"Acme answered HTTP {status}, which could not be understood: it is not JSON; nothing was sent. Retry after 2 s.", error.Message);
        Assert.Equal(expected, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal("<html>busy: +491********78 *** ***</html>", error.ProviderMessage);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.False(error.MayHaveBeenSent);
    }

    [Fact]
    public void An_answer_not_understood_under_a_4xx_has_the_fallback_code_and_was_not_sent()
    {
        var error = VendorFailure.NotUnderstood(Answer(400, "nope"), VendorVerdict.NotUnderstood("it has no 'Response' object", SmsErrorCode.InvalidConfig), "Acme", Redactor);

        Assert.Equal("Acme answered HTTP 400, which could not be understood: it has no 'Response' object; nothing was sent.", error.Message);
        Assert.Equal(SmsErrorCode.InvalidConfig, error.Code);
        Assert.Equal("nope", error.ProviderMessage);
        Assert.False(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void An_empty_answer_not_understood_under_a_500_may_have_been_sent_and_has_no_vendor_words()
    {
        var error = VendorFailure.NotUnderstood(Answer(500, string.Empty), VendorVerdict.NotUnderstood(null), "Acme", Redactor);

        Assert.Equal("Acme answered HTTP 500; the message may have been sent.", error.Message);
        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Null(error.ProviderMessage);
        Assert.True(error.MayHaveBeenSent);
    }

    [Fact]
    public void Only_the_first_KiB_of_an_answer_is_kept()
    {
        var error = VendorFailure.NotUnderstood(Answer(502, new string('x', 3000)), VendorVerdict.NotUnderstood(null), "Acme", Redactor);

        Assert.Equal(new string('x', 1024), error.ProviderMessage);
    }

    [Theory]
    [InlineData(200, "; the message may have been sent.", true)]
    [InlineData(404, "; nothing was sent.", false)]
    public void An_answer_too_large_says_the_cap_and_whether_it_may_have_been_sent(int status, string ending, bool mayHaveBeenSent)
    {
        var error = VendorFailure.TooLarge("Acme", status, 64);

        Assert.Equal($"Acme's answer (HTTP {status}) is larger than 64 bytes, so it was not read{ending}", error.Message);
        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(mayHaveBeenSent, error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void An_answer_cut_short_names_the_break_and_whether_it_may_have_been_sent()
    {
        var ended = VendorFailure.CutShort("Acme", 200, new HttpIOException(HttpRequestError.ResponseEnded, "ended"));
        var reset = VendorFailure.CutShort("Acme", 401, new IOException("reset"));

        Assert.Equal("Acme's answer (HTTP 200) broke off before its end (ResponseEnded); the message may have been sent.", ended.Message);
        Assert.Equal(SmsErrorCode.InvalidResponse, ended.Code);
        Assert.Equal(200, ended.HttpStatus);
        Assert.True(ended.MayHaveBeenSent);
        Assert.Equal("Acme's answer (HTTP 401) broke off before its end (IOException); nothing was sent.", reset.Message);
        Assert.False(reset.MayHaveBeenSent);
    }

    [Fact]
    public void A_connection_that_could_not_be_made_was_not_sent_and_may_be_retried()
    {
        var error = VendorFailure.CouldNotConnect("127.0.0.1:9", HttpRequestError.ConnectionError);

        Assert.Equal("Could not connect to 127.0.0.1:9 (ConnectionError); nothing was sent.", error.Message);
        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.Null(error.HttpStatus);
        Assert.False(error.MayHaveBeenSent);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public void A_request_that_failed_after_sending_or_got_no_answer_may_have_been_sent()
    {
        var failed = VendorFailure.FailedAfterSending("127.0.0.1:9", HttpRequestError.ResponseEnded);
        var silent = VendorFailure.NoAnswer("127.0.0.1:9");

        Assert.Equal("The request to 127.0.0.1:9 failed after it was sent (ResponseEnded); the message may have been sent.", failed.Message);
        Assert.Equal(SmsErrorCode.General, failed.Code);
        Assert.True(failed.MayHaveBeenSent);
        Assert.False(failed.IsTransient);
        Assert.Equal("127.0.0.1:9 did not answer in time; the message may have been sent.", silent.Message);
        Assert.Equal(SmsErrorCode.Timeout, silent.Code);
        Assert.True(silent.MayHaveBeenSent);
        Assert.False(silent.IsTransient);
    }

    private static VendorAnswer Answer(int status, string body) => new(status, headers: null, Encoding.UTF8.GetBytes(body));
}
