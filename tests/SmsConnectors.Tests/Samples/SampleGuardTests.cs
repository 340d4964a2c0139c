using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Guard;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Guard;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// The sample with the guard its appsettings.json turns on, hosted by <c>WebApplicationFactory</c>:
/// idempotency keys, the limits and cool-down as 429 with <c>Retry-After</c>, the destination policy
/// as 403, an unreachable store as 503, the caller's IP from <c>X-Forwarded-For</c>, and passcodes
/// shared by instances through one <c>IDistributedCache</c>. A test changes a setting for its own
/// app only, never the sample's defaults.
/// </summary>
public sealed class SampleGuardTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private const string Phone = "+4915112345678";
    private const string OtherPhone = "+4915112345679";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_sample_turns_the_guard_on_with_starting_values_for_passcode_sign_in()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false).Build();

        var guard = configuration.GetSection("SmsConnectors:Guard").Get<SmsGuardOptions>()!;

        Assert.Equal(("5 per 01:00:00", "20 per 01:00:00"), (guard.PerNumber?.ToString(), guard.PerIp?.ToString()));
        Assert.Equal((TimeSpan.FromSeconds(30), 1000, TimeSpan.FromMinutes(10)), (guard.Cooldown, guard.DailyBudget, guard.IdempotencyWindow));
        Assert.Empty(guard.AllowedCountries);
        Assert.Null(guard.Store);
        Assert.Equal(SmsGuardFailureMode.Closed, guard.FailureMode);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_sends_one_message_and_gets_the_same_answer()
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        var first = await RequestAsync(client, Phone, key: "sign-in-7f3a");
        var repeat = await RequestAsync(client, Phone, key: "sign-in-7f3a");
        _time.Advance(TimeSpan.FromSeconds(45));
        var laterRepeat = await RequestAsync(client, Phone, key: "sign-in-7f3a");
        var sentBeforeAnotherKey = Outbox(sample).Messages.Count;
        var otherKey = await RequestAsync(client, Phone, key: "sign-in-9b1c");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, repeat.StatusCode, laterRepeat.StatusCode));
        var answer = await first.Content.ReadAsStringAsync();
        Assert.Equal(answer, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(answer, await laterRepeat.Content.ReadAsStringAsync());
        Assert.Equal(1, sentBeforeAnotherKey);
        // Another key is another request: after the resend interval, it gets a new passcode, sent.
        Assert.Equal(HttpStatusCode.Accepted, otherKey.StatusCode);
        Assert.NotEqual(answer, await otherKey.Content.ReadAsStringAsync());
        Assert.Equal(2, Outbox(sample).Messages.Count);
    }

    [Fact]
    public async Task A_repeat_keeps_the_passcode_that_was_sent()
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        await RequestAsync(client, Phone, key: "sign-in-7f3a");
        var repeat = await RequestAsync(client, Phone, key: "sign-in-7f3a");
        var withoutKey = await RequestAsync(client, Phone);
        var verified = await client.PostAsJsonAsync("/passcodes/verify", new { phone = Phone, type = "SignIn", code = Assert.Single(Outbox(sample).Messages).Code });

        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, withoutKey.StatusCode);
        Assert.Equal("30", withoutKey.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Without_the_guards_idempotency_window_a_repeat_waits_like_any_other_request()
    {
        using var sample = Sample(("SmsConnectors:Guard:IdempotencyWindow", string.Empty));
        using var client = sample.CreateClient();

        var first = await RequestAsync(client, Phone, key: "sign-in-7f3a");
        var repeat = await RequestAsync(client, Phone, key: "sign-in-7f3a");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, repeat.StatusCode);
        Assert.Equal("30", repeat.Headers.GetValues("Retry-After").Single());
        Assert.Single(Outbox(sample).Messages);
    }

    [Fact]
    public async Task A_repeat_of_a_send_that_may_have_been_sent_gets_the_same_answer_without_another_request_to_the_vendor()
    {
        await using var vendor = await LoopbackServer.StartAsync(500, "text/plain", "upstream hiccup");
        using var sample = Sample(
            ("SmsConnectors:DefaultConnector", "hook"),
            ("SmsConnectors:Connectors:hook:Provider", "Http"),
            ("SmsConnectors:Connectors:hook:endpoint", $"{vendor.BaseAddress}sms"),
            ("SmsConnectors:Connectors:hook:templates:0:usageType", "Generic"),
            ("SmsConnectors:Connectors:hook:templates:0:content", "Your code is {{code}}"));
        using var client = sample.CreateClient();

        var first = await RequestAsync(client, Phone, key: "sign-in-7f3a");
        var repeat = await RequestAsync(client, Phone, key: "sign-in-7f3a");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, repeat.StatusCode));
        Assert.Equal("The passcode may be on its way. Please wait for it before requesting another.", await MessageAsync(first));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Single(vendor.Requests);
    }

    [Theory]
    [InlineData(129, "sign-in")]
    [InlineData(9, "two words")]
    public async Task An_idempotency_key_that_is_too_long_or_not_visible_ascii_is_a_400(int length, string text)
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        var response = await RequestAsync(client, Phone, key: string.Concat(Enumerable.Repeat(text, (length / text.Length) + 1))[..length]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The 'Idempotency-Key' header must be one key of 1 to 128 visible ASCII characters.", await DetailAsync(response));
        Assert.Empty(Outbox(sample).Messages);
    }

    [Fact]
    public async Task An_idempotency_key_of_128_characters_is_taken()
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        var response = await RequestAsync(client, Phone, key: new string('k', 128));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(Outbox(sample).Messages);
    }

    [Fact]
    public async Task A_number_at_its_per_number_limit_is_a_429_with_retry_after_until_its_oldest_send_leaves_the_window()
    {
        using var sample = Sample(("SmsConnectors:Guard:PerNumber:Limit", "2"));
        using var client = sample.CreateClient();

        var first = await RequestAsync(client, Phone);
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await RequestAsync(client, Phone);
        _time.Advance(TimeSpan.FromSeconds(30));
        var third = await RequestAsync(client, Phone);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3540", third.Headers.GetValues("Retry-After").Single());
        Assert.Equal("No passcode was sent: too many passcodes for this number. Wait 3540 seconds before requesting another passcode.", await DetailAsync(third));
        Assert.DoesNotContain("15112345678", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, Outbox(sample).Messages.Count);
    }

    [Fact]
    public async Task A_number_within_its_cooldown_is_a_429_with_retry_after_until_the_cooldown_passes()
    {
        using var sample = Sample(("Passcodes:ResendInterval", "00:00:01"), ("SmsConnectors:Guard:Cooldown", "00:01:00"));
        using var client = sample.CreateClient();

        await RequestAsync(client, Phone);
        _time.Advance(TimeSpan.FromSeconds(4.5));
        var tooSoon = await RequestAsync(client, Phone);
        _time.Advance(TimeSpan.FromSeconds(55.5));
        var later = await RequestAsync(client, Phone);

        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        Assert.Equal("56", tooSoon.Headers.GetValues("Retry-After").Single());
        Assert.StartsWith("No passcode was sent: too many passcodes for this number.", await DetailAsync(tooSoon), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        Assert.Equal(2, Outbox(sample).Messages.Count);
    }

    [Fact]
    public async Task A_passcode_of_another_type_within_the_cooldown_is_a_429_as_the_cooldown_counts_per_number()
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        var signIn = await RequestAsync(client, Phone);
        _time.Advance(TimeSpan.FromSeconds(10));
        var register = await client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "Register" });

        Assert.Equal(HttpStatusCode.Accepted, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, register.StatusCode);
        Assert.Equal("20", register.Headers.GetValues("Retry-After").Single());
        Assert.Single(Outbox(sample).Messages);
    }

    [Fact]
    public async Task The_callers_ip_from_x_forwarded_for_is_counted_per_ip()
    {
        using var sample = Sample(("SmsConnectors:Guard:PerIp:Limit", "1"));
        using var client = sample.CreateClient();

        var first = await RequestAsync(client, Phone, forwardedFor: "203.0.113.7");
        var sameIp = await RequestAsync(client, OtherPhone, forwardedFor: "203.0.113.7");
        var otherIp = await RequestAsync(client, OtherPhone, forwardedFor: "198.51.100.9");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameIp.StatusCode);
        Assert.Equal("3600", sameIp.Headers.GetValues("Retry-After").Single());
        Assert.StartsWith("No passcode was sent: too many requests from your network.", await DetailAsync(sameIp), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, otherIp.StatusCode);
        Assert.Equal([(Phone, "203.0.113.7"), (OtherPhone, "198.51.100.9")], Outbox(sample).Messages.Select(message => (message.To, message.Ip)));
    }

    [Fact]
    public async Task Without_x_forwarded_for_the_connections_address_is_counted_per_ip()
    {
        await using var sample = await SampleServer.StartAsync(_time, settings: ["--SmsConnectors:Guard:PerIp:Limit=1"]);

        var first = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var sameIp = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = OtherPhone, type = "SignIn" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameIp.StatusCode);
        Assert.StartsWith("No passcode was sent: too many requests from your network.", await DetailAsync(sameIp), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", Assert.Single(sample.Outbox.Messages).Ip);
    }

    [Fact]
    public async Task A_spent_daily_budget_is_a_429_until_midnight_utc()
    {
        using var sample = Sample(("SmsConnectors:Guard:DailyBudget", "1"));
        using var client = sample.CreateClient();

        await RequestAsync(client, Phone);
        var overBudget = await RequestAsync(client, OtherPhone);

        Assert.Equal(HttpStatusCode.TooManyRequests, overBudget.StatusCode);
        Assert.Equal("43200", overBudget.Headers.GetValues("Retry-After").Single());
        Assert.StartsWith("No passcode was sent: too many messages right now.", await DetailAsync(overBudget), StringComparison.Ordinal);
        Assert.Single(Outbox(sample).Messages);
    }

    [Theory]
    [InlineData("+499001234567")] // a German premium-rate number (libphonenumber: PREMIUM_RATE)
    [InlineData("+8821612345678")] // an international network, blocked by default (+882)
    public async Task A_premium_rate_or_blocked_number_is_a_403_that_does_not_repeat_the_number(string phone)
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        var refused = await RequestAsync(client, phone);
        var again = await RequestAsync(client, phone);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Passcodes cannot be sent to this number.", await DetailAsync(refused));
        Assert.DoesNotContain(phone[4..], await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode); // revoked, so no resend interval either
        Assert.Empty(Outbox(sample).Messages);
    }

    [Fact]
    public async Task Refusals_are_counted_by_reason_in_the_metrics()
    {
        using var sample = Sample();
        using var client = sample.CreateClient();

        var refused = await RequestAsync(client, "+8821612345678");
        var metrics = await client.GetStringAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(
            metrics.Split('\n'),
            line => line.StartsWith("sms_guard_refusals_total{", StringComparison.Ordinal)
                && line.Contains("reason=\"blocked_prefix\"", StringComparison.Ordinal)
                && line.Contains("sms_connector=\"dev\"", StringComparison.Ordinal)
                && line.EndsWith(" 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_guard_store_is_a_503_when_the_guard_fails_closed()
    {
        using var sample = Sample([("SmsConnectors:Guard:Store", "Unreachable")], AddUnreachableStore);
        using var client = sample.CreateClient();

        var refused = await RequestAsync(client, Phone);
        var again = await RequestAsync(client, Phone);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("Please try again later.", await DetailAsync(refused));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        Assert.Empty(Outbox(sample).Messages);
    }

    [Fact]
    public async Task An_unreachable_guard_store_lets_the_passcode_through_when_the_guard_fails_open()
    {
        using var sample = Sample([("SmsConnectors:Guard:Store", "Unreachable"), ("SmsConnectors:Guard:FailureMode", "Open")], AddUnreachableStore);
        using var client = sample.CreateClient();

        var sent = await RequestAsync(client, Phone, key: "sign-in-7f3a");

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Single(Outbox(sample).Messages);
    }

    [Fact]
    public async Task Instances_that_share_one_distributed_cache_share_the_passcodes()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var one = Sample([], services => services.AddSingleton<IDistributedCache>(cache));
        using var other = Sample([], services => services.AddSingleton<IDistributedCache>(cache));
        using var clientOfOne = one.CreateClient();
        using var clientOfOther = other.CreateClient();

        var requested = await RequestAsync(clientOfOne, Phone);
        var tooSoonElsewhere = await RequestAsync(clientOfOther, Phone);
        var verifiedElsewhere = await clientOfOther.PostAsJsonAsync("/passcodes/verify", new { phone = Phone, type = "SignIn", code = Assert.Single(Outbox(one).Messages).Code });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoonElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verifiedElsewhere.StatusCode);
        Assert.Empty(Outbox(other).Messages);
    }

    private WebApplicationFactory<Program> Sample(params (string Key, string Value)[] settings) => Sample(settings, configureServices: null);

    /// <summary>The sample on this test's clock, without an Outbox file, with <paramref name="settings"/> over its appsettings.json.</summary>
    private WebApplicationFactory<Program> Sample((string Key, string Value)[] settings, Action<IServiceCollection>? configureServices) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("SmsConnectors:Connectors:dev:filePath", string.Empty);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                configureServices?.Invoke(services);
            });
        });

    private static void AddUnreachableStore(IServiceCollection services) =>
        services.AddSmsConnectors().AddGuardStore("Unreachable", _ => new RecordingGuardStore(TimeProvider.System) { Unreachable = true });

    private static ISmsOutbox Outbox(WebApplicationFactory<Program> sample) => sample.Services.GetRequiredService<ISmsOutbox>();

    private static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string phone, string? key = null, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/passcodes") { Content = JsonContent.Create(new { phone, type = "SignIn" }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString();
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response)
    {
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return answer.RootElement.GetProperty("message").GetString();
    }
}
