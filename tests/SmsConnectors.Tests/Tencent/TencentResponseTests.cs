using System.Net;
using RichardSzalay.MockHttp;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Tencent.TencentTestHost;

namespace SmsConnectors.Tests.Tencent;

public class TencentResponseTests
{
    public static TheoryData<string, SmsErrorCode, bool> Families => new()
    {
        { "AuthFailure.SignatureFailure", SmsErrorCode.AuthorizationFailed, false },
        { "AuthFailure.SignatureExpire", SmsErrorCode.AuthorizationFailed, false },
        { "AuthFailure.SecretIdNotFound", SmsErrorCode.AuthorizationFailed, false },
        { "AuthFailure.InvalidSecretId", SmsErrorCode.AuthorizationFailed, false },
        { "UnauthorizedOperation.RequestIpNotInWhitelist", SmsErrorCode.AuthorizationFailed, false },
        { "UnauthorizedOperation.RequestPermissionDeny", SmsErrorCode.AuthorizationFailed, false },
        { "LimitExceeded.AppDailyLimit", SmsErrorCode.RateLimitExceeded, false },
        { "LimitExceeded.DeliveryFrequencyLimit", SmsErrorCode.RateLimitExceeded, false },
        { "LimitExceeded.PhoneNumberDailyLimit", SmsErrorCode.RateLimitExceeded, false },
        { "LimitExceeded.PhoneNumberThirtySecondLimit", SmsErrorCode.RateLimitExceeded, false },
        { "LimitExceeded.PhoneNumberSameContentDailyLimit", SmsErrorCode.RateLimitExceeded, false },
        { "RequestLimitExceeded", SmsErrorCode.RateLimitExceeded, false },
        { "FailedOperation.InsufficientBalanceInSmsPackage", SmsErrorCode.UsageLimitExceeded, false },
        { "UnauthorizedOperation.SerivceSuspendDueToArrears", SmsErrorCode.UsageLimitExceeded, false },
        { "InvalidParameterValue.IncorrectPhoneNumber", SmsErrorCode.InvalidRequestParameters, false },
        { "InvalidParameterValue.ContentLengthLimit", SmsErrorCode.InvalidRequestParameters, false },
        { "InvalidParameterValue.TemplateParameterFormatError", SmsErrorCode.InvalidRequestParameters, false },
        { "InvalidParameterValue.TemplateParameterLengthLimit", SmsErrorCode.InvalidRequestParameters, false },
        { "InvalidParameterValue.ProhibitedUseUrlInTemplateParameter", SmsErrorCode.InvalidRequestParameters, false },
        { "MissingParameter.EmptyPhoneNumberSet", SmsErrorCode.InvalidRequestParameters, false },
        { "FailedOperation.PhoneNumberInBlacklist", SmsErrorCode.InvalidRequestParameters, false },
        { "FailedOperation.ContainSensitiveWord", SmsErrorCode.InvalidRequestParameters, false },
        { "FailedOperation.TemplateIncorrectOrUnapproved", SmsErrorCode.InvalidConfig, false },
        { "FailedOperation.SignatureIncorrectOrUnapproved", SmsErrorCode.InvalidConfig, false },
        { "InvalidParameterValue.SdkAppIdNotExist", SmsErrorCode.InvalidConfig, false },
        { "UnauthorizedOperation.SdkAppIdIsDisabled", SmsErrorCode.InvalidConfig, false },
        { "UnauthorizedOperation.SmsSdkAppIdVerifyFail", SmsErrorCode.InvalidConfig, false },
        { "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber", SmsErrorCode.InvalidConfig, false },
        { "UnsupportedOperation.UnsuportedRegion", SmsErrorCode.InvalidConfig, false },
        { "InternalError.Timeout", SmsErrorCode.General, true },
        { "InternalError.SendAndRecvFail", SmsErrorCode.General, true },
        { "InternalError.UnknownError", SmsErrorCode.General, true },
        { "InternalError.RequestTimeException", SmsErrorCode.General, false },
        { "FailedOperation.JsonParseFail", SmsErrorCode.General, false },
        { "ServiceUnavailable", SmsErrorCode.ServiceUnavailable, false },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Response_error_maps_by_family_and_keeps_what_tencent_said(string code, SmsErrorCode expected, bool mayHaveBeenSent)
    {
        var error = await FailAsync(Error(code, "the reason", "req-42"));

        Assert.Equal(expected, error.Code);
        Assert.Equal(mayHaveBeenSent, error.MayHaveBeenSent);
        Assert.Equal(code, error.ProviderCode);
        Assert.Equal("the reason", error.ProviderMessage);
        Assert.Equal("req-42", error.RequestId);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal(Name, error.ConnectorName);
        Assert.Contains($"code {code}", error.Message, StringComparison.Ordinal);
        Assert.Contains("the vendor says: the reason", error.Message, StringComparison.Ordinal);
        Assert.Contains("req-42", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public async Task Failed_number_entry_maps_by_family_and_keeps_what_tencent_said(string code, SmsErrorCode expected, bool mayHaveBeenSent)
    {
        var error = await FailAsync(NumberFailure(code, "number refused", "req-43"));

        Assert.Equal(expected, error.Code);
        Assert.Equal(mayHaveBeenSent, error.MayHaveBeenSent);
        Assert.Equal(code, error.ProviderCode);
        Assert.Equal("number refused", error.ProviderMessage);
        Assert.Equal("req-43", error.RequestId);
        Assert.Contains(SmsPhoneNumber.Parse(Number).Masked, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Number, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ok")]
    [InlineData("OK")]
    [InlineData("ok")]
    public async Task Success_needs_ok_in_any_case_and_returns_serial_and_request_id(string code)
    {
        var mock = new MockHttpMessageHandler();
        mock.RecordAll(body: Success("5000:1045710669157053657849499619", "a0aabda6-cf91-4f3e-a81f-9198114a2279", code));
        await using var provider = Build(mock);

        var result = await provider.Connector().SendAsync(Message());

        Assert.Equal(Name, result.ConnectorName);
        Assert.Equal("5000:1045710669157053657849499619", result.MessageId);
        Assert.Equal("a0aabda6-cf91-4f3e-a81f-9198114a2279", result.RequestId);
    }

    [Fact]
    public async Task An_ok_entry_means_the_message_was_sent_whatever_other_entries_say()
    {
        var mock = new MockHttpMessageHandler();
        mock.RecordAll(body: """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8618511122234","Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"},{"SerialNo":"1","PhoneNumber":"+8618511122233","Code":"Ok","Message":"send success"}],"RequestId":"r"}}""");
        await using var provider = Build(mock);

        var result = await provider.Connector().SendAsync(Message());

        Assert.Equal("1", result.MessageId);
        Assert.Equal("r", result.RequestId);
    }

    [Fact]
    public async Task Without_an_ok_entry_the_first_entry_says_why()
    {
        var error = await FailAsync(
            """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8618511122233","Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"}],"RequestId":"r"}}""");

        Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
        Assert.Equal("LimitExceeded.PhoneNumberDailyLimit", error.ProviderCode);
    }

    [Fact]
    public async Task Error_wins_over_a_send_status_set()
    {
        var error = await FailAsync(
            """{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"SendStatusSet":[{"SerialNo":"1","Code":"Ok"}],"RequestId":"r"}}""");

        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
    }

    [Theory]
    [InlineData(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", true)]
    [InlineData(200, "application/json", "", true)]
    [InlineData(200, "application/json", """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045","PhoneNumber":"+86185111""", true)]
    [InlineData(200, "application/json", "null", true)]
    [InlineData(200, "application/json", "[]", true)]
    [InlineData(200, "application/json", "{}", true)]
    [InlineData(200, "application/json", """{"Response":{"RequestId":"r"}}""", true)]
    [InlineData(200, "application/json", """{"Response":{"SendStatusSet":[],"RequestId":"r"}}""", true)]
    [InlineData(200, "application/json", """{"Response":{"SendStatusSet":[{"SerialNo":"1"}],"RequestId":"r"}}""", true)]
    [InlineData(200, "application/json", """{"Response":{"Error":{"Message":"no code"},"RequestId":"r"}}""", true)]
    [InlineData(200, "application/json", """{"Response":{"SendStatusSet":[{"Code":1}],"RequestId":"r"}}""", true)]
    [InlineData(400, "text/plain", "Bad Request", false)]
    public async Task Unparseable_answers_are_invalid_response(int status, string contentType, string body, bool mayHaveBeenSent)
    {
        var error = await FailAsync(body, (HttpStatusCode)status, contentType);

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(mayHaveBeenSent, error.MayHaveBeenSent);
        Assert.Null(error.ProviderCode);
    }

    [Fact]
    public async Task Tencent_error_json_in_a_non_200_answer_is_still_classified_from_the_body()
    {
        var error = await FailAsync(Error("AuthFailure.SecretIdNotFound"), HttpStatusCode.Unauthorized);

        Assert.Equal(SmsErrorCode.AuthorizationFailed, error.Code);
        Assert.Equal(401, error.HttpStatus);
        Assert.False(error.MayHaveBeenSent);
    }

    [Theory]
    [InlineData("InternalError")]
    [InlineData("InternalError.OtherError")]
    [InlineData("InternalError.ParseBackendResponseFail")]
    public void Unknown_or_ambiguous_internal_errors_may_have_been_sent(string code) =>
        Assert.Equal(new TencentErrorClass(SmsErrorCode.General, MayHaveBeenSent: true), TencentConnector.Classify(code));

    [Theory]
    [InlineData("ResourceNotFound", SmsErrorCode.General)]
    [InlineData("FailedOperation.FailResolvePacket", SmsErrorCode.General)]
    [InlineData("FailedOperation.MissingTemplateToModify", SmsErrorCode.InvalidConfig)]
    [InlineData("UnsupportedRegion", SmsErrorCode.InvalidConfig)]
    [InlineData("InvalidAction", SmsErrorCode.InvalidConfig)]
    [InlineData("InvalidParameter.InvalidParameters", SmsErrorCode.InvalidRequestParameters)]
    [InlineData("IpNotInWhitelist", SmsErrorCode.AuthorizationFailed)]
    public void Other_codes_are_explicit_rejections(string code, SmsErrorCode expected) =>
        Assert.Equal(new TencentErrorClass(expected), TencentConnector.Classify(code));

    [Theory]
    [InlineData("RequestLimitExceeded", SmsErrorCode.RateLimitExceeded)]
    [InlineData("RequestLimitExceeded.UinLimitExceeded", SmsErrorCode.RateLimitExceeded)]
    [InlineData("ServiceUnavailable", SmsErrorCode.ServiceUnavailable)]
    public void Call_rate_limits_and_unavailability_are_transient(string code, SmsErrorCode expected) =>
        Assert.Equal(new TencentErrorClass(expected, IsTransient: true), TencentConnector.Classify(code));

    [Theory]
    [InlineData("RequestLimitExceeded", 3)]
    [InlineData("ServiceUnavailable", 3)]
    [InlineData("LimitExceeded.PhoneNumberThirtySecondLimit", 1)]
    [InlineData("AuthFailure.SignatureFailure", 1)]
    [InlineData("InternalError.Timeout", 1)]
    public async Task Only_transient_not_sent_failures_are_tried_again(string code, int attempts)
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Error(code));
        await using var provider = Build(mock);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));

        Assert.Equal(code, error.ProviderCode);
        Assert.Equal(attempts, captured.Count);
    }

    private static async Task<SmsConnectorException> FailAsync(string body, HttpStatusCode status = HttpStatusCode.OK, string contentType = "application/json")
    {
        var mock = new MockHttpMessageHandler();
        mock.RecordAll(status, body, contentType);
        await using var provider = Build(mock);
        return await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message()));
    }
}
