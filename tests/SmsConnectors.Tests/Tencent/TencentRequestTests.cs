using System.Text.Json;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Tencent.TencentTestHost;

namespace SmsConnectors.Tests.Tencent;

/// <summary>
/// The request on the wire, byte for byte, with a fixed clock. The expected Authorization values
/// were computed outside this code base from the published algorithm (Python's hmac/hashlib and
/// the openssl command line agree) and are typed here as literals.
/// </summary>
public class TencentRequestTests
{
    [Fact]
    public async Task Sends_the_signed_request_byte_for_byte()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock);

        await provider.Connector().SendAsync(Message());

        var request = Assert.Single(captured);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://sms.tencentcloudapi.com/", request.Uri.AbsoluteUri);
        Assert.Equal(
            """{"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1110","TemplateParamSet":["123456"],"PhoneNumberSet":["+8618511122233"]}""",
            request.BodyText);
        Assert.Equal(
            Convert.FromHexString(
                "7b22536d7353646b4170704964223a2231343030303036363636222c225369676e4e616d65223a22e885bee8aeafe4ba91222c2254656d706c6174654964223a2231313130222c2254656d706c617465506172616d536574223a5b22313233343536225d2c2250686f6e654e756d626572536574223a5b222b38363138353131313232323333225d7d"),
            request.Body);
        Assert.Equal(
            [
                "Authorization: TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-03-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=54822c00aeca1a480048c074a7e1f84740d0d152e7b085d7c204605fb8277fae",
                "Content-Type: application/json; charset=utf-8",
                "Host: sms.tencentcloudapi.com",
                "X-TC-Action: SendSms",
                "X-TC-Region: ap-guangzhou",
                "X-TC-Timestamp: 1772407800",
                "X-TC-Version: 2021-01-11",
            ],
            request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal(request.Body!.Length, request.ContentLength);
    }

    [Fact]
    public async Task Regional_endpoint_with_a_port_is_signed_as_host_and_port_with_listed_parameters_in_order()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock, options =>
        {
            options.Endpoint = "https://sms.ap-guangzhou.tencentcloudapi.com:8443";
            options.Templates.Add(new() { UsageType = "MfaVerification", TemplateCode = "2220", Parameters = ["code", "minutes", "app"] });
        });

        await provider.Connector().SendAsync(new SmsMessage
        {
            To = "0086 185-1112-2233",
            Type = SmsUsageType.MfaVerification,
            Payload = new Dictionary<string, object?>
            {
                ["app"] = JsonDocument.Parse("\"Acme\"").RootElement,
                ["locale"] = "en",
                ["minutes"] = 5,
                ["code"] = "654321",
            },
        });

        var request = Assert.Single(captured);
        Assert.Equal("https://sms.ap-guangzhou.tencentcloudapi.com:8443/", request.Uri.AbsoluteUri);
        Assert.Equal(
            """{"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"2220","TemplateParamSet":["654321","5","Acme"],"PhoneNumberSet":["+8618511122233"]}""",
            request.BodyText);
        Assert.Equal("sms.ap-guangzhou.tencentcloudapi.com:8443", request.Header("Host"));
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-03-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=000153629e05032c0a8bfd65a654a5062af962e0aa510056c197d0c03b94b248",
            request.Header("Authorization"));
    }

    [Fact]
    public async Task Regional_endpoint_override_is_called_and_signed_for_its_host()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock, options => options.Endpoint = "https://sms.intl.tencentcloudapi.com/");

        await provider.Connector().SendAsync(Message());

        var request = Assert.Single(captured);
        Assert.Equal("https://sms.intl.tencentcloudapi.com/", request.Uri.AbsoluteUri);
        Assert.Equal("sms.intl.tencentcloudapi.com", request.Header("Host"));
        var check = TencentSignatureCheck.Verify(
            "POST", request.Uri.AbsolutePath, request.Uri.Query, request.Header, request.Body!, Now, new Dictionary<string, string> { [SecretId] = SecretKey });
        Assert.Null(check.ErrorCode);
    }

    [Fact]
    public async Task Each_send_is_signed_with_the_clock_at_that_moment()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        var clock = new ManualTimeProvider(Now);
        await using var provider = Build(mock, clock: clock);

        await provider.Connector().SendAsync(Message());
        clock.Advance(TimeSpan.FromSeconds(90));
        await provider.Connector().SendAsync(Message());

        Assert.Equal(2, captured.Count);
        Assert.Equal(captured[0].Body, captured[1].Body);
        Assert.Equal("1772407800", captured[0].Header("X-TC-Timestamp"));
        Assert.Equal("1772407890", captured[1].Header("X-TC-Timestamp"));
        Assert.NotEqual(captured[0].Header("Authorization"), captured[1].Header("Authorization"));
        var keys = new Dictionary<string, string> { [SecretId] = SecretKey };
        Assert.Null(TencentSignatureCheck.Verify("POST", "/", "", captured[1].Header, captured[1].Body!, Now.AddSeconds(90), keys).ErrorCode);
    }

    [Fact]
    public async Task Default_parameter_is_the_code_and_nothing_else_leaks()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock);

        await provider.Connector().SendAsync(Message(SmsUsageType.Register));

        using var body = JsonDocument.Parse(Assert.Single(captured).Body!);
        Assert.Equal("1111", body.RootElement.GetProperty("TemplateId").GetString());
        Assert.Equal(["123456"], body.RootElement.GetProperty("TemplateParamSet").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Empty_parameter_list_sends_no_parameters()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock, options =>
        {
            options.Templates[0].Parameters = [];
            options.AllowTemplatesWithoutCode = true;
        });

        await provider.Connector().SendAsync(Message());

        Assert.Contains("\"TemplateParamSet\":[],", Assert.Single(captured).BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("minutes")]
    [InlineData("nothing")]
    public async Task Listed_key_missing_or_null_fails_before_any_request(string key)
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock, options => options.Templates[0].Parameters = ["code", key]);
        var message = Message() with { Payload = new Dictionary<string, object?> { ["code"] = Code, ["minutes"] = null } };

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(message));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, error.Message, StringComparison.Ordinal);
        Assert.Empty(captured);
    }

    [Fact]
    public async Task Template_is_chosen_by_type_then_locale_then_generic()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock, options =>
        {
            options.Templates.Add(new() { UsageType = "SignIn", Locale = "en", TemplateCode = "1110-en" });
            options.Templates.Add(new() { UsageType = "SignIn", Locale = "zh-CN", TemplateCode = "1110-zh" });
        });

        await provider.Connector().SendAsync(Message());
        await provider.Connector().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code, "en-GB"));
        await provider.Connector().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, Code));
        await provider.Connector().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.BindMfa, Code));

        Assert.Equal(
            ["1110-zh", "1110-en", "1110", "1113"],
            captured.Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("TemplateId").GetString()));
    }

    [Fact]
    public async Task Text_values_are_escaped_as_json()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock, options => options.SignName = "A \"quoted\" \\ sign\n");

        await provider.Connector().SendAsync(Message());

        Assert.StartsWith(
            """{"SmsSdkAppId":"1400006666","SignName":"A \"quoted\" \\ sign\n","TemplateId":"1110",""",
            Assert.Single(captured).BodyText,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_number_fails_before_any_request()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = Build(mock);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.Connector().SendAsync(Message(to: "12ab")));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Empty(captured);
    }
}
