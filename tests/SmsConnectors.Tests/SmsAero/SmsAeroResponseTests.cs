using System.Net;
using RichardSzalay.MockHttp;
using SmsConnectors.SmsAero;
using static SmsConnectors.Tests.SmsAero.SmsAeroTestHost;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>Every answer SMSAero documents, and some it does not, classified from the body.</summary>
public class SmsAeroResponseTests
{
    private static readonly SmsMessage Message = SmsMessage.ForCode("+79990000000", SmsUsageType.SignIn, "123456");

    private static Task<SmsSendResult> SendAsync(HttpStatusCode status, string body, string mediaType = "application/json") =>
        Vendor.SendAsync(Message, status, body, mediaType);

    private static Task<SmsConnectorException> FailAsync(HttpStatusCode status, string body, string mediaType = "application/json") =>
        Vendor.FailAsync(Message, status, body, mediaType);

    public static TheoryData<string, string?> Successes => new()
    {
        // The documented envelope.
        {
            """{"success":true,"data":{"id":1,"from":"SMSAero","number":"79990000000","text":"Sign-in code 123456","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49","dateCreate":1697533302,"dateSend":1697533302},"message":null}""",
            "1"
        },
        // data as an array.
        { """{"success":true,"data":[{"id":987654321,"number":"79990000000","status":8},{"id":2}],"message":null}""", "987654321" },
        // A string id, and fields nobody documented.
        { """{"success":true,"data":{"id":"abc-1","newField":{"x":[1]}},"message":"OK","extra":42}""", "abc-1" },
        // Sent, without an id.
        { """{"success":true,"data":null,"message":null}""", null },
        { """{"success":true,"data":[]}""", null },
        // The older shape's success.
        { """{"result":"accepted","id":54321}""", "54321" },
    };

    [Theory]
    [MemberData(nameof(Successes))]
    public async Task Success_true_is_sent_with_the_id_from_data(string body, string? id)
    {
        var result = await SendAsync(HttpStatusCode.OK, body);

        Assert.Equal("aero", result.ConnectorName);
        Assert.Equal(id, result.MessageId);
    }

