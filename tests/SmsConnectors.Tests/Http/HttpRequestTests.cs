using System.Text.Json;
using SmsConnectors.Templates;
using static SmsConnectors.Tests.Http.HttpTestHost;

namespace SmsConnectors.Tests.Http;

/// <summary>The exact request the Generic HTTP connector sends: method, URL, headers and body bytes.</summary>
public class HttpRequestTests
{
    [Fact]
    public async Task Post_renders_placeholders_inside_a_nested_body()
    {
        using var harness = Create(o => o.BodyParameters = Json("""
            {"recipient": "{{to}}", "sms": {"text": "{{message}}", "meta": {"type": "{{ type }}",
             "tags": ["otp", "{{code}}"], "priority": 1, "ratio": 0.25, "flash": false, "none": null, "link": "{{link}}"}}}
            """));

        await harness.SendAsync(new SmsMessage
        {
            To = "+49 151 12345678",
            Type = SmsUsageType.SignIn,
            Payload = new Dictionary<string, object?> { ["code"] = "123456", ["link"] = "https://a.example/x?y=1&z=2" },
        });

        var request = harness.Request;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://sms.example.test/send", request.Uri.AbsoluteUri);
        Assert.Equal(["Content-Type: application/json"], request.Headers);
        Assert.Equal(
            Utf8("""{"recipient":"+4915112345678","sms":{"text":"123456","meta":{"type":"SignIn","tags":["otp","123456"],"priority":1,"ratio":0.25,"flash":false,"none":null,"link":"https://a.example/x?y=1&z=2"}}}"""),
            request.Body);
        Assert.Equal(request.Body!.Length, request.ContentLength);
    }

    [Fact]
    public async Task Post_body_escapes_quotes_newlines_emoji_and_cyrillic()
    {
        using var harness = Create(o =>
        {
            o.BodyParameters = Json("""{"text": "{{message}}"}""");
            o.Templates = [new SmsTextTemplate { UsageType = "SignIn", Content = "Код: \"{{code}}\"\nСпасибо 🙂 & <b>'x'</b> \\ +1=2\ttab" }];
        });

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal(
            Utf8("""{"text":"Код: \"123456\"\nСпасибо \uD83D\uDE42 & <b>'x'</b> \\ +1=2\ttab"}"""),
            harness.Request.Body);
    }

    [Fact]
    public async Task Payload_values_are_substituted_as_text_and_escaped_by_the_writer()
    {
        using var harness = Create(o => o.BodyParameters = Json("""{"code": "{{code}}", "app": "{{application.name}}", "n": "{{count}}", "missing": "{{application.none}}"}"""));

        await harness.SendAsync(new SmsMessage
        {
            To = Number,
            Type = SmsUsageType.Register,
            Payload = new Dictionary<string, object?>
            {
                ["code"] = "\"}, \"admin\": true, {\"",
                ["application"] = new Dictionary<string, object?> { ["name"] = "Acme \"Inc\"" },
                ["count"] = 3,
            },
        });

        Assert.Equal(
            Utf8("""{"code":"\"}, \"admin\": true, {\"","app":"Acme \"Inc\"","n":"3","missing":""}"""),
            harness.Request.Body);
    }

    [Fact]
    public async Task Get_sends_url_encoded_query_parameters_and_no_body()
    {
        using var harness = Create(o =>
        {
            o.Method = "get";
            o.QueryParameters = new() { ["to"] = "{{to}}", ["text"] = "{{message}}", ["type"] = "{{type}}", ["fixed"] = "a b", ["a&b=c"] = "x" };
            o.Templates = [new SmsTextTemplate { UsageType = "Generic", Content = "Code {{code}} & more=yes+ 😀 Привет" }];
        });

        await harness.SendCodeAsync(SmsUsageType.ForgotPassword);

        var request = harness.Request;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(
            "https://sms.example.test/send?to=%2B4915112345678&text=Code%20123456%20%26%20more%3Dyes%2B%20%F0%9F%98%80%20%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82&type=ForgotPassword&fixed=a%20b&a%26b%3Dc=x",
            request.Uri.AbsoluteUri);
        Assert.Empty(request.Body!);
        Assert.Equal(0, request.ContentLength);
        Assert.Empty(request.Headers);
    }

    [Fact]
    public async Task Get_ignores_body_parameters_and_content_headers()
    {
        using var harness = Create(o =>
        {
            o.Method = "GET";
            o.BodyParameters = Json("""{"to": "{{to}}"}""");
            o.Headers = new() { ["Content-Type"] = "application/json", ["X-Trace"] = "1" };
        });

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal("https://sms.example.test/send", harness.Request.Uri.AbsoluteUri);
        Assert.Empty(harness.Request.Body!);
        Assert.Equal(["X-Trace: 1"], harness.Request.Headers);
    }

