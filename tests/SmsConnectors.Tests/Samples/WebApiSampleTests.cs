using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>The sample API on a real Kestrel server on 127.0.0.1, sending through its default Outbox connector.</summary>
public sealed class WebApiSampleTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private SampleServer _sample = null!;

    private HttpClient Client => _sample.Client;

    private ISmsOutbox Outbox => _sample.Outbox;

    public async Task InitializeAsync() => _sample = await SampleServer.StartAsync(_time, logs: _logs);

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public async Task Passcode_is_sent_through_the_outbox_and_not_revealed()
    {
        var response = await Client.PostAsJsonAsync("/passcodes", new { phone = "+49 (151) 1234-5678", type = "SignIn" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sms = Assert.Single(Outbox.Messages);
        Assert.Equal("+4915112345678", sms.To);
        Assert.Matches("^Your sign-in code is [0-9]{6}\\. It expires in 5 minutes\\.$", sms.Text);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(sms.Code!, body, StringComparison.Ordinal);
        Assert.DoesNotContain("4915112345678", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("2026-11-22T12:05:00+00:00", json.RootElement.GetProperty("expiresAt").GetString());
        Assert.Equal("The passcode was sent.", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_sent_passcode_is_logged_once_by_the_library_and_not_again_by_the_sample()
    {
        var before = _logs.Entries.Count;

        await RequestCodeAsync("+4915112345678");

        var line = Assert.Single(_logs.Entries.Skip(before));
        Assert.Equal(("SmsConnectors.Outbox", LogLevel.Information, 2), (line.Category, line.Level, line.EventId.Id));
        Assert.Contains("+491********78", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_code_verifies_once()
    {
        var code = await RequestCodeAsync("+4915112345678");

        var first = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code });
        var second = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("""{"verified":true}""", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task Code_for_another_usage_type_or_number_does_not_verify()
    {
        var code = await RequestCodeAsync("+4915112345678");

        var otherType = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "Register", code });
        var otherNumber = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345679", type = "SignIn", code });

        Assert.Equal(HttpStatusCode.BadRequest, otherType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherNumber.StatusCode);
    }

    [Fact]
    public async Task Expired_code_does_not_verify()
    {
        var code = await RequestCodeAsync("+4915112345678");
        _time.Advance(TimeSpan.FromMinutes(5));

        var response = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Attempts_are_limited()
    {
        var code = await RequestCodeAsync("+4915112345678");
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 4; i++)
        {
            var miss = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code = wrong });
            Assert.Equal(HttpStatusCode.BadRequest, miss.StatusCode);
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        var fifth = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code = wrong });
        var right = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code });
        var tooSoon = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });
        _time.Advance(TimeSpan.FromSeconds(20));
        var newCode = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal("20", fifth.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, newCode.StatusCode);
    }

    [Fact]
    public async Task Resend_within_the_interval_is_refused()
    {
        await RequestCodeAsync("+4915112345678");

        var again = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });
        _time.Advance(TimeSpan.FromSeconds(12.5));
        var stillTooSoon = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });
        _time.Advance(TimeSpan.FromSeconds(17.5));
        var later = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "SignIn" });

        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal("30", again.Headers.GetValues("Retry-After").Single());
        Assert.Equal("18", stillTooSoon.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(2, Outbox.Messages.Count);
    }

    [Fact]
    public async Task Locale_selects_the_template()
    {
        var response = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type = "ForgotPassword", locale = "de-AT" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("Ihr Bestätigungscode lautet ", Assert.Single(Outbox.Messages).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"SignIn"}""", "'phone' is required.")]
    [InlineData("""{"phone":"","type":"SignIn"}""", "'phone' is required.")]
    [InlineData("""{"phone":"call me","type":"SignIn"}""", "'phone' must be an international number")]
    [InlineData("""{"phone":"+12","type":"SignIn"}""", "'phone' must be an international number")]
    [InlineData("""{"phone":"+4915112345678","type":"signin"}""", "'type' must be one of")]
    [InlineData("""{"phone":"+4915112345678","type":"Launch"}""", "'type' must be one of")]
    [InlineData("""{"phone":"+4915112345678","type":""}""", "'type' must be one of")]
    [InlineData("""{"phone":"+49 (151) 1234-5678                ","type":"SignIn"}""", "'phone' must be at most 32 characters")]
    [InlineData("""{"phone":"+4915112345678","type":"SignIn","locale":"de-DE-x-aaaaaaaa-bbbbbbbb-cccccccc-d"}""", "'locale' must be a language tag")]
    [InlineData("""{"phone":"+4915112345678","type":"SignIn","locale":"de\nDE"}""", "'locale' must be a language tag")]
    [InlineData("""{"phone":"+4915112345678","type":"SignIn","locale":""}""", "'locale' must be a language tag")]
    public async Task Bad_input_is_a_problem_response(string json, string detail)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await Client.PostAsync("/passcodes", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(detail, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(Outbox.Messages);
    }

    [Fact]
    public async Task An_overlong_type_is_a_problem_response_that_does_not_echo_it()
    {
        var type = new string('T', 100_000);

        var response = await Client.PostAsJsonAsync("/passcodes", new { phone = "+4915112345678", type });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("TTTT", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Outbox.Messages);
    }

    [Theory]
    [InlineData("""{"phone":"+4915112345678",""")]
    [InlineData("""{"phone":4915112345678}""")]
    [InlineData("""[]""")]
    public async Task A_body_that_is_not_a_request_is_a_400_problem_not_a_500(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await Client.PostAsync("/passcodes", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Outbox.Messages);
    }

    [Fact]
    public async Task An_overlong_code_is_a_problem_response()
    {
        await RequestCodeAsync("+4915112345678");

        var response = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn", code = new string('1', 17) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("'code' is required, at most 16 characters", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_without_code_is_a_problem_response()
    {
        var response = await Client.PostAsJsonAsync("/passcodes/verify", new { phone = "+4915112345678", type = "SignIn" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<string> RequestCodeAsync(string phone)
    {
        var next = Outbox.WaitForNextAsync();
        var response = await Client.PostAsJsonAsync("/passcodes", new { phone, type = "SignIn" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var code = (await next.WaitAsync(TimeSpan.FromSeconds(5))).Code!;
        Assert.Matches("^[0-9]{6}$", code);
        return code;
    }
}

/// <summary>The sample's configuration files, as a user would copy them.</summary>
public sealed class SampleConfigurationTests
{
    [Theory]
    [InlineData("appsettings.json", "dev", new[] { "dev" })]
    [InlineData("appsettings.Vendors.example.json", "seven", new[] { "seven", "tencent", "aero", "hook", "dev" })]
    public void The_sample_configuration_files_bind_and_validate(string file, string defaultConnector, string[] connectors)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, file), optional: false).Build();

        using var services = TestHost.Build(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")));
        var provider = services.GetRequiredService<ISmsConnectorProvider>();

        Assert.Equal(defaultConnector, provider.DefaultName);
        Assert.Equal(connectors.Order(StringComparer.Ordinal), provider.Names.Order(StringComparer.Ordinal));
    }
}
