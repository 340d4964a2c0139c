using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Templates;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

public class StartupValidationTests
{
    private static IReadOnlyList<string> Failures(string json) =>
        TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json(json).GetSection("SmsConnectors")));

    private static string Single(IReadOnlyList<string> failures) => Assert.Single(failures);

    [Fact]
    public void Valid_configuration_has_no_failures()
    {
        Assert.Empty(Failures("""
            {
              "SmsConnectors": {
                "DefaultConnector": "dev",
                "Connectors": {
                  "dev": { "Provider": "Outbox", "capacity": 1, "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] },
                  "qa": { "Provider": "Outbox" }
                }
              }
            }
            """));
    }

    [Fact]
    public void Unknown_provider_names_connector_key_and_value()
    {
        var failure = Single(Failures("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox" }, "hook": { "Provider": "Twilio" } } } }
            """));

        Assert.StartsWith("SMS connector 'hook': 'Provider' is 'Twilio', which is not known; one of: ", failure, StringComparison.Ordinal);
        Assert.Contains("Outbox", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "SmsConnectors": { "Connectors": { "dev": { "capacity": 3 }, "ok": { "Provider": "Outbox" } } } }""")]
    [InlineData("""{ "SmsConnectors": { "Connectors": { "dev": { "Provider": "" }, "ok": { "Provider": "Outbox" } } } }""")]
    [InlineData("""{ "SmsConnectors": { "Connectors": { "dev": { "Provider": "  " }, "ok": { "Provider": "Outbox" } } } }""")]
    public void Missing_provider_names_connector_and_key(string json)
    {
        var failure = Single(Failures(json));

        Assert.StartsWith("SMS connector 'dev': 'Provider' is required; one of: ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_bad_connectors_give_their_own_errors_and_no_knock_on_error()
    {
        var failures = Failures("""
            { "SmsConnectors": { "Connectors": { "hook": { "Provider": "Twilio" } } } }
            """);

        Assert.StartsWith("SMS connector 'hook': 'Provider' is 'Twilio'", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_connector_is_reported()
    {
        var failures = Failures("""
            { "SmsConnectors": { "DefaultConnector": "ok", "Connectors": { "a": { "Provider": "Nope" }, "b": { }, "ok": { "Provider": "Outbox" } } } }
            """);

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("SMS connector 'a': 'Provider' is 'Nope'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("SMS connector 'b': 'Provider' is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_default_connector_with_several_connectors()
    {
        var failure = Single(Failures("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox" }, "qa": { "Provider": "Outbox" } } } }
            """));

        Assert.Equal("'SmsConnectors:DefaultConnector' is required when several connectors are registered; choose one of: dev, qa.", failure);
    }

    [Fact]
    public void Default_connector_naming_no_connector()
    {
        var failure = Single(Failures("""
            { "SmsConnectors": { "DefaultConnector": "prod", "Connectors": { "dev": { "Provider": "Outbox" } } } }
            """));

        Assert.Equal("'SmsConnectors:DefaultConnector' names 'prod', which is not a registered connector; registered: dev.", failure);
    }

    [Fact]
    public void Set_default_connector_naming_no_connector()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddOutbox("dev").SetDefaultConnector("prod"));

        Assert.Equal("'SmsConnectors:DefaultConnector' names 'prod', which is not a registered connector; registered: dev.", Single(failures));
    }

    [Theory]
    [InlineData("""{ "SmsConnectors": { } }""")]
    [InlineData("""{ "SmsConnectors": { "Connectors": { } } }""")]
    [InlineData("""{ "Other": { } }""")]
    public void No_connectors_at_all(string json)
    {
        var failure = Single(Failures(json));

        Assert.StartsWith("No SMS connector is registered", failure, StringComparison.Ordinal);
        Assert.Contains("'SmsConnectors:Connectors'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void No_connectors_registered_in_code()
    {
        var failure = Single(TestHost.StartupFailures(services => services.AddSmsConnectors()));

        Assert.StartsWith("No SMS connector is registered", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_names_in_code_are_case_insensitive()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddOutbox("dev").AddOutbox("DEV"));

        Assert.Equal("SMS connector 'DEV': the name is already used by the Outbox connector 'dev' (names are case-insensitive).", Single(failures));
    }

    [Fact]
    public void Duplicate_name_between_configuration_and_code()
    {
        var failures = TestHost.StartupFailures(services => services
            .AddSmsConnectors(TestHost.Json("""{ "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox" } } } }""").GetSection("SmsConnectors"))
            .AddOutbox("Dev"));

        Assert.Equal("SMS connector 'Dev': the name is already used by the Outbox connector 'dev' (names are case-insensitive).", Single(failures));
    }

    [Fact]
    public void Empty_name_in_code()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddOutbox("dev").AddOutbox(" "));

        Assert.Equal("An SMS connector's name must not be empty.", Single(failures));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Outbox_capacity_below_one(int capacity)
    {
        var failure = Single(Failures($$"""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "capacity": {{capacity}} } } } }
            """));

        Assert.Equal("SMS connector 'dev': 'capacity' must be at least 1.", failure);
    }

    [Fact]
    public void Outbox_capacity_in_code()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddOutbox("mem", o => o.Capacity = 0));

        Assert.Equal("SMS connector 'mem': 'capacity' must be at least 1.", Single(failures));
    }

    [Theory]
    [InlineData("""{ "usageType": "SignIn" }""")]
    [InlineData("""{ "usageType": "SignIn", "content": "" }""")]
    [InlineData("""{ "usageType": "SignIn", "content": "   " }""")]
    public void Outbox_template_without_content(string template)
    {
        var failure = Single(Failures($$$"""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "templates": [ { "usageType": "Generic", "content": "x {{code}}" }, {{{template}}} ] } } } }
            """));

        Assert.Equal("SMS connector 'dev': 'templates:1:content' is required.", failure);
    }

    [Theory]
    [InlineData("""{ "content": "Code {{code}}" }""")]
    [InlineData("""{ "usageType": "", "content": "Code {{code}}" }""")]
    [InlineData("""{ "usageType": " ", "content": "Code {{code}}" }""")]
    public void Outbox_template_without_usage_type(string template)
    {
        var failure = Single(Failures($$"""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "templates": [ {{template}} ] } } } }
            """));

        Assert.Equal("SMS connector 'dev': 'templates:0:usageType' is required.", failure);
    }

    [Fact]
    public void Outbox_duplicate_usage_type_without_locale()
    {
        var failure = Single(Failures("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "templates": [
              { "usageType": "SignIn", "content": "a {{code}}" },
              { "usageType": "Generic", "content": "b {{code}}" },
              { "usageType": "SignIn", "content": "c {{code}}" }
            ] } } } }
            """));

        Assert.Equal("SMS connector 'dev': 'templates:2' repeats usage type 'SignIn'.", failure);
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("de", "DE")]
    [InlineData("zh-CN", "zh-cn")]
    [InlineData("zh-CN", "zh_CN")]
    [InlineData("en", " en ")]
    public void Outbox_duplicate_usage_type_and_locale(string first, string second)
    {
        var failure = Single(Failures($$$"""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "templates": [
              { "usageType": "SignIn", "locale": "{{{first}}}", "content": "a {{code}}" },
              { "usageType": "SignIn", "locale": "{{{second}}}", "content": "b {{code}}" }
            ] } } } }
            """));

        Assert.Equal($"SMS connector 'dev': 'templates:1' repeats usage type 'SignIn' with locale '{second}'.", failure);
    }

    [Fact]
    public void Same_usage_type_in_different_locales_or_case_is_not_a_duplicate()
    {
        Assert.Empty(Failures("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "templates": [
              { "usageType": "SignIn", "content": "a {{code}}" },
              { "usageType": "SignIn", "locale": "de", "content": "b {{code}}" },
              { "usageType": "SignIn", "locale": "de-AT", "content": "c {{code}}" },
              { "usageType": "Promotion", "content": "d {{code}}" },
              { "usageType": "promotion", "content": "e {{code}}" }
            ] } } } }
            """));
    }

    [Fact]
    public void Outbox_template_problems_in_code_registration()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddOutbox("mem", o =>
        {
            o.Templates.Add(new SmsTextTemplate { UsageType = "SignIn", Content = "a {{code}}" });
            o.Templates.Add(new SmsTextTemplate { UsageType = "SignIn", Content = "b {{code}}" });
        }));

        Assert.Equal("SMS connector 'mem': 'templates:1' repeats usage type 'SignIn'.", Single(failures));
    }

    [Fact]
    public void Problems_of_several_kinds_are_all_reported()
    {
        var failures = Failures("""
            {
              "SmsConnectors": {
                "DefaultConnector": "missing",
                "Connectors": {
                  "dev": { "Provider": "Outbox", "capacity": 0, "templates": [ { "usageType": "SignIn" } ] },
                  "hook": { "Provider": "Nope" }
                }
              }
            }
            """);

        Assert.Equal(4, failures.Count);
        Assert.Contains("SMS connector 'dev': 'capacity' must be at least 1.", failures);
        Assert.Contains("SMS connector 'dev': 'templates:0:content' is required.", failures);
        Assert.Contains(failures, f => f.StartsWith("SMS connector 'hook': 'Provider' is 'Nope'", StringComparison.Ordinal));
        Assert.Contains("'SmsConnectors:DefaultConnector' names 'missing', which is not a registered connector; registered: dev.", failures);
    }

    [Fact]
    public void Failures_never_echo_template_content()
    {
        var failures = Failures("""
            { "SmsConnectors": { "Connectors": { "dev": { "Provider": "Outbox", "capacity": 0, "templates": [
              { "usageType": "SignIn", "content": "secret-template-text {{code}}" },
              { "usageType": "SignIn", "content": "secret-template-text {{code}}" }
            ] } } } }
            """);

        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.DoesNotContain("secret-template-text", f, StringComparison.Ordinal));
    }
}
