namespace SmsConnectors.Tests.Guard;

public class GuardLimitTests
{
    private const string German = "+4915112345678";
    private const string OtherGerman = "+4917012345678";
    private const string Austrian = "+436641234567";

    [Fact]
    public async Task Per_number_limit_lets_the_limit_through_then_refuses_until_the_oldest_send_leaves_the_window()
    {
        await using var host = GuardHost.Create("""{ "PerNumber": { "Limit": 3, "Window": "01:00:00" } }""");

        for (var i = 0; i < 3; i++)
        {
            await host.SendAsync(German);
            host.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var refused = await host.RefusedAsync(German);

        Assert.Equal(SmsErrorCode.RateLimitExceeded, refused.Code);
        Assert.Equal(SmsGuardReason.PerNumber, refused.GuardReason);
        Assert.False(refused.MayHaveBeenSent);
        Assert.True(refused.IsTransient);
        Assert.Equal(TimeSpan.FromMinutes(30), refused.RetryAfter);
        Assert.Equal("hook", refused.ConnectorName);
        Assert.Contains("at most 3 per 01:00:00 messages to one number", refused.Message, StringComparison.Ordinal);
        Assert.Contains("retry after 1800 s", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("15112345678", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Requests);
    }

    [Fact]
    public async Task Per_number_window_rolls_over_exactly_at_its_end()
    {
        await using var host = GuardHost.Create("""{ "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""");
        await host.SendAsync(German);

        host.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        var refused = await host.RefusedAsync(German);
        Assert.Equal(TimeSpan.FromTicks(1), refused.RetryAfter);

        host.Time.Advance(TimeSpan.FromTicks(1));
        await host.SendAsync(German);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task Per_number_limit_counts_each_number_on_its_own()
    {
        await using var host = GuardHost.Create("""{ "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""");
        await host.SendAsync(German);
        await host.SendAsync(OtherGerman);
        await host.RefusedAsync(German);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task Cooldown_refuses_a_second_send_to_the_number_until_it_passes()
    {
        await using var host = GuardHost.Create("""{ "Cooldown": "00:00:30" }""");
        await host.SendAsync(German);

        host.Time.Advance(TimeSpan.FromSeconds(29));
        var refused = await host.RefusedAsync(German);
        Assert.Equal(SmsGuardReason.Cooldown, refused.GuardReason);
        Assert.Equal(SmsErrorCode.RateLimitExceeded, refused.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        await host.SendAsync(OtherGerman);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await host.SendAsync(German);
        Assert.Equal(3, host.Requests);
    }

    [Fact]
    public async Task Per_ip_limit_counts_across_numbers_and_leaves_sends_without_an_ip_alone()
    {
        await using var host = GuardHost.Create("""{ "PerIp": { "Limit": 2, "Window": "01:00:00" } }""");
        await host.SendAsync(German, ip: "203.0.113.7");
        await host.SendAsync(OtherGerman, ip: "203.0.113.7");

        var refused = await host.RefusedAsync(Austrian, ip: "203.0.113.7");
        Assert.Equal(SmsGuardReason.PerIp, refused.GuardReason);
        Assert.Equal(TimeSpan.FromHours(1), refused.RetryAfter);
        Assert.DoesNotContain("203.0.113.7", refused.Message, StringComparison.Ordinal);

        await host.SendAsync(Austrian, ip: "198.51.100.1");
        await host.SendAsync(Austrian);
        await host.SendAsync(Austrian, ip: "  ");

        host.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        await host.RefusedAsync(Austrian, ip: "203.0.113.7");
        host.Time.Advance(TimeSpan.FromTicks(1));
        await host.SendAsync(Austrian, ip: "203.0.113.7");
        Assert.Equal(6, host.Requests);
    }

    [Fact]
    public async Task Per_ip_limit_counts_an_ipv6_client_by_its_64_bit_network()
    {
        await using var host = GuardHost.Create("""{ "PerIp": { "Limit": 2, "Window": "01:00:00" } }""");
        await host.SendAsync(German, ip: "2001:db8:1:2::1");
        await host.SendAsync(German, ip: "2001:db8:1:2:ffff::9");

        Assert.Equal(SmsGuardReason.PerIp, (await host.RefusedAsync(German, ip: "2001:db8:1:2:abcd::1")).GuardReason);
        await host.SendAsync(German, ip: "2001:db8:1:3::1");
        await host.SendAsync(German, ip: "::ffff:203.0.113.7");
        Assert.Equal(4, host.Requests);
    }

    [Fact]
    public async Task Per_country_limit_counts_the_destination_country()
    {
        await using var host = GuardHost.Create("""{ "PerCountry": { "Limit": 2, "Window": "1.00:00:00" } }""");
        await host.SendAsync(German);
        await host.SendAsync(OtherGerman);

        var refused = await host.RefusedAsync("+4930123456");
        Assert.Equal(SmsGuardReason.PerCountry, refused.GuardReason);
        Assert.Contains("messages to DE", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(1), refused.RetryAfter);

        await host.SendAsync(Austrian);
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.SendAsync("+4930123456");
        Assert.Equal(4, host.Requests);
    }

    [Fact]
    public async Task Daily_budget_counts_every_send_and_resets_at_midnight_utc()
    {
        await using var host = GuardHost.Create("""{ "DailyBudget": 2 }""");
        await host.SendAsync(German);
        await host.SendAsync(Austrian);

        var refused = await host.RefusedAsync(OtherGerman);
        Assert.Equal(SmsGuardReason.DailyBudget, refused.GuardReason);
        Assert.Equal(TimeSpan.FromHours(14), refused.RetryAfter); // 10:00 UTC to midnight

        host.Time.Advance(TimeSpan.FromHours(14) - TimeSpan.FromTicks(1));
        await host.RefusedAsync(OtherGerman);
        host.Time.Advance(TimeSpan.FromTicks(1));
        await host.SendAsync(OtherGerman);
        await host.SendAsync(German);
        await host.RefusedAsync(Austrian);
        Assert.Equal(4, host.Requests);
    }

    [Fact]
    public async Task A_send_refused_by_one_limit_uses_none_of_the_others()
    {
        await using var host = GuardHost.Create("""
            { "PerNumber": { "Limit": 1, "Window": "01:00:00" }, "PerIp": { "Limit": 2, "Window": "01:00:00" } }
            """);
        await host.SendAsync(German, ip: "203.0.113.7");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SmsGuardReason.PerNumber, (await host.RefusedAsync(German, ip: "203.0.113.7")).GuardReason);
        }

        await host.SendAsync(OtherGerman, ip: "203.0.113.7");
        Assert.Equal(SmsGuardReason.PerIp, (await host.RefusedAsync(Austrian, ip: "203.0.113.7")).GuardReason);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_thousand_parallel_sends_to_one_number_with_a_limit_of_five_let_exactly_five_through()
    {
        await using var host = GuardHost.Create("""{ "PerNumber": { "Limit": 5, "Window": "01:00:00" } }""");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            try
            {
                await host.SendAsync(German);
                return (SmsGuardReason?)null;
            }
            catch (SmsConnectorException exception)
            {
                return exception.GuardReason;
            }
        })));

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.Equal(995, outcomes.Count(o => o == SmsGuardReason.PerNumber));
        Assert.Equal(5, host.Requests);
    }

    [Fact]
    public async Task When_several_limits_are_full_the_refusal_names_the_one_that_frees_last()
    {
        // The cool-down is checked before the per-IP limit, and frees first.
        await using var host = GuardHost.Create("""{ "Cooldown": "00:00:30", "PerIp": { "Limit": 1, "Window": "01:00:00" } }""");
        await host.SendAsync(German, ip: "203.0.113.7");
        host.Time.Advance(TimeSpan.FromSeconds(10));

        var refused = await host.RefusedAsync(German, ip: "203.0.113.7");

        Assert.Equal(SmsGuardReason.PerIp, refused.GuardReason);
        Assert.Equal(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(10), refused.RetryAfter);
    }
}