    public static TheoryData<HttpStatusCode, string, SmsErrorCode, string?, string?> Rejections => new()
    {
        // The documented failures.
        {
            HttpStatusCode.Unauthorized,
            """{"success":false,"data":null,"message":"Your request was made with invalid credentials."}""",
            SmsErrorCode.AuthorizationFailed, null, "Your request was made with invalid credentials."
        },
        {
            HttpStatusCode.OK,
            """{"success":false,"data":null,"message":"Your request was made with invalid credentials."}""",
            SmsErrorCode.AuthorizationFailed, null, "Your request was made with invalid credentials."
        },
        {
            HttpStatusCode.OK,
            """{"success":false,"data":{"number":["incorrect"]},"message":"Validation error."}""",
            SmsErrorCode.InvalidRequestParameters, null, "Validation error. number: incorrect"
        },
        {
            HttpStatusCode.BadRequest,
            """{"success":false,"data":{"number":["incorrect"],"text":["too short","required"]},"message":"Validation error."}""",
            SmsErrorCode.InvalidRequestParameters, null, "Validation error. number: incorrect; text: too short, required"
        },
        { HttpStatusCode.OK, """{"result":"no credits"}""", SmsErrorCode.UsageLimitExceeded, "no credits", "no credits" },
        { HttpStatusCode.OK, """{"result":"reject","reason":"incorrect destination adress"}""", SmsErrorCode.InvalidRequestParameters, "reject", "incorrect destination adress" },
        { HttpStatusCode.OK, """{"result":"reject","reason":"incorrect user or password"}""", SmsErrorCode.AuthorizationFailed, "reject", "incorrect user or password" },
        { HttpStatusCode.OK, """{"result":"reject","reason":"something else"}""", SmsErrorCode.General, "reject", "something else" },
        { HttpStatusCode.OK, """{"result":"reject"}""", SmsErrorCode.General, "reject", "reject" },
        // Not documented, but worded plainly.
        { HttpStatusCode.PaymentRequired, """{"success":false,"data":null,"message":"Insufficient balance"}""", SmsErrorCode.UsageLimitExceeded, null, "Insufficient balance" },
        { HttpStatusCode.OK, """{"success":false,"data":null,"message":"Недостаточно средств на балансе"}""", SmsErrorCode.UsageLimitExceeded, null, "Недостаточно средств на балансе" },
        { HttpStatusCode.TooManyRequests, """{"success":false,"data":null,"message":"Too many requests"}""", SmsErrorCode.RateLimitExceeded, null, "Too many requests" },
        { HttpStatusCode.OK, """{"success":false,"data":null,"message":"Something happened"}""", SmsErrorCode.General, null, "Something happened" },
        { HttpStatusCode.OK, """{"success":false}""", SmsErrorCode.General, null, null },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Failures_keep_the_vendors_words_and_are_not_sent(HttpStatusCode status, string body, SmsErrorCode code, string? providerCode, string? providerMessage)
    {
        var exception = await FailAsync(status, body);

        Assert.Equal(code, exception.Code);
        Assert.Equal(providerCode, exception.ProviderCode);
        Assert.Equal(providerMessage, exception.ProviderMessage);
        Assert.Equal((int)status, exception.HttpStatus);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Equal("aero", exception.ConnectorName);
        if (providerMessage is not null)
        {
            Assert.Contains(providerMessage.TrimEnd('.'), exception.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failure_in_a_server_error_may_have_been_sent()
    {
        var exception = await FailAsync(HttpStatusCode.InternalServerError, """{"success":false,"data":null,"message":"Internal error"}""");

        Assert.Equal(SmsErrorCode.General, exception.Code);
        Assert.True(exception.MayHaveBeenSent);
    }

    [Fact]
    public async Task The_message_masks_a_number_the_vendor_repeats()
    {
        var exception = await FailAsync(HttpStatusCode.OK, """{"success":false,"data":{"number":["79990000000 is in the blacklist"]},"message":"Validation error."}""");

        Assert.Equal("SMS connector 'aero': SMSAero reported a failure (HTTP 200); the vendor says: Validation error. number: 799******00 is in the blacklist.", exception.Message);
        Assert.Equal("Validation error. number: 799******00 is in the blacklist", exception.ProviderMessage);
    }

    public static TheoryData<HttpStatusCode, string, string, bool> Unreadable => new()
    {
        { HttpStatusCode.BadGateway, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", true },
        { HttpStatusCode.OK, "application/json", "", true },
        { HttpStatusCode.Unauthorized, "application/json", "", false },
        { HttpStatusCode.OK, "application/json", """{"success":true,"data":{"id":1,"from":"SMSAe""", true },
        { HttpStatusCode.OK, "application/json", """{"status":"ok"}""", true },
        { HttpStatusCode.OK, "application/json", """{"success":"true"}""", true },
        { HttpStatusCode.OK, "application/json", """{"success":true,"id":[1]}""", true },
        { HttpStatusCode.OK, "application/json", "[]", true },
        { HttpStatusCode.OK, "application/json", "null", true },
        { HttpStatusCode.OK, "application/json", "1", true },
        { HttpStatusCode.OK, "text/plain", "OK", true },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_answer_that_cannot_be_understood_is_invalid_response(HttpStatusCode status, string mediaType, string body, bool mayHaveBeenSent)
    {
        var exception = await FailAsync(status, body, mediaType);

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
        Assert.Equal((int)status, exception.HttpStatus);
        Assert.Equal(mayHaveBeenSent, exception.MayHaveBeenSent);
    }

    [Theory]
    [InlineData(401, null, SmsErrorCode.AuthorizationFailed)]
    [InlineData(403, "", SmsErrorCode.AuthorizationFailed)]
    [InlineData(200, "Unauthorized", SmsErrorCode.AuthorizationFailed)]
    [InlineData(200, "Неверный ключ авторизации", SmsErrorCode.AuthorizationFailed)]
    [InlineData(402, null, SmsErrorCode.UsageLimitExceeded)]
    [InlineData(200, "no credits", SmsErrorCode.UsageLimitExceeded)]
    [InlineData(429, null, SmsErrorCode.RateLimitExceeded)]
    [InlineData(422, null, SmsErrorCode.InvalidRequestParameters)]
    [InlineData(200, "Validation error.", SmsErrorCode.InvalidRequestParameters)]
    [InlineData(200, "in blacklist", SmsErrorCode.InvalidRequestParameters)]
    [InlineData(500, "Server error", SmsErrorCode.General)]
    public void Classifies_by_status_and_words(int status, string? text, SmsErrorCode expected)
    {
        Assert.Equal(expected, SmsAeroConnector.Classify(status, text));
    }
}
