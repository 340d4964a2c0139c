namespace SmsConnectors.Tests.Guard;

public class GuardPolicyTests
{
    [Theory]
    [InlineData("+4915112345678")] // DE mobile
    [InlineData("+12025550123")] // US fixed line or mobile
    [InlineData("+4930123456")] // DE fixed line
    [InlineData("+4980012345678")] // DE toll free
    [InlineData("+8613812345678")] // CN mobile
    public async Task The_default_policy_lets_ordinary_numbers_through(string number)
    {
        await using var host = GuardHost.Create("{ }");
        await host.SendAsync(number);
        Assert.Equal(1, host.Requests);
    }

    [Theory]
    [InlineData("+449012345678", SmsNumberType.PremiumRate)] // GB 09
    [InlineData("+4918012345678", SmsNumberType.SharedCost)] // DE 0180
    [InlineData("+445512345678", SmsNumberType.Uan)] // GB 055
    [InlineData("+447640123456", SmsNumberType.Pager)] // GB 076
    [InlineData("+4990012345678", SmsNumberType.Unknown)] // not a range DE's metadata knows
    public async Task The_default_policy_refuses_the_number_types_sms_pumping_aims_at(string number, SmsNumberType type)
    {
        await using var host = GuardHost.Create("{ }");

        var refused = await host.RefusedAsync(number);

        Assert.Equal(SmsErrorCode.RecipientNotAllowed, refused.Code);
        Assert.Equal(SmsGuardReason.NumberTypeNotAllowed, refused.GuardReason);
        Assert.False(refused.MayHaveBeenSent);
        Assert.False(refused.IsTransient);
        Assert.Null(refused.RetryAfter);
        Assert.Contains($"the number's type {type} is not allowed", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(number[1..], refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Requests);
    }

    [Fact]
    public async Task The_default_policy_blocks_the_international_networks_and_a_configured_list_replaces_it()
    {
        const string Network = "+882160012345"; // a valid VoIP number of an international network
        await using (var host = GuardHost.Create("{ }"))
        {
            var refused = await host.RefusedAsync(Network);
            Assert.Equal(SmsGuardReason.BlockedPrefix, refused.GuardReason);
            Assert.Contains("numbers starting with +882 are blocked", refused.Message, StringComparison.Ordinal);
            Assert.Equal(SmsGuardReason.BlockedPrefix, (await host.RefusedAsync("+8811234567")).GuardReason);
            Assert.Equal(SmsGuardReason.BlockedPrefix, (await host.RefusedAsync("+8831234567890")).GuardReason);
        }

        await using (var host = GuardHost.Create("""{ "BlockedPrefixes": [ "+4917" ] }"""))
        {
            await host.SendAsync(Network);
            Assert.Equal(SmsGuardReason.BlockedPrefix, (await host.RefusedAsync("+4917012345678")).GuardReason);
            await host.SendAsync("+4915112345678");
            Assert.Equal(2, host.Requests);
        }
    }

    [Fact]
    public async Task Allowed_countries_refuse_every_other_country()
    {
        await using var host = GuardHost.Create("""{ "AllowedCountries": [ "de", "AT" ] }""");
        await host.SendAsync("+4915112345678");
        await host.SendAsync("+436641234567");

        var refused = await host.RefusedAsync("+41791234567");

        Assert.Equal(SmsErrorCode.RecipientNotAllowed, refused.Code);
        Assert.Equal(SmsGuardReason.CountryNotAllowed, refused.GuardReason);
        Assert.Contains("the destination country CH is not allowed ('Guard:AllowedCountries': AT, DE)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_number_newer_than_the_metadata_keeps_the_country_of_its_calling_code()
    {
        // +44 7700 900xxx is a range GB's metadata does not list: its type is Unknown, its country still GB.
        const string Unlisted = "+447700900123";
        await using (var host = GuardHost.Create("""{ "AllowedCountries": [ "GB" ], "AllowedNumberTypes": [ "Mobile", "Unknown" ] }"""))
        {
            await host.SendAsync(Unlisted);
            Assert.Equal(1, host.Requests);
        }

        await using (var host = GuardHost.Create("""{ "AllowedCountries": [ "DE" ], "AllowedNumberTypes": [ "Mobile", "Unknown" ] }"""))
        {
            Assert.Equal(SmsGuardReason.CountryNotAllowed, (await host.RefusedAsync(Unlisted)).GuardReason);
        }

        await using (var host = GuardHost.Create("""{ "AllowedCountries": [ "GB" ] }"""))
        {
            Assert.Equal(SmsGuardReason.NumberTypeNotAllowed, (await host.RefusedAsync(Unlisted)).GuardReason);
        }
    }

    [Fact]
    public async Task Configured_number_types_replace_the_defaults()
    {
        await using var host = GuardHost.Create("""{ "AllowedNumberTypes": [ "Mobile", "PremiumRate" ] }""");
        await host.SendAsync("+4915112345678");
        await host.SendAsync("+449012345678");

        var refused = await host.RefusedAsync("+12025550123");

        Assert.Equal(SmsGuardReason.NumberTypeNotAllowed, refused.GuardReason);
        Assert.Contains("FixedLineOrMobile is not allowed ('Guard:AllowedNumberTypes': Mobile, PremiumRate)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.Requests);
    }

    [Fact]
    public async Task A_policy_refusal_uses_no_quota()
    {
        await using var host = GuardHost.Create("""{ "PerIp": { "Limit": 1, "Window": "01:00:00" } }""");
        await host.RefusedAsync("+449012345678", ip: "203.0.113.7");
        await host.SendAsync("+4915112345678", ip: "203.0.113.7");
        Assert.Equal(1, host.Requests);
    }
}
