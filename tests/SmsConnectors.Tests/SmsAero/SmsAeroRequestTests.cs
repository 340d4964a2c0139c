using System.Net;
using System.Text;
using RichardSzalay.MockHttp;
using SmsConnectors.SmsAero;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.SmsAero.SmsAeroTestHost;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>The request SMSAero receives, byte for byte (reference: POST JSON to {BaseUrl}/sms/send with Basic auth).</summary>
public class SmsAeroRequestTests
{
    private const string Success = """{"success":true,"data":{"id":1,"from":"SMSAero","number":"79990000000","text":"x","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49","dateCreate":1697533302,"dateSend":1697533302},"message":null}""";

    private static Task<RecordedRequest> SendAsync(Action<SmsAeroOptions> configure, SmsMessage message, string url = Url) =>
        Vendor.CaptureAsync(message, Success, configure, url);

    [Fact]
    public async Task Posts_json_with_basic_auth_and_the_number_without_plus()
    {
        var request = await SendAsync(_ => { }, SmsMessage.ForCode("+7 (999) 000-00-00", SmsUsageType.SignIn, "123456"));

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://gate.smsaero.ru/v2/sms/send", request.Uri.AbsoluteUri);
        Assert.Equal(
            ["Accept: application/json", "Authorization: Basic " + BasicCredentials, "Content-Type: application/json"],
            request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal("""{"number":"79990000000","sign":"SMSAero","text":"Sign-in code 123456"}"""u8.ToArray(), request.Body);
    }

    [Fact]
    public async Task Sends_the_configured_sender_name()
    {
        var request = await SendAsync(o => o.SenderName = "MyShop", SmsMessage.ForCode("79990000000", SmsUsageType.Register, "42"));

        Assert.Equal("""{"number":"79990000000","sign":"MyShop","text":"Registration code 42"}"""u8.ToArray(), request.Body);
    }

    [Fact]
    public async Task Escapes_only_what_json_requires()
    {
        var request = await SendAsync(
            o => o.Templates = RequiredTemplates("Code {{code}}: \"quoted\" & a=b + c\nnew line \\ 😀 Привет <b>"),
            SmsMessage.ForCode("+79990000000", SmsUsageType.MfaVerification, "123456"));

        // '"', '\' and the newline escaped; '&', '=', '+', '<', '>' and Cyrillic as they are (UTF-8);
        // the emoji, outside the Basic Multilingual Plane, as its UTF-16 surrogate pair.
        const string Expected = """{"number":"79990000000","sign":"SMSAero","text":"Code 123456: \"quoted\" & a=b + c\nnew line \\ \uD83D\uDE00 Привет <b>"}""";
        Assert.Equal(Encoding.UTF8.GetBytes(Expected), request.Body);
    }

    [Fact]
    public async Task Renders_placeholders_with_locale_aware_template_selection()
    {
        var message = new SmsMessage
        {
            To = "+79990000000",
            Type = SmsUsageType.SignIn,
            Payload = new Dictionary<string, object?> { ["code"] = "555111", ["uiLocales"] = "ru-RU en", ["application"] = new Dictionary<string, object?> { ["name"] = "Магазин" } },
        };

        var request = await SendAsync(
            o => o.Templates = [.. RequiredTemplates(), Template("SignIn", "{{application.name}}: код {{ code }}", "ru")],
            message);

        Assert.Equal("""{"number":"79990000000","sign":"SMSAero","text":"Магазин: код 555111"}"""u8.ToArray(), request.Body);
    }

    [Fact]
    public async Task Posts_to_the_configured_base_url()
    {
        var request = await SendAsync(
            o => o.BaseUrl = "https://gate.smsaero.org/v2/",
            SmsMessage.ForCode("79990000000", SmsUsageType.SignIn, "1"),
            "https://gate.smsaero.org/v2/sms/send");

        Assert.Equal("https://gate.smsaero.org/v2/sms/send", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Fails_before_any_request_when_a_placeholder_is_missing()
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.When("*").Record(HttpStatusCode.OK, Success);
        await using var provider = Build(mock, o => o.Templates = RequiredTemplates("{{code}} {{link}}"));

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(SmsMessage.ForCode("79990000000", SmsUsageType.Test, "1")));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Empty(requests);
    }
}
