using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Tencent.TencentTestHost;

namespace SmsConnectors.Tests.Tencent;

/// <summary>
/// Tencent's balance: <c>SmsPackagesStatistics</c> (API 2021-01-11), signed like <c>SendSms</c>, with
/// every field the version requires (SmsSdkAppId, Limit, Offset, BeginTime, EndTime). The expected
/// Authorization values were computed outside this code base with Python's hmac and hashlib from
/// the published algorithm (the same script reproduces the SendSms literal of
/// <see cref="TencentRequestTests"/>), and are typed here as literals.
/// </summary>
public class TencentBalanceTests
{
    /// <summary>The first page's body at <see cref="TencentTestHost.Now"/> (07:30 on 2026-03-02 in UTC+8): ten years up to the start of the hour.</summary>
    private const string FirstPage = """{"SmsSdkAppId":"1400006666","Limit":100,"Offset":0,"BeginTime":"2016030207","EndTime":"2026030207"}""";

    private const string FirstPageSignature = "1544466ae80b474fb99e82e4ab7b5cf2e87dbdea024db19275af47b79741a649";

    private static readonly long NowSeconds = Now.ToUnixTimeSeconds();

    private static string Package(long amount, long used, long? expires = null, long id = 1000876572) =>
        $$"""{"PackageCreateTime":1617292800,"PackageEffectiveTime":1617292800,"PackageExpiredTime":{{expires ?? (NowSeconds + 86400)}},"PackageAmount":{{amount}},"PackageType":1,"PackageId":{{id}},"CurrentUsage":{{used}}}""";

    private static string Packages(params string[] packages) =>
        $$$"""{"Response":{"SmsPackagesStatisticsSet":[{{{string.Join(",", packages)}}}],"RequestId":"90242d16-de50-4c9a-80fc-7709b566e93e"}}""";

