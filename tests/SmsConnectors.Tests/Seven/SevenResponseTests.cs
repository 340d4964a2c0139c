using System.Net;
using RichardSzalay.MockHttp;
using SmsConnectors.Seven;
using static SmsConnectors.Tests.Seven.SevenTestHost;

namespace SmsConnectors.Tests.Seven;

/// <summary>Every answer Seven documents, and some it does not, classified from the body.</summary>
public class SevenResponseTests
{
    private static readonly SmsMessage Message = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456");

    private static Task<SmsSendResult> SendAsync(HttpStatusCode status, string body, string mediaType = "application/json") =>
        Vendor.SendAsync(Message, status, body, mediaType);

    private static Task<SmsConnectorException> FailAsync(HttpStatusCode status, string body, string mediaType = "application/json") =>
        Vendor.FailAsync(Message, status, body, mediaType);

    public static TheoryData<string, string?> Successes => new()
    {
        // The documented answer.
        {
            """{"success":"100","total_price":0.075,"balance":12.3,"debug":"false","sms_type":"direct","messages":[{"id":"77229318","sender":"Logto","recipient":"4915112345678","text":"Your sign-in code is 123456.","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""",
            "77229318"
        },
        // A numeric code and id, and fields nobody documented.
        { """{"success":100,"messages":[{"id":77229318,"success":true,"future":{"x":[1,2]}}],"something_new":true}""", "77229318" },
        // No message entries: sent, without an id.
        { """{"success":"100","messages":[]}""", null },
        { """{"success":"100"}""", null },
        // A bare success code.
        { "100", null },
        { "\"100\"", null },
        { " 100\n", null },
    };

    [Theory]
    [MemberData(nameof(Successes))]
    public async Task Code_100_is_sent_with_the_first_message_id(string body, string? id)
    {
        var result = await SendAsync(HttpStatusCode.OK, body);

        Assert.Equal("seven", result.ConnectorName);
        Assert.Equal(id, result.MessageId);
    }

