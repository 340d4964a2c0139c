using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Conformance;

namespace SmsConnectors.Tests.Tencent;

/// <summary>Tencent Cloud SMS against the conformance suite: signed JSON posted to the endpoint's root, its verdict in <c>Response</c>.</summary>
public sealed class TencentConformanceTests : VendorConformanceTests<TencentOptions>
{
    protected override string SuccessBody => TencentTestHost.Success(serialNo: "5000:104571234567890123");

    protected override string? SuccessMessageId => "5000:104571234567890123";

    protected override IReadOnlyList<(int Status, string Body, SmsErrorCode Code)> ExplicitRejections =>
    [
        (200, """{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId is not found."},"RequestId":"r-1"}}""", SmsErrorCode.AuthorizationFailed),
        (200, """{"Response":{"Error":{"Code":"FailedOperation.InsufficientBalanceInSmsPackage","Message":"no balance"},"RequestId":"r-2"}}""", SmsErrorCode.UsageLimitExceeded),
        (200, """{"Response":{"Error":{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"},"RequestId":"r-3"}}""", SmsErrorCode.RateLimitExceeded),
        (200, """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+79991234567","Fee":0,"SessionContext":"","Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"bad number","IsoCode":"RU"}],"RequestId":"r-4"}}""", SmsErrorCode.InvalidRequestParameters),
    ];

    protected override (int Status, string Body) FailureInSuccessAnswer =>
        (200, TencentTestHost.NumberFailure("FailedOperation.PhoneNumberInBlacklist", "the number is on the blacklist"));

    protected override (int Status, string Body) RejectionSaying(string vendorText) =>
        (200, $$$"""{"Response":{"Error":{"Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":{{{JsonSerializer.Serialize(vendorText)}}}},"RequestId":"r-echo"}}""");

    protected override SmsMessage PasscodeMessage(string recipient, string code) => SmsMessage.ForCode(recipient, SmsUsageType.SignIn, code);

    protected override void AddConnector(SmsConnectorsBuilder builder, string name, Uri baseAddress, Action<TencentOptions> adjust) =>
        builder.AddTencent(name, options =>
        {
            TencentTestHost.Configure(options);
            options.Endpoint = baseAddress.AbsoluteUri;
            adjust(options);
        });
}