    private static async Task<(SmsBalance Balance, List<RecordedRequest> Requests)> BalanceAsync(params string[] pages)
    {
        var mock = new MockHttpMessageHandler();
        var requests = new List<RecordedRequest>();
        mock.Fallback.Respond(async request =>
        {
            var recorded = await RecordedRequest.FromAsync(request);
            requests.Add(recorded);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(pages[requests.Count - 1], Encoding.UTF8, "application/json") };
        });
        await using var provider = Build(mock);
        var balance = await provider.Connector().BalanceAsync();
        return (balance, requests);
    }

    private static async Task<SmsConnectorException> FailAsync(string answer, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json")
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(status, mediaType, answer);
        await using var provider = Build(mock);
        return await provider.Connector().BalanceFailsAsync(SecretKey, FirstPageSignature);
    }

    [Fact]
    public async Task Sends_the_signed_request_byte_for_byte()
    {
        var (_, requests) = await BalanceAsync(Packages(Package(1000, 100)));

        var request = Assert.Single(requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://sms.tencentcloudapi.com/", request.Uri.AbsoluteUri);
        Assert.Equal(Encoding.UTF8.GetBytes(FirstPage), request.Body);
        Assert.Equal(
            Convert.FromHexString(
                "7b22536d7353646b4170704964223a2231343030303036363636222c224c696d6974223a3130302c224f6666736574223a302c22426567696e54696d65223a2232303136303330323037222c22456e6454696d65223a2232303236303330323037227d"),
            request.Body);
        Assert.Equal(
            [
                $"Authorization: TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-03-01/sms/tc3_request, SignedHeaders=content-type;host, Signature={FirstPageSignature}",
                "Content-Type: application/json; charset=utf-8",
                "Host: sms.tencentcloudapi.com",
                "X-TC-Action: SmsPackagesStatistics",
                "X-TC-Region: ap-guangzhou",
                "X-TC-Timestamp: 1772407800",
                "X-TC-Version: 2021-01-11",
            ],
            request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal(request.Body!.Length, request.ContentLength);
        var check = TencentSignatureCheck.Verify("POST", "/", "", request.Header, request.Body, Now, new Dictionary<string, string> { [SecretId] = SecretKey });
        Assert.Null(check.ErrorCode);
    }

    [Theory]
    [InlineData("2026-03-01T23:30:00Z", "2016030207", "2026030207")]
    [InlineData("2026-03-01T16:00:00Z", "2016030200", "2026030200")]
    [InlineData("2026-03-01T15:59:59Z", "2016030123", "2026030123")]
    [InlineData("2024-02-29T04:05:06Z", "2014022812", "2024022912")]
    public void The_period_is_ten_years_up_to_the_current_hour_in_china_standard_time(string now, string begin, string end)
    {
        Assert.Equal((begin, end), TencentBalance.Period(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Sums_what_is_left_of_the_packages_that_have_not_expired()
    {
        var (balance, _) = await BalanceAsync(Packages(
            Package(1000, 100),
            Package(500, 500),
            Package(300, 0, expires: NowSeconds - 1),
            Package(200, 250),
            Package(50, 0, expires: NowSeconds)));

        Assert.Equal(new SmsBalance { ConnectorName = Name, RemainingMessages = 900 }, balance);
    }

    [Fact]
    public async Task No_packages_is_zero_messages()
    {
        var (balance, _) = await BalanceAsync(Packages());

        Assert.Equal(0, balance.RemainingMessages);
        Assert.Null(balance.Amount);
        Assert.Null(balance.Currency);
    }

    [Fact]
    public async Task A_package_without_usage_or_expiry_counts_whole()
    {
        var (balance, _) = await BalanceAsync("""{"Response":{"SmsPackagesStatisticsSet":[{"PackageAmount":1000}],"RequestId":"r"}}""");

        Assert.Equal(1000, balance.RemainingMessages);
    }

    [Fact]
    public async Task A_full_page_is_followed_by_the_next_signed_page()
    {
        var full = Packages([.. Enumerable.Range(0, 100).Select(i => Package(10, 1, id: i))]);
        var (balance, requests) = await BalanceAsync(full, Packages(Package(1000, 0)));

        Assert.Equal(2, requests.Count);
        Assert.Equal((100 * 9) + 1000, balance.RemainingMessages);
        Assert.Equal(
            """{"SmsSdkAppId":"1400006666","Limit":100,"Offset":100,"BeginTime":"2016030207","EndTime":"2026030207"}""",
            requests[1].BodyText);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-03-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=8da6b1532f5a63f1ef202b424bf4e3968447f90f537124d8ae597bd009e5ebc5",
            requests[1].Header("Authorization"));
    }

    [Theory]
    [InlineData("AuthFailure.SignatureFailure", SmsErrorCode.AuthorizationFailed, false)]
    [InlineData("AuthFailure.SecretIdNotFound", SmsErrorCode.AuthorizationFailed, false)]
    [InlineData("UnauthorizedOperation.SmsSdkAppIdVerifyFail", SmsErrorCode.InvalidConfig, false)]
    [InlineData("InvalidParameterValue.SdkAppIdNotExist", SmsErrorCode.InvalidConfig, false)]
    [InlineData("RequestLimitExceeded", SmsErrorCode.RateLimitExceeded, true)]
    [InlineData("InternalError.Timeout", SmsErrorCode.General, false)]
    [InlineData("MissingParameter", SmsErrorCode.InvalidRequestParameters, false)]
    public async Task An_error_maps_with_the_code_table_and_sent_nothing(string code, SmsErrorCode expected, bool transient)
    {
        var exception = await FailAsync(Error(code, "the request was refused", "req-balance-1"));

        Assert.Equal(expected, exception.Code);
        Assert.Equal(code, exception.ProviderCode);
        Assert.Equal("req-balance-1", exception.RequestId);
        Assert.Equal("the request was refused", exception.ProviderMessage);
        Assert.Equal(transient, exception.IsTransient);
    }

    [Fact]
    public async Task An_error_echoing_the_secret_key_or_the_signature_is_redacted()
    {
        var exception = await FailAsync(Error("AuthFailure.SignatureFailure", $"key {SecretKey} gave signature {FirstPageSignature}"));

        Assert.Equal("key *** gave signature ***", exception.ProviderMessage);
    }

    [Theory]
    [InlineData("<html>gateway</html>")]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"Response":{"RequestId":"r"}}""")]
    [InlineData("""{"Response":{"Error":{"Message":"no code"},"RequestId":"r"}}""")]
    [InlineData("""{"Response":{"SmsPackagesStatisticsSet":[{"CurrentUsage":1}],"RequestId":"r"}}""")]
    [InlineData("""{"Response":{"SmsPackagesStatisticsSet":[null],"RequestId":"r"}}""")]
    [InlineData("""{"Response":{"SmsPackagesStatisticsSet":[{"PackageAmount":-5}],"RequestId":"r"}}""")]
    [InlineData("""{"Response":{"SmsPackagesStatisticsSet":[{"PackageAmount":"many"}],"RequestId":"r"}}""")]
    public async Task Garbage_is_an_invalid_response(string answer)
    {
        var exception = await FailAsync(answer);

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
    }

    [Fact]
    public async Task Garbage_under_503_is_service_unavailable_and_transient()
    {
        var exception = await FailAsync("busy", HttpStatusCode.ServiceUnavailable, "text/plain");

        Assert.Equal(SmsErrorCode.ServiceUnavailable, exception.Code);
        Assert.True(exception.IsTransient);
    }

    /// <summary>
    /// Plays <c>SmsPackagesStatistics</c> on 127.0.0.1: verifies the signature from what it received
    /// (<see cref="TencentSignatureCheck"/>), checks the action, version, region and every required
    /// field, and answers with two packages.
    /// </summary>
    private static Task<LoopbackServer> StartTencentAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        context.Response.ContentType = "application/json";
        var check = TencentSignatureCheck.Verify(request.Method, request.Path, request.QueryString, request.Header, request.Body, Now, new Dictionary<string, string> { [SecretId] = SecretKey });
        if (check.ErrorCode is not null)
        {
            await context.Response.WriteAsync(Error(check.ErrorCode, check.Message));
            return;
        }

        if (request.Header("X-TC-Action") != "SmsPackagesStatistics" || request.Header("X-TC-Version") != "2021-01-11" || string.IsNullOrEmpty(request.Header("X-TC-Region")))
        {
            await context.Response.WriteAsync(Error("InvalidAction", "The action, version or region is not valid."));
            return;
        }

        var body = JsonDocument.Parse(request.Body).RootElement;
        bool Hour(string name) => body.TryGetProperty(name, out var value) && value.GetString() is { Length: 10 } text && text.All(char.IsAsciiDigit);
        if (body.GetProperty("SmsSdkAppId").GetString() != "1400006666")
        {
            await context.Response.WriteAsync(Error("InvalidParameterValue.SdkAppIdNotExist", "The SdkAppId does not exist."));
            return;
        }

        if (!body.TryGetProperty("Limit", out var limit) || limit.GetInt32() is < 1 or > 500 || !body.TryGetProperty("Offset", out _)
            || !Hour("BeginTime") || !Hour("EndTime") || string.CompareOrdinal(body.GetProperty("BeginTime").GetString(), body.GetProperty("EndTime").GetString()) >= 0)
        {
            await context.Response.WriteAsync(Error("MissingParameter", "A required parameter is missing or invalid."));
            return;
        }

        await context.Response.WriteAsync(Packages(Package(1000, 250), Package(100, 100)));
    });

    private static ServiceProvider LoopbackHost(Uri endpoint, string secretKey = SecretKey) =>
        Build(mock: null, options =>
        {
            options.Endpoint = endpoint.ToString();
            options.AccessKeySecret = secretKey;
        });

    [Fact]
    public async Task Loopback_a_server_that_verifies_the_signature_answers_the_packages()
    {
        await using var server = await StartTencentAsync();
        await using var provider = LoopbackHost(server.BaseAddress);

        var balance = await provider.Connector().BalanceAsync();

        Assert.Equal(new SmsBalance { ConnectorName = Name, RemainingMessages = 750 }, balance);
        var request = Assert.Single(server.Requests);
        Assert.Equal($"127.0.0.1:{server.BaseAddress.Port}", request.Header("Host"));
        Assert.Equal(Encoding.UTF8.GetBytes(FirstPage), request.Body);
    }

    [Fact]
    public async Task Loopback_a_wrong_secret_key_is_authorization_failed_without_it()
    {
        const string WrongKey = "WrongSecretKeyWrongSecretKey0000";
        await using var server = await StartTencentAsync();
        await using var provider = LoopbackHost(server.BaseAddress, WrongKey);

        var exception = await provider.Connector().BalanceFailsAsync(WrongKey, SecretKey);

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal("AuthFailure.SignatureFailure", exception.ProviderCode);
    }
}
