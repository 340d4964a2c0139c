using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Answers;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Seven.SevenTestHost;

namespace SmsConnectors.Tests.Seven;

/// <summary>Seven's balance: <c>GET {BaseUrl}/balance</c> with <c>X-Api-Key</c> and <c>Accept: application/json</c> (reference: "Beyond sending").</summary>
public class SevenBalanceTests
{
    private const string BalanceUrl = "https://gateway.seven.io/api/balance";

    private static async Task<(SmsBalance Balance, RecordedRequest Request)> BalanceAsync(string answer, Action<SevenOptions>? configure = null, string url = BalanceUrl)
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.When(url).Record(HttpStatusCode.OK, answer);
        await using var provider = Build(mock, configure);
        var balance = await provider.Connector().BalanceAsync();
        return (balance, Assert.Single(requests));
    }

    private static async Task<SmsConnectorException> FailAsync(HttpStatusCode status, string answer, string mediaType = "application/json")
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, BalanceUrl).Respond(status, mediaType, answer);
        await using var provider = Build(mock);
        return await provider.Connector().BalanceFailsAsync(ApiKey);
    }

    [Fact]
    public async Task Gets_the_balance_with_the_key_and_json_accept_byte_for_byte()
    {
        var (_, request) = await BalanceAsync("""{"amount": 12.34, "currency": "EUR"}""");

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://gateway.seven.io/api/balance", request.Uri.AbsoluteUri);
        Assert.Equal(["Accept: application/json", "X-Api-Key: test-api-key-5ecret"], request.Headers.Order(StringComparer.Ordinal));
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task A_base_url_with_a_trailing_slash_gets_one_slash()
    {
        var (_, request) = await BalanceAsync("12.5", o => o.BaseUrl = "https://relay.example.com/seven/", "https://relay.example.com/seven/balance");

        Assert.Equal("https://relay.example.com/seven/balance", request.Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Reads_amount_and_currency()
    {
        var (balance, _) = await BalanceAsync("""{"amount": 12.34, "currency": "EUR"}""");

        Assert.Equal(new SmsBalance { ConnectorName = "seven", Amount = 12.34m, Currency = "EUR" }, balance);
    }

    [Theory]
    [InlineData("12.34", "12.34")]
    [InlineData("\"12.34\"", "12.34")]
    [InlineData("0", "0")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("100", "100")]
    [InlineData("500", "500")]
    public async Task Reads_the_older_bare_number_as_the_amount_without_a_currency(string answer, string amount)
    {
        var (balance, _) = await BalanceAsync(answer);

        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), balance.Amount);
        Assert.Null(balance.Currency);
        Assert.Null(balance.RemainingMessages);
    }

    [Fact]
    public async Task An_amount_in_a_string_and_no_currency_is_read_too()
    {
        var (balance, _) = await BalanceAsync("""{"amount": "7.10"}""");

        Assert.Equal(7.10m, balance.Amount);
        Assert.Null(balance.Currency);
    }

    [Theory]
    [InlineData("900", "authentication failed")]
    [InlineData("\"900\"", "authentication failed")]
    [InlineData("901", "signature verification failed")]
    [InlineData("902", "the API is disabled")]
    [InlineData("903", "IP address is not allowed")]
    public async Task A_bare_auth_code_is_authorization_failed(string answer, string meaning)
    {
        var exception = await FailAsync(HttpStatusCode.OK, answer);

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal(answer.Trim('"'), exception.ProviderCode);
        Assert.Equal(200, exception.HttpStatus);
        Assert.Contains(meaning, exception.Message, StringComparison.Ordinal);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task A_code_in_an_object_is_read_with_the_code_table()
    {
        var exception = await FailAsync(HttpStatusCode.OK, """{"success":"900"}""");

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal("900", exception.ProviderCode);
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>", "text/html")]
    [InlineData("", "text/plain")]
    [InlineData("{\"currency\":\"EUR\"}", "application/json")]
    [InlineData("{\"amount\":\"lots\",\"currency\":\"EUR\"}", "application/json")]
    [InlineData("[12.34]", "application/json")]
    [InlineData("null", "application/json")]
    [InlineData("{\"amount\":12.3", "application/json")]
    public async Task Garbage_is_an_invalid_response(string answer, string mediaType)
    {
        var exception = await FailAsync(HttpStatusCode.OK, answer, mediaType);

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
        Assert.Equal(200, exception.HttpStatus);
        Assert.False(exception.IsTransient);
    }

    [Fact]
    public async Task Garbage_under_503_is_service_unavailable_and_transient()
    {
        var exception = await FailAsync(HttpStatusCode.ServiceUnavailable, "<html>maintenance</html>", "text/html");

        Assert.Equal(SmsErrorCode.ServiceUnavailable, exception.Code);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task Garbage_under_500_is_invalid_and_still_sent_nothing()
    {
        var exception = await FailAsync(HttpStatusCode.InternalServerError, "oops", "text/plain");

        Assert.Equal(SmsErrorCode.InvalidResponse, exception.Code);
        Assert.Equal(500, exception.HttpStatus);
    }

    [Fact]
    public async Task A_key_the_vendor_echoes_is_redacted()
    {
        var exception = await FailAsync(HttpStatusCode.OK, $"Unknown API key {ApiKey}", "text/plain");

        Assert.Contains("Unknown API key ***", exception.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_a_bare_code_that_is_not_about_the_key_gives_the_amount()
    {
        // 500 ("too little credit") and 100 are codes of a send; under a balance call a bare number is an amount.
        var reading = SevenBalance.Read(new VendorAnswer(200, null, "500"u8.ToArray()));

        Assert.Null(reading.Failure);
        Assert.Equal(500m, reading.Amount);
    }

    [Fact]
    public async Task A_refused_connection_sent_nothing_and_says_so_without_a_message()
    {
        await using var provider = TestHost.Build(services => services.AddSmsConnectors().AddSeven("seven", options =>
        {
            options.ApiKey = ApiKey;
            options.BaseUrl = RefusedAddress.Create() + "api";
            options.Templates = [Template("SignIn", "Code {{code}}")];
        }));

        var exception = await provider.GetRequiredKeyedService<ISmsConnector>("seven").BalanceFailsAsync(ApiKey);

        Assert.Equal(SmsErrorCode.ServiceUnavailable, exception.Code);
        Assert.True(exception.IsTransient);
        Assert.Null(exception.HttpStatus);
    }

    [Fact]
    public async Task A_slow_vendor_is_a_transient_timeout_after_the_attempt_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        await using var provider = LoopbackHost(server.BaseAddress, configure: o => o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var exception = await provider.GetRequiredKeyedService<ISmsConnector>("seven").BalanceFailsAsync(LoopbackKey);

        Assert.Equal(SmsErrorCode.Timeout, exception.Code);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task A_cancelled_token_cancels()
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(body: "1");
        await using var provider = Build(mock);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.Connector().BalanceAsync(new CancellationToken(canceled: true)));

        Assert.Empty(requests);
    }

    private const string LoopbackKey = "loopback-key-3c2b1a";

    /// <summary>A stand-in for Seven's balance endpoint: GET with the key in X-Api-Key; 900 for a wrong key, the JSON form when JSON is accepted.</summary>
    private static Task<LoopbackServer> StartSevenAsync() => LoopbackServer.StartAsync(async (context, request) =>
    {
        if (request.Method != "GET" || request.Path != "/api/balance" || request.Body.Length != 0)
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (request.Header("X-Api-Key") != LoopbackKey)
        {
            await context.Response.WriteAsync("900");
            return;
        }

        if (request.Header("Accept") == "application/json")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"amount":42.5,"currency":"EUR"}""");
        }
        else
        {
            await context.Response.WriteAsync("42.5");
        }
    });

    private static ServiceProvider LoopbackHost(Uri baseAddress, string apiKey = LoopbackKey, Action<SevenOptions>? configure = null) =>
        TestHost.Build(services => services.AddSmsConnectors().AddSeven("seven", options =>
        {
            options.ApiKey = apiKey;
            options.BaseUrl = baseAddress + "api";
            options.Templates = [Template("SignIn", "Code {{code}}")];
            configure?.Invoke(options);
        }));

    [Fact]
    public async Task Loopback_reads_the_balance_from_a_server_that_checks_the_key()
    {
        await using var server = await StartSevenAsync();
        await using var provider = LoopbackHost(server.BaseAddress);

        var balance = await provider.GetRequiredKeyedService<ISmsConnector>("seven").BalanceAsync();

        Assert.Equal(new SmsBalance { ConnectorName = "seven", Amount = 42.5m, Currency = "EUR" }, balance);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/balance", request.Path);
        Assert.Equal(string.Empty, request.QueryString);
    }

    [Fact]
    public async Task Loopback_a_wrong_key_is_authorization_failed_without_the_key()
    {
        const string WrongKey = "wrong-key-77f0e1d2";
        await using var server = await StartSevenAsync();
        await using var provider = LoopbackHost(server.BaseAddress, WrongKey);

        var exception = await provider.GetRequiredKeyedService<ISmsConnector>("seven").BalanceFailsAsync(WrongKey);

        Assert.Equal(SmsErrorCode.AuthorizationFailed, exception.Code);
        Assert.Equal("900", exception.ProviderCode);
    }
}
