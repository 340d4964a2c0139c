using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.SmsAero;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.SmsAero.SmsAeroTestHost;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>SMSAero's balance: <c>GET {BaseUrl}/balance</c> with Basic authentication (reference: "Beyond sending").</summary>
public class SmsAeroBalanceTests
{
    private const string BalanceUrl = "https://gate.smsaero.ru/v2/balance";
    private const string Success = """{"success":true,"data":{"balance":337.03},"message":null}""";

    private static async Task<(SmsBalance Balance, List<RecordedRequest> Requests)> BalanceAsync(string answer, Action<SmsAeroOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(body: answer);
        await using var provider = Build(mock, configure);
        var balance = await provider.Connector().BalanceAsync();
        return (balance, requests);
    }

    private static async Task<SmsConnectorException> FailAsync(HttpStatusCode status, string answer, string mediaType = "application/json")
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, BalanceUrl).Respond(status, mediaType, answer);
        await using var provider = Build(mock);
        return await provider.Connector().BalanceFailsAsync(ApiKey, BasicCredentials);
    }

    [Fact]
    public async Task Gets_the_balance_with_basic_authentication_byte_for_byte()
    {
        var (_, requests) = await BalanceAsync(Success);

        var request = Assert.Single(requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://gate.smsaero.ru/v2/balance", request.Uri.AbsoluteUri);
        Assert.Equal(["Accept: application/json", "Authorization: Basic b3duZXJAZXhhbXBsZS5jb206YWVyby1rZXktWng4MQ=="], request.Headers.Order(StringComparer.Ordinal));
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Reads_the_balance_in_roubles()
    {
        var (balance, _) = await BalanceAsync(Success);

        Assert.Equal(new SmsBalance { ConnectorName = "aero", Amount = 337.03m, Currency = "RUB" }, balance);
    }

    [Theory]
    [InlineData("""{"success":true,"data":{"balance":"12.50"},"message":null}""", "12.50")]
    [InlineData("""{"success":true,"data":{"balance":0},"message":null}""", "0")]
    [InlineData("""{"success":true,"data":{"balance":-4.2}}""", "-4.2")]
    public async Task Reads_numbers_in_strings_zero_and_credit(string answer, string amount)
    {
        var (balance, _) = await BalanceAsync(answer);

        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), balance.Amount);
    }

    [Fact]
    public async Task Success_false_is_a_failure_with_the_vendor_message()
    {
        var exception = await FailAsync(HttpStatusCode.Unauthorized, """{"success":false,"data":null,"message":"Your credentials are incorrect"}""");

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal("Your credentials are incorrect", exception.ProviderMessage);
        Assert.Equal(401, exception.HttpStatus);
        Assert.Contains("the vendor says: Your credentials are incorrect", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_false_under_429_is_transient_with_retry_after()
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, BalanceUrl).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"success":false,"data":null,"message":"Too many requests"}""") };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return response;
        });
        await using var provider = Build(mock);

        var exception = await provider.Connector().BalanceFailsAsync(ApiKey, BasicCredentials);

        Assert.Equal(SmsErrorCode.RateLimitExceeded, exception.Code);
        Assert.True(exception.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
    }

    [Fact]
    public async Task A_message_echoing_the_key_or_the_credentials_is_redacted()
    {
        var exception = await FailAsync(HttpStatusCode.Unauthorized, $$"""{"success":false,"data":null,"message":"Bad key {{ApiKey}} in Basic {{BasicCredentials}}"}""");

        Assert.Equal("Bad key *** in Basic ***", exception.ProviderMessage);
    }

    [Theory]
    [InlineData("""{"success":true,"data":{},"message":null}""")]
    [InlineData("""{"success":true,"data":{"balance":"a lot"},"message":null}""")]
    [InlineData("""{"success":true,"data":[337.03],"message":null}""")]
    [InlineData("""{"data":{"balance":337.03}}""")]
    [InlineData("""{"success":"yes"}""")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    public async Task Garbage_is_an_invalid_response(string answer)
    {
        var exception = await FailAsync(HttpStatusCode.OK, answer);

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
    }

    [Fact]
    public async Task Garbage_under_503_is_service_unavailable_and_transient()
    {
        var exception = await FailAsync(HttpStatusCode.ServiceUnavailable, "<html>busy</html>", "text/html");

        Assert.Equal(SmsErrorCode.ServiceUnavailable, exception.Code);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task A_mirror_is_asked_when_the_base_address_cannot_be_connected_to()
    {
        await using var server = await StartSmsAeroAsync();
        await using var provider = LoopbackHost(RefusedAddress.Create(), mirror: server.BaseAddress);

        var balance = await provider.GetRequiredKeyedService<ISmsConnector>("aero").BalanceAsync();

        Assert.Equal(337.03m, balance.Amount);
        Assert.Single(server.Requests);
    }

    private const string LoopbackEmail = "loop@example.com";
    private const string LoopbackKey = "loop-key-0a9b8c";

    /// <summary>A stand-in for SMSAero's balance endpoint: GET /v2/balance with Basic authentication; a 401 envelope otherwise.</summary>
    private static Task<LoopbackServer> StartSmsAeroAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        if (request.Method != "GET" || request.Path != "/v2/balance" || request.Body.Length != 0)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/json";
        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{LoopbackEmail}:{LoopbackKey}"));
        if (request.Header("Authorization") != expected)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("""{"success":false,"data":null,"message":"Your credentials are incorrect"}""");
            return;
        }

        await context.Response.WriteAsync(Success);
    });

    private static ServiceProvider LoopbackHost(Uri baseAddress, string apiKey = LoopbackKey, Uri? mirror = null) =>
        TestHost.Build(services => services.AddSmsConnectors().AddSmsAero("aero", options =>
        {
            options.Email = LoopbackEmail;
            options.ApiKey = apiKey;
            options.BaseUrl = baseAddress + "v2";
            options.MirrorUrls = mirror is null ? null : [mirror + "v2"];
            options.Templates = RequiredTemplates();
        }));

    [Fact]
    public async Task Loopback_reads_the_balance_from_a_server_that_checks_basic_authentication()
    {
        await using var server = await StartSmsAeroAsync();
        await using var provider = LoopbackHost(server.BaseAddress);

        var balance = await provider.GetRequiredKeyedService<ISmsConnector>("aero").BalanceAsync();

        Assert.Equal(new SmsBalance { ConnectorName = "aero", Amount = 337.03m, Currency = "RUB" }, balance);
        var request = Assert.Single(server.Requests);
        Assert.Equal("application/json", request.Header("Accept"));
    }

    [Fact]
    public async Task Loopback_wrong_credentials_are_authorization_failed_without_them()
    {
        const string WrongKey = "wrong-aero-key-55";
        await using var server = await StartSmsAeroAsync();
        await using var provider = LoopbackHost(server.BaseAddress, WrongKey);

        var exception = await provider.GetRequiredKeyedService<ISmsConnector>("aero").BalanceFailsAsync(
            WrongKey, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{LoopbackEmail}:{WrongKey}")));

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal(401, exception.HttpStatus);
    }
}