    public static TheoryData<string, SmsErrorCode> DocumentedCodes => new()
    {
        { "101", SmsErrorCode.General },
        { "201", SmsErrorCode.InvalidConfig },
        { "202", SmsErrorCode.InvalidRequestParameters },
        { "301", SmsErrorCode.InvalidRequestParameters },
        { "305", SmsErrorCode.InvalidRequestParameters },
        { "401", SmsErrorCode.InvalidRequestParameters },
        { "402", SmsErrorCode.RateLimitExceeded },
        { "403", SmsErrorCode.RateLimitExceeded },
        { "500", SmsErrorCode.UsageLimitExceeded },
        { "600", SmsErrorCode.General },
        { "700", SmsErrorCode.General },
        { "900", SmsErrorCode.AuthorizationFailed },
        { "901", SmsErrorCode.AuthorizationFailed },
        { "902", SmsErrorCode.AuthorizationFailed },
        { "903", SmsErrorCode.AuthorizationFailed },
        { "11", SmsErrorCode.General },
    };

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task A_bare_code_body_is_an_explicit_rejection(string code, SmsErrorCode expected)
    {
        foreach (var body in new[] { code, $"\"{code}\"", $"{code}\n" })
        {
            var exception = await FailAsync(HttpStatusCode.OK, body, "text/plain");

            Assert.Equal(expected, exception.Code);
            Assert.Equal(code, exception.ProviderCode);
            Assert.Equal(200, exception.HttpStatus);
            Assert.False(exception.MayHaveBeenSent);
            Assert.Equal("seven", exception.ConnectorName);
            Assert.Contains($"code {code}", exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public async Task A_json_answer_with_a_failure_code_is_an_explicit_rejection(string code, SmsErrorCode expected)
    {
        var exception = await FailAsync(HttpStatusCode.OK, $$"""{"success":"{{code}}","total_price":0,"balance":0,"debug":"false","sms_type":"direct","messages":[]}""");

        Assert.Equal(expected, exception.Code);
        Assert.Equal(code, exception.ProviderCode);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task Authentication_failure_says_what_to_check()
    {
        var exception = await FailAsync(HttpStatusCode.OK, "900");

        Assert.Equal("SMS connector 'seven': Seven reported a failure: authentication failed; check the API key (HTTP 200, code 900).", exception.Message);
    }

    [Fact]
    public async Task A_message_entry_with_success_false_is_a_failure_even_under_code_100()
    {
        var exception = await FailAsync(
            HttpStatusCode.OK,
            """{"success":"100","messages":[{"id":null,"recipient":"4915112345678","success":false,"error":"202","error_text":"Invalid recipient 4915112345678"}]}""");

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.Equal("202", exception.ProviderCode);
        Assert.Equal("Invalid recipient 491********78", exception.ProviderMessage);
        Assert.False(exception.MayHaveBeenSent);
        Assert.DoesNotContain("4915112345678", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid recipient 491********78", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_101_takes_the_failed_recipients_own_code()
    {
        var exception = await FailAsync(
            HttpStatusCode.OK,
            """{"success":"101","messages":[{"id":"1","success":false,"error":500,"error_text":"Insufficient credits"}]}""");

        Assert.Equal(SmsErrorCode.UsageLimitExceeded, exception.Code);
        Assert.Equal("500", exception.ProviderCode);
        Assert.Equal("Insufficient credits", exception.ProviderMessage);
    }

    [Fact]
    public async Task A_message_entry_without_its_own_code_keeps_the_answers_code()
    {
        var exception = await FailAsync(HttpStatusCode.OK, """{"success":"100","messages":[{"id":"1","success":false,"error":null,"error_text":null}]}""");

        Assert.Equal(SmsErrorCode.General, exception.Code);
        Assert.Equal("100", exception.ProviderCode);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("{\"success\":\"999\"}")]
    public async Task An_undocumented_code_is_general_and_may_have_been_sent(string body)
    {
        var exception = await FailAsync(HttpStatusCode.OK, body);

        Assert.Equal(SmsErrorCode.General, exception.Code);
        Assert.True(exception.MayHaveBeenSent);
        Assert.Contains("undocumented", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_body_wins_over_the_status()
    {
        var exception = await FailAsync(HttpStatusCode.Unauthorized, "900");

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal(401, exception.HttpStatus);
    }

    public static TheoryData<HttpStatusCode, string, string, bool> Unreadable => new()
    {
        { HttpStatusCode.BadGateway, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>", true },
        { HttpStatusCode.OK, "application/json", "", true },
        { HttpStatusCode.OK, "application/json", "   ", true },
        { HttpStatusCode.OK, "application/json", """{"success":"100","messages":[{"id":"77""", true },
        { HttpStatusCode.OK, "application/json", """{"unexpected":"shape"}""", true },
        { HttpStatusCode.OK, "application/json", """{"success":"ok"}""", true },
        { HttpStatusCode.OK, "application/json", """{"success":true}""", true },
        { HttpStatusCode.OK, "application/json", """{"success":"100","messages":"none"}""", true },
        { HttpStatusCode.OK, "application/json", "[]", true },
        { HttpStatusCode.OK, "application/json", "null", true },
        { HttpStatusCode.OK, "application/json", "true", true },
        { HttpStatusCode.OK, "text/plain", "\"sent\"", true },
        { HttpStatusCode.OK, "text/plain", "100\n77229318\n0.075", true },
        { HttpStatusCode.Unauthorized, "text/plain", "", false },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_answer_that_cannot_be_understood_is_invalid_response(HttpStatusCode status, string mediaType, string body, bool mayHaveBeenSent)
    {
        var exception = await FailAsync(status, body, mediaType);

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
        Assert.Equal((int)status, exception.HttpStatus);
        Assert.Equal(mayHaveBeenSent, exception.MayHaveBeenSent);
        Assert.Null(exception.ProviderCode);
    }

    [Fact]
    public async Task An_html_503_is_service_unavailable_and_not_sent()
    {
        var exception = await Vendor.FailAsync(Message, HttpStatusCode.ServiceUnavailable, "<html>down for maintenance</html>", "text/html", o => o.Resilience.Retry.MaxRetryAttempts = 0);

        Assert.Equal(SmsErrorCode.ServiceUnavailable, exception.Code);
        Assert.Equal(503, exception.HttpStatus);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Equal("<html>down for maintenance</html>", exception.ProviderMessage);
    }

    [Fact]
    public async Task An_answer_larger_than_the_cap_is_invalid_response()
    {
        var body = "{\"success\":\"100\",\"pad\":\"" + new string('x', 2048) + "\"}";

        var exception = await Vendor.FailAsync(Message, HttpStatusCode.OK, body, configure: o => o.MaxResponseBytes = 1024);

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
    }

    [Fact]
    public void Every_documented_code_has_a_meaning()
    {
        foreach (var code in DocumentedCodes.Select(row => (string)row[0]))
        {
            Assert.NotNull(SevenConnector.Classify(code).Meaning);
        }
    }
}
