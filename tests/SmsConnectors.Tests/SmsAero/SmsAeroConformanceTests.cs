using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.SmsAero;
using SmsConnectors.Tests.Conformance;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>SMSAero against the conformance suite: JSON posted to <c>{BaseUrl}/sms/send</c> with Basic authentication.</summary>
public sealed class SmsAeroConformanceTests : VendorConformanceTests<SmsAeroOptions>
{
    protected override string SuccessBody =>
        """{"success":true,"data":{"id":424242,"from":"SMSAero","number":"4915112345678","text":"x","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49"},"message":null}""";

    protected override string? SuccessMessageId => "424242";

    protected override IReadOnlyList<(int Status, string Body, SmsErrorCode Code)> ExplicitRejections =>
    [
        (401, """{"success":false,"data":null,"message":"Your request was made with invalid credentials."}""", SmsErrorCode.AuthorizationFailed),
        (200, """{"result":"no credits"}""", SmsErrorCode.UsageLimitExceeded),
        (400, """{"success":false,"data":{"number":["incorrect"]},"message":"Validation error."}""", SmsErrorCode.InvalidRequestParameters),
    ];

    protected override (int Status, string Body) FailureInSuccessAnswer =>
        (200, """{"success":false,"data":null,"message":"Validation error."}""");

    protected override (int Status, string Body) RejectionSaying(string vendorText) =>
        (400, $$"""{"success":false,"data":null,"message":{{JsonSerializer.Serialize(vendorText)}}}""");

    protected override SmsMessage PasscodeMessage(string recipient, string code) => SmsMessage.ForCode(recipient, SmsUsageType.SignIn, code);

    protected override void AddConnector(SmsConnectorsBuilder builder, string name, Uri baseAddress, Action<SmsAeroOptions> adjust) =>
        builder.AddSmsAero(name, options =>
        {
            options.Email = "marker-owner@example.com";
            options.ApiKey = "aero-marker-key-P2z7";
            options.BaseUrl = new Uri(baseAddress, "v2").AbsoluteUri;
            options.UseMirrors = false;
            options.Templates = SmsAeroTestHost.RequiredTemplates();
            adjust(options);
        });
}
