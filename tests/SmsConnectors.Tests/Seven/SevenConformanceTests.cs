using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Conformance;

namespace SmsConnectors.Tests.Seven;

/// <summary>Seven against the conformance suite: form data posted to <c>{BaseUrl}/sms</c>, result codes in the body.</summary>
public sealed class SevenConformanceTests : VendorConformanceTests<SevenOptions>
{
    protected override string SuccessBody =>
        """{"success":"100","total_price":0.075,"balance":9.9,"debug":"false","sms_type":"direct","messages":[{"id":"77230001","sender":"Logto","recipient":"4915112345678","text":"x","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""";

    protected override string? SuccessMessageId => "77230001";

    protected override IReadOnlyList<(int Status, string Body, SmsErrorCode Code)> ExplicitRejections =>
    [
        (200, "900", SmsErrorCode.AuthorizationFailed),
        (200, "500", SmsErrorCode.UsageLimitExceeded),
        (200, """{"success":"202","messages":[{"id":null,"success":false,"error":"202","error_text":"Invalid recipient"}]}""", SmsErrorCode.InvalidRequestParameters),
    ];

    /// <summary>Seven's overall code says 100 while the one recipient's entry says it failed.</summary>
    protected override (int Status, string Body) FailureInSuccessAnswer =>
        (200, """{"success":"100","messages":[{"id":null,"success":false,"error":"202","error_text":"Invalid recipient"}]}""");

    protected override (int Status, string Body) RejectionSaying(string vendorText) =>
        (200, $$"""{"success":"202","messages":[{"id":null,"success":false,"error":"202","error_text":{{JsonSerializer.Serialize(vendorText)}}}]}""");

    protected override SmsMessage PasscodeMessage(string recipient, string code) => SmsMessage.ForCode(recipient, SmsUsageType.SignIn, code);

    protected override void AddConnector(SmsConnectorsBuilder builder, string name, Uri baseAddress, Action<SevenOptions> adjust) =>
        builder.AddSeven(name, options =>
        {
            options.ApiKey = "seven-marker-key-Q4x9";
            options.BaseUrl = new Uri(baseAddress, "api").AbsoluteUri;
            options.Templates = [SevenTestHost.Template("SignIn", "Your sign-in code is {{code}}.")];
            adjust(options);
        });
}
