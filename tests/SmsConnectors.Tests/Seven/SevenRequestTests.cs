using System.Net;
using System.Text;
using RichardSzalay.MockHttp;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Seven.SevenTestHost;

namespace SmsConnectors.Tests.Seven;

/// <summary>The request Seven receives, byte for byte (reference: POST form data to {BaseUrl}/sms).</summary>
public class SevenRequestTests
{
    private const string Success = """{"success":"100","total_price":0.075,"balance":12.3,"debug":"false","sms_type":"direct","messages":[{"id":"77229318","sender":"Logto","recipient":"4915112345678","text":"x","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""";

    private static Task<RecordedRequest> SendAsync(Action<SevenOptions> configure, SmsMessage message, string url = Url) =>
        Vendor.CaptureAsync(message, Success, configure, url);

    [Fact]
    public async Task Posts_form_data_with_key_sender_and_json_accept()
    {
        var request = await SendAsync(
            o => o.From = "Logto",
            SmsMessage.ForCode("+49 151 1234 5678", SmsUsageType.SignIn, "123456"));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://gateway.seven.io/api/sms", request.Uri.AbsoluteUri);
        Assert.Equal(
            ["Accept: application/json", "Content-Type: application/x-www-form-urlencoded", "SentWith: SmsConnectors", "X-Api-Key: test-api-key-5ecret"],
            request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal("to=%2B4915112345678&text=Your+sign-in+code+is+123456.&from=Logto"u8.ToArray(), request.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Omits_from_when_unset(string? from)
    {
        var request = await SendAsync(o => o.From = from, SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456"));

        Assert.Equal("to=%2B4915112345678&text=Your+sign-in+code+is+123456."u8.ToArray(), request.Body);
        Assert.DoesNotContain("from", request.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encodes_quotes_newlines_reserved_characters_emoji_and_cyrillic()
    {
        var request = await SendAsync(
            o => o.Templates = [Template("Generic", "Code {{code}}: \"quoted\" & a=b + c\nnew line 😀 Привет")],
            SmsMessage.ForCode("004915112345678", SmsUsageType.Register, "123456"));

        // Each reserved character percent-encoded, a space as '+', non-ASCII as its UTF-8 bytes.
        const string Expected = "to=%2B4915112345678"
            + "&text=Code+123456%3A+%22quoted%22+%26+a%3Db+%2B+c%0Anew+line+%F0%9F%98%80+%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82";
        Assert.Equal(Encoding.ASCII.GetBytes(Expected), request.Body);
    }

    [Fact]
    public async Task Renders_placeholders_with_locale_aware_template_selection()
    {
        var message = new SmsMessage
        {
            To = "+4915112345678",
            Type = SmsUsageType.ForgotPassword,
            Payload = new Dictionary<string, object?>
            {
                ["code"] = "987654",
                ["locale"] = "de-AT",
                ["application"] = new Dictionary<string, object?> { ["name"] = "Shop" },
            },
        };

        var request = await SendAsync(
            o => o.Templates =
            [
                Template("ForgotPassword", "Reset code {{ code }} for {{application.name}}"),
                Template("ForgotPassword", "Code {{code}} zum Zuruecksetzen ({{ application.name }}{{application.missing}})", "de"),
                Template("Generic", "Generic {{code}}"),
            ],
            message);

        Assert.Equal("to=%2B4915112345678&text=Code+987654+zum+Zuruecksetzen+%28Shop%29"u8.ToArray(), request.Body);
    }

    [Fact]
    public async Task Posts_to_the_configured_base_url_with_or_without_trailing_slash()
    {
        var plain = await SendAsync(o => o.BaseUrl = "https://relay.example.com/seven", SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1"), "https://relay.example.com/seven/sms");
        var slash = await SendAsync(o => o.BaseUrl = "https://relay.example.com/seven/", SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1"), "https://relay.example.com/seven/sms");

        Assert.Equal("https://relay.example.com/seven/sms", plain.Uri.AbsoluteUri);
        Assert.Equal("https://relay.example.com/seven/sms", slash.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Fails_before_any_request_when_a_placeholder_is_missing_or_no_template_matches()
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.When("*").Record(HttpStatusCode.OK, Success);
        await using var provider = Build(mock, o => o.Templates = [Template("SignIn", "Code {{code}} for {{user}}")]);

        var missing = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456")));
        var noTemplate = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(SmsMessage.ForCode("+4915112345678", SmsUsageType.Register, "123456")));
        var badNumber = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(SmsMessage.ForCode("12345", SmsUsageType.SignIn, "123456")));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, missing.Code);
        Assert.Equal(SmsErrorCode.TemplateNotFound, noTemplate.Code);
        Assert.Equal(SmsErrorCode.InvalidRequestParameters, badNumber.Code);
        Assert.All([missing, noTemplate, badNumber], e => Assert.False(e.MayHaveBeenSent));
        Assert.Empty(requests);
    }
}
