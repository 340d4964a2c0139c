using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Guard;

public class GuardOptionsTests
{
    private static IReadOnlyList<string> FailuresOf(string guardJson) => TestHost.StartupFailures(s =>
        s.AddSmsConnectors(TestHost.Json($$"""{ "Connectors": { "dev": { "Provider": "Outbox" } }, "Guard": {{guardJson}} }""")));

    [Theory]
    [InlineData("""{ "PerNumber": { "Limit": 0, "Window": "01:00:00" } }""", "'SmsConnectors:Guard:PerNumber:Limit' is 0; it must be at least 1.")]
    [InlineData("""{ "PerIp": { "Limit": 5 } }""", "'SmsConnectors:Guard:PerIp:Window' is 00:00:00; it must be a positive time span such as 01:00:00.")]
    [InlineData("""{ "PerCountry": { "Limit": 5, "Window": "-01:00:00" } }""", "'SmsConnectors:Guard:PerCountry:Window' is -01:00:00; it must be a positive time span such as 01:00:00.")]
    [InlineData("""{ "DailyBudget": 0 }""", "'SmsConnectors:Guard:DailyBudget' is 0; it must be at least 1.")]
    [InlineData("""{ "Cooldown": "00:00:00" }""", "'SmsConnectors:Guard:Cooldown' is 00:00:00; it must be a positive time span such as 00:00:30.")]
    [InlineData("""{ "IdempotencyWindow": "-00:00:01" }""", "'SmsConnectors:Guard:IdempotencyWindow' is -00:00:01; it must be a positive time span such as 00:10:00.")]
    [InlineData("""{ "AllowedCountries": [ "DE", "Germany" ] }""", "'SmsConnectors:Guard:AllowedCountries' holds 'Germany', which is not an ISO 3166 region code libphonenumber knows (such as DE, AT, CN).")]
    [InlineData("""{ "BlockedPrefixes": [ "882" ] }""", "'SmsConnectors:Guard:BlockedPrefixes' holds '882'; a prefix is '+' and 1 to 15 digits, such as +882.")]
    [InlineData("""{ "Store": "Redis" }""", "'SmsConnectors:Guard:Store' is 'Redis', but no Redis store is registered: add the SmsConnectors.Redis package and call AddSmsConnectors(...).AddRedisStore().")]
    [InlineData("""{ "Store": "Sql" }""", "'SmsConnectors:Guard:Store' is 'Sql', which is not a registered store; registered: Memory.")]
    [InlineData("""{ "HashSecret": " " }""", "'SmsConnectors:Guard:HashSecret' is blank; leave it out or set a secret shared by every instance.")]
    public void A_bad_guard_setting_fails_startup_naming_its_key(string guardJson, string expected)
    {
        Assert.Contains(expected, FailuresOf(guardJson));
    }

    [Fact]
    public void An_empty_list_of_number_types_fails_startup()
    {
        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors().AddOutbox("dev").AddGuard(g => g.AllowedNumberTypes = []));
        Assert.Contains("'SmsConnectors:Guard:AllowedNumberTypes' is empty, which would refuse every number; leave it out for the defaults.", failures);
    }

    [Fact]
    public void A_full_guard_section_is_valid_and_binds_every_key()
    {
        var configuration = TestHost.Json("""
            {
              "Connectors": { "dev": { "Provider": "Outbox" } },
              "Guard": {
                "PerNumber":  { "Limit": 5,    "Window": "01:00:00" },
                "PerIp":      { "Limit": 20,   "Window": "01:00:00" },
                "PerCountry": { "Limit": 2000, "Window": "1.00:00:00" },
                "DailyBudget": 10000,
                "Cooldown": "00:00:30",
                "AllowedCountries": [ "DE", "AT", "CH" ],
                "BlockedPrefixes": [ "+882", "+883" ],
                "AllowedNumberTypes": [ "Mobile", "FixedLineOrMobile" ],
                "IdempotencyWindow": "00:10:00",
                "Store": "Memory",
                "FailureMode": "Open"
              }
            }
            """);
        using var provider = TestHost.Build(s => s.AddSmsConnectors(configuration));

        var guard = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsConnectorsOptions>>().Value.Guard!;

        Assert.Equal((5, TimeSpan.FromHours(1)), (guard.PerNumber!.Limit, guard.PerNumber.Window));
        Assert.Equal((20, TimeSpan.FromHours(1)), (guard.PerIp!.Limit, guard.PerIp.Window));
        Assert.Equal((2000, TimeSpan.FromDays(1)), (guard.PerCountry!.Limit, guard.PerCountry.Window));
        Assert.Equal(10000, guard.DailyBudget);
        Assert.Equal(TimeSpan.FromSeconds(30), guard.Cooldown);
        Assert.Equal(["DE", "AT", "CH"], guard.AllowedCountries);
        Assert.Equal(["+882", "+883"], guard.BlockedPrefixes!);
        Assert.Equal([SmsNumberType.Mobile, SmsNumberType.FixedLineOrMobile], guard.AllowedNumberTypes!);
        Assert.Equal(TimeSpan.FromMinutes(10), guard.IdempotencyWindow);
        Assert.Equal("Memory", guard.Store);
        Assert.Equal(SmsGuardFailureMode.Open, guard.FailureMode);
        Assert.True(guard.Enabled);
    }

    [Fact]
    public void The_guard_options_print_no_secret()
    {
        var options = new SmsGuardOptions { HashSecret = "pepper-1234" };
        Assert.DoesNotContain("pepper-1234", options.ToString(), StringComparison.Ordinal);
    }
}
