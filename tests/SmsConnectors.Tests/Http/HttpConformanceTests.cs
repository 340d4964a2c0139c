using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Http;
using SmsConnectors.Tests.Conformance;

namespace SmsConnectors.Tests.Http;

/// <summary>
/// The Generic HTTP connector against the conformance suite. It has no body rules: any 2xx is sent
/// and any other status is a failure, so its "failure in a success answer" is a 400, and its
/// explicit rejections are 4xx statuses whatever their bodies say.
/// </summary>
public sealed class HttpConformanceTests : VendorConformanceTests<HttpSmsOptions>
{
    protected override string SuccessBody => """{"id":"hook-msg-7781","status":"queued","detail":"accepted for delivery to one recipient"}""";

    protected override string? SuccessMessageId => "hook-msg-7781";

    protected override IReadOnlyList<(int Status, string Body, SmsErrorCode Code)> ExplicitRejections =>
    [
        (400, """{"error":"bad request"}""", SmsErrorCode.InvalidRequestParameters),
        (401, "unauthorized", SmsErrorCode.AuthorizationFailed),
    ];

    protected override (int Status, string Body) FailureInSuccessAnswer => (400, """{"status":"failed","error":"the number cannot receive SMS"}""");

    protected override (int Status, string Body) RejectionSaying(string vendorText) => (400, vendorText);

    protected override SmsMessage PasscodeMessage(string recipient, string code) => SmsMessage.ForCode(recipient, SmsUsageType.SignIn, code);

    protected override void AddConnector(SmsConnectorsBuilder builder, string name, Uri baseAddress, Action<HttpSmsOptions> adjust) =>
        builder.AddHttp(name, options =>
        {
            options.Endpoint = new Uri(baseAddress, "sms").AbsoluteUri;
            options.Authorization = "Bearer hook-marker-token-M5";
            options.Headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Api-Key"] = "hook-marker-header-H8" };
            options.QueryParameters = new(StringComparer.Ordinal) { ["signature"] = "hook-marker-query-S3" };
            adjust(options);
        });
}
