using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Templates;

/// <summary>The template mistakes users make fail at startup, with a message that names the connector, the template and the fix.</summary>
public class TemplateChecksTests
{
    private static IReadOnlyList<string> Failures(string connector) =>
        TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json($$"""
            { "SmsConnectors": { "Connectors": { "seven": {{connector.Trim().Insert(1, "\"Provider\": \"Seven\", \"apiKey\": \"k\",")}} } } }
            """).GetSection("SmsConnectors")));

    private static string With(params string[] templates) => $$"""{ "templates": [ {{string.Join(", ", templates)}} ] }""";

    [Theory]
    [InlineData("SignIn", "Welcome back!")]
    [InlineData("Generic", "Your sign-in code is on its way")]
    [InlineData("MfaVerification", "Hello {{user.name}}")]
    public void A_passcode_template_without_the_code_fails_startup(string usageType, string content)
    {
        Assert.Equal(
            [$"SMS connector 'seven': 'templates:0:content' is a {usageType} template without '{{{{code}}}}', so the user would get no passcode; add '{{{{code}}}}', or set 'allowTemplatesWithoutCode': true if that is intended."],
            Failures(With($$"""{ "usageType": "{{usageType}}", "content": "{{content}}" }""")));
    }

    [Fact]
    public void The_opt_out_allows_a_template_without_the_code()
    {
        Assert.Empty(Failures("""{ "allowTemplatesWithoutCode": true, "templates": [ { "usageType": "SignIn", "content": "Welcome back!" } ] }"""));
    }

    [Fact]
    public void An_invitation_needs_the_link_and_a_custom_usage_type_needs_nothing()
    {
        Assert.Equal(
            ["SMS connector 'seven': 'templates:1:content' is an OrganizationInvitation template without '{{link}}', so the invitee would get no link; add '{{link}}', or set 'allowTemplatesWithoutCode': true if that is intended."],
            Failures(With(
                """{ "usageType": "Generic", "content": "Code {{code}}" }""",
                """{ "usageType": "OrganizationInvitation", "content": "You are invited" }""",
                """{ "usageType": "Newsletter", "content": "Hello" }""")));
        Assert.Empty(Failures(With("""{ "usageType": "OrganizationInvitation", "content": "Join us: {{link}}" }""")));
    }

    [Theory]
    [InlineData("Your sign-in code is {code}", "uses '{code}', a single-brace placeholder; did you mean '{{code}}'?")]
    [InlineData("Code: { code }", "uses '{ code }', a single-brace placeholder; did you mean '{{code}}'?")]
    [InlineData("Code {{code}", "has unbalanced braces; did you mean '{{code}}'?")]
    [InlineData("Code {{ code }} }", "has unbalanced braces; did you mean '{{code}}'?")]
    [InlineData("Hi {{{name}}} {{code}}", "has unbalanced braces; did you mean '{{name}}'?")]
    public void Single_and_unbalanced_braces_fail_startup_with_the_placeholder_meant(string content, string problem)
    {
        Assert.Equal([$"SMS connector 'seven': 'templates:0:content' {problem}."], Failures(With($$"""{ "usageType": "SignIn", "content": "{{content}}" }""")));
    }

    [Theory]
    [InlineData("signin", "SignIn")]
    [InlineData("SignIn ", "SignIn")]
    [InlineData(" generic", "Generic")]
    [InlineData("FORGOTPASSWORD", "ForgotPassword")]
    public void A_usage_type_that_differs_from_a_well_known_one_in_case_or_spaces_fails_with_the_one_meant(string usageType, string meant)
    {
        Assert.Equal(
            [$"SMS connector 'seven': 'templates:0:usageType' is '{usageType}'; did you mean '{meant}'? Usage types are case-sensitive, as in Logto."],
            Failures(With($$$"""{ "usageType": "{{{usageType}}}", "content": "Code {{code}}" }""")));
    }

    [Fact]
    public void Smsaero_reports_misspelt_usage_types_instead_of_saying_they_are_missing()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddSmsAero("aero", o =>
        {
            (o.Email, o.ApiKey) = ("owner@example.com", "k");
            o.Templates = [.. new[] { "signin", "register", "forgotpassword", "generic" }.Select(type => new SmsConnectors.Templates.SmsTextTemplate { UsageType = type, Content = "Code {{code}}" })];
        }));

        Assert.Equal(4, failures.Count);
        Assert.All(failures, failure => Assert.Contains("did you mean", failure, StringComparison.Ordinal));
        Assert.DoesNotContain(failures, failure => failure.Contains("should be provided", StringComparison.Ordinal));
    }

    [Fact]
    public void A_placeholder_logto_never_sends_is_a_startup_warning_naming_the_closest_key()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = TestHost.Build(services =>
        {
            logs.AddTo(services);
            services.AddSmsConnectors().AddOutbox("dev", o => o.Templates = [new() { UsageType = "SignIn", Content = "{{ coed }} is your code {{code}}" }]);
        });

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal("SmsConnectors", warning.Category);
        Assert.Equal(
            "SMS connector 'dev': 'templates:0:content' uses the placeholder 'coed', which Logto never sends; did you mean 'code'? A send whose payload lacks it fails.",
            warning.Message);
    }

    [Fact]
    public void The_generic_connector_knows_its_own_placeholders_and_accepts_message_as_the_code()
    {
        var logs = new CapturingLoggerProvider();
        using var provider = TestHost.Build(services =>
        {
            logs.AddTo(services);
            services.AddSmsConnectors().AddHttp("hook", o =>
            {
                o.Endpoint = "https://hooks.example.com/sms";
                o.Templates = [new() { UsageType = "SignIn", Content = "{{message}} for {{to}} ({{type}})" }];
            });
        });

        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