    [Fact]
    public async Task Query_parameters_are_appended_to_an_endpoint_that_has_a_query()
    {
        using var harness = Create(o =>
        {
            o.Endpoint = "https://sms.example.test/api/send.php?user=demo&mode=otp";
            o.Method = "GET";
            o.QueryParameters = new() { ["to"] = "{{to}}", ["otp"] = "{{code}}" };
        });

        await harness.SendCodeAsync(SmsUsageType.SignIn, "000000");

        Assert.Equal("https://sms.example.test/api/send.php?user=demo&mode=otp&to=%2B4915112345678&otp=000000", harness.Request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Post_may_carry_query_parameters_too()
    {
        using var harness = Create(o =>
        {
            o.QueryParameters = new() { ["key"] = "abc" };
            o.BodyParameters = Json("""{"to": "{{to}}"}""");
        });

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal("https://sms.example.test/send?key=abc", harness.Request.Uri.AbsoluteUri);
        Assert.Equal(Utf8("""{"to":"+4915112345678"}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Post_without_body_parameters_sends_the_http_sms_body()
    {
        using var harness = Create(_ => { });
        using var raw = JsonDocument.Parse("""{ "a": [1, 2], "b": "x" }""");

        await harness.SendAsync(new SmsMessage
        {
            To = "0049 (151) 123-45678",
            Type = SmsUsageType.Register,
            Ip = "203.0.113.7",
            Payload = new Dictionary<string, object?>
            {
                ["code"] = "123456",
                ["locale"] = "de-DE",
                ["count"] = 3,
                ["big"] = 9007199254740993L,
                ["ratio"] = 0.5,
                ["ok"] = true,
                ["nothing"] = null,
                ["app"] = new Dictionary<string, object?> { ["name"] = "Acme", ["ids"] = new List<object?> { 1, "two", false } },
                ["raw"] = raw.RootElement,
                ["text"] = "Привет \"x\"\n",
            },
        });

        var request = harness.Request;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://sms.example.test/send", request.Uri.AbsoluteUri);
        Assert.Equal(["Content-Type: application/json"], request.Headers);
        Assert.Equal(
            Utf8("""{"to":"+4915112345678","type":"Register","payload":{"code":"123456","locale":"de-DE","count":3,"big":9007199254740993,"ratio":0.5,"ok":true,"nothing":null,"app":{"name":"Acme","ids":[1,"two",false]},"raw":{"a":[1,2],"b":"x"},"text":"Привет \"x\"\n"},"ip":"203.0.113.7"}"""),
            request.Body);
    }

    [Fact]
    public async Task Http_sms_body_omits_ip_when_unknown()
    {
        using var harness = Create(o => o.Authorization = "Bearer s3cr3t");

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal(Utf8("""{"to":"+4915112345678","type":"SignIn","payload":{"code":"123456"}}"""), harness.Request.Body);
        Assert.Equal(["Authorization: Bearer s3cr3t", "Content-Type: application/json"], harness.Request.Headers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Authorization_and_headers_are_sent_exactly_and_type_is_substituted()
    {
        using var harness = Create(o =>
        {
            o.Authorization = "Basic dXNlcjpwYXNz";
            o.Headers = new()
            {
                ["X-Usage"] = "{{type}}",
                ["X-Api-Key"] = "k-{{ type }}-1",
                ["Accept"] = "application/json",
                ["Content-Type"] = "application/json; charset=utf-8",
            };
            o.BodyParameters = Json("""{"kind": "{{type}}"}""");
        });

        await harness.SendCodeAsync(SmsUsageType.MfaVerification);

        Assert.Equal(
            [
                "Accept: application/json",
                "Authorization: Basic dXNlcjpwYXNz",
                "Content-Type: application/json; charset=utf-8",
                "X-Api-Key: k-MfaVerification-1",
                "X-Usage: MfaVerification",
            ],
            harness.Request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal(Utf8("""{"kind":"MfaVerification"}"""), harness.Request.Body);
    }

    [Theory]
    [InlineData("SignIn", null, "Sign-in code 123456")]
    [InlineData("SignIn", "de-DE", "Anmeldecode 123456")]
    [InlineData("SignIn", "fr", "Sign-in code 123456")]
    [InlineData("Register", null, "123456")]
    [InlineData("Generic", null, "123456")]
    public async Task Message_is_the_selected_template_else_the_code(string type, string? locale, string expected)
    {
        using var harness = Create(o =>
        {
            o.BodyParameters = Json("""{"m": "{{message}}"}""");
            o.Templates =
            [
                new SmsTextTemplate { UsageType = "SignIn", Content = "Sign-in code {{code}}" },
                new SmsTextTemplate { UsageType = "SignIn", Locale = "de", Content = "Anmeldecode {{code}}" },
            ];
        });

        await harness.SendCodeAsync(type, locale: locale);

        Assert.Equal(Utf8($$"""{"m":"{{expected}}"}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Generic_template_serves_types_without_their_own()
    {
        using var harness = Create(o =>
        {
            o.BodyParameters = Json("""{"m": "{{message}}"}""");
            o.Templates =
            [
                new SmsTextTemplate { UsageType = "SignIn", Content = "Sign in: {{code}}" },
                new SmsTextTemplate { UsageType = "Generic", Content = "Your {{type}} code for {{to}} is {{code}}" },
            ];
        });

        await harness.SendCodeAsync(SmsUsageType.BindMfa, "777111");

        Assert.Equal(Utf8("""{"m":"Your BindMfa code for +4915112345678 is 777111"}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Message_without_templates_is_the_code_as_text_whatever_its_type()
    {
        using var harness = Create(o => o.BodyParameters = Json("""{"m": "{{message}}"}"""));
        object?[] codes = [482913, 4.5, true, Json("\"77 11\""), Json("[1,\"2\"]"), null, "Код"];

        foreach (var code in codes)
        {
            await harness.SendAsync(new SmsMessage { To = Number, Type = SmsUsageType.SignIn, Payload = new Dictionary<string, object?> { ["code"] = code } });
        }

        await harness.SendAsync(new SmsMessage { To = Number, Type = SmsUsageType.SignIn, Payload = new Dictionary<string, object?> { ["message"] = "as given" } });

        Assert.Equal(
            ["""{"m":"482913"}""", """{"m":"4.5"}""", """{"m":"true"}""", """{"m":"77 11"}""", """{"m":"1,2"}""", """{"m":""}""", """{"m":"Код"}""", """{"m":"as given"}"""],
            harness.Requests.Select(request => request.BodyText));
    }

    [Fact]
    public async Task Message_placeholder_inside_a_template_is_the_code()
    {
        // The draft connector's default templates read "Sign in code: {{message}}".
        using var harness = Create(o =>
        {
            o.BodyParameters = Json("""{"text_content": "{{message}}"}""");
            o.Templates = [new SmsTextTemplate { UsageType = "SignIn", Content = "Sign in code: {{message}}" }];
        });

        await harness.SendCodeAsync(SmsUsageType.SignIn, "246810");

        Assert.Equal(Utf8("""{"text_content":"Sign in code: 246810"}"""), harness.Request.Body);
    }

    [Theory]
    [InlineData("12\r\nX-Evil: 1")]
    [InlineData("12\nX-Evil: 1")]
    [InlineData("12\r")]
    [InlineData("Привет")]
    public async Task Header_value_made_unsafe_by_a_substitution_is_refused_without_a_call(string code)
    {
        using var harness = Create(o => o.Headers = new() { ["X-Code"] = "{{code}}" });

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn, code));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Contains("'X-Code'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Evil", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Привет", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Line_breaks_in_query_and_body_values_are_encoded_not_refused()
    {
        using var harness = Create(o =>
        {
            o.QueryParameters = new() { ["t"] = "{{code}}" };
            o.BodyParameters = Json("""{"t": "{{code}}"}""");
        });

        await harness.SendCodeAsync(SmsUsageType.SignIn, "1\r\n2");

        Assert.Equal("https://sms.example.test/send?t=1%0D%0A2", harness.Request.Uri.AbsoluteUri);
        Assert.Equal(Utf8("""{"t":"1\r\n2"}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Unresolved_placeholder_fails_before_any_call()
    {
        using var harness = Create(o => o.BodyParameters = Json("""{"x": "{{ customer.name }}"}"""));

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.SendCodeAsync(SmsUsageType.SignIn));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Contains("{{ customer.name }}", exception.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Unresolved_placeholder_is_sent_as_is_when_allowed()
    {
        using var harness = Create(o =>
        {
            o.AllowUnresolvedPlaceholders = true;
            o.BodyParameters = Json("""{"x": "{{customer}}", "m": "{{message}}"}""");
        });

        await harness.SendAsync(new SmsMessage { To = Number, Type = SmsUsageType.Generic });

        Assert.Equal(Utf8("""{"x":"{{customer}}","m":"{{message}}"}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Invalid_number_fails_before_any_call()
    {
        using var harness = Create(_ => { });

        var exception = await Assert.ThrowsAsync<SmsConnectorException>(() => harness.Connector.SendAsync(SmsMessage.ForCode("call me", SmsUsageType.SignIn, "1")));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.Empty(harness.Requests);
    }

    [Fact]
    public async Task Every_send_builds_a_fresh_request()
    {
        using var harness = Create(o => o.BodyParameters = Json("""{"c": "{{code}}"}"""));

        await harness.SendCodeAsync(SmsUsageType.SignIn, "111111");
        await harness.SendCodeAsync(SmsUsageType.SignIn, "222222");

        Assert.Equal([Utf8("""{"c":"111111"}"""), Utf8("""{"c":"222222"}""")], harness.Requests.Select(r => r.Body));
    }
}
