using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.SmsAero;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>Configuration: Logto's JSON binds unchanged; every problem is found at startup and named.</summary>
public class SmsAeroOptionsTests
{
    /// <summary>Logto's SMSAero connector configuration: its form's keys and default templates.</summary>
    private const string LogtoConfig = """
        {
          "email": "owner@example.com",
          "apiKey": "<api-key>",
          "senderName": "SMSAero",
          "templates": [
            { "usageType": "SignIn", "content": "Your Logto sign-in verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "Register", "content": "Your Logto sign-up verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "ForgotPassword", "content": "Your Logto password change verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "OrganizationInvitation", "content": "Your Logto organization invitation code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "Generic", "content": "Your Logto verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "UserPermissionValidation", "content": "Your Logto permission validation code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "BindNewIdentifier", "content": "Your Logto bind new identifier code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "MfaVerification", "content": "Your Logto MFA verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "BindMfa", "content": "Your Logto add 2-step verification code is {{code}}. The code will remain active for 10 minutes." }
          ]
        }
        """;

    private const string RequiredTemplates = """
        [ { "usageType": "Register", "content": "{{code}}" }, { "usageType": "SignIn", "content": "{{code}}" },
          { "usageType": "ForgotPassword", "content": "{{code}}" }, { "usageType": "Generic", "content": "{{code}}" } ]
        """;

    private static string Wrap(string connector) =>
        $$"""{ "SmsConnectors": { "Connectors": { "aero": {{connector.Trim().Insert(1, "\"Provider\": \"SmsAero\",")}} } } }""";

    private static IReadOnlyList<string> Failures(string connector) =>
        TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json(Wrap(connector)).GetSection("SmsConnectors")));

    private static SmsAeroOptions Bind(string connector)
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json(Wrap(connector)).GetSection("SmsConnectors")));
        return provider.GetRequiredService<IOptionsMonitor<SmsAeroOptions>>().Get("aero");
    }

    [Fact]
    public void Logtos_default_invitation_template_is_reported_because_it_has_no_link()
    {
        Assert.Equal(
            ["SMS connector 'aero': 'templates:3:content' is an OrganizationInvitation template without '{{link}}', so the invitee would get no link; add '{{link}}', or set 'allowTemplatesWithoutCode': true if that is intended."],
            Failures(LogtoConfig));
    }

    [Fact]
    public void Logtos_configuration_binds_unchanged_and_validates_once_its_invitation_template_has_the_link()
    {
        var config = LogtoConfig.Replace("invitation code is {{code}}. The code will remain active for 10 minutes.", "invitation: {{link}}", StringComparison.Ordinal);
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json(Wrap(config)).GetSection("SmsConnectors")));

        var options = provider.GetRequiredService<IOptionsMonitor<SmsAeroOptions>>().Get("aero");
        Assert.Equal("owner@example.com", options.Email);
        Assert.Equal("<api-key>", options.ApiKey);
        Assert.Equal("SMSAero", options.SenderName);
        Assert.Equal(9, options.Templates.Count);
        Assert.Equal("Generic", options.Templates[4].UsageType);
        Assert.Equal(SmsAeroOptions.DefaultBaseUrl, options.BaseUrl);
        Assert.Equal(["https://gate.smsaero.org/v2", "https://gate.smsaero.net/v2"], options.EffectiveMirrorUrls());
        Assert.IsType<SmsAeroConnector>(provider.GetRequiredService<ISmsConnector>());
    }

    [Fact]
    public void Sender_name_defaults_to_smsaero()
    {
        var options = Bind($$"""{ "email": "a@example.com", "apiKey": "k", "templates": {{RequiredTemplates}} }""");

        Assert.Equal("SMSAero", options.SenderName);
    }

    [Fact]
    public void Mirrors_are_configurable_and_not_appended_to_the_defaults()
    {
        var configured = Bind($$"""{ "email": "a@example.com", "apiKey": "k", "templates": {{RequiredTemplates}}, "MirrorUrls": [ "https://mirror.example.com/v2" ] }""");
        var custom = Bind($$"""{ "email": "a@example.com", "apiKey": "k", "templates": {{RequiredTemplates}}, "BaseUrl": "https://relay.example.com/v2" }""");

        Assert.Equal(["https://mirror.example.com/v2"], configured.EffectiveMirrorUrls());
        Assert.Empty(custom.EffectiveMirrorUrls());
    }

    [Fact]
    public void Failover_can_be_turned_off()
    {
        var configured = Bind($$"""{ "email": "a@example.com", "apiKey": "k", "templates": {{RequiredTemplates}}, "UseMirrors": false }""");

        Assert.Empty(configured.EffectiveMirrorUrls());
        Assert.Empty(new SmsAeroOptions { MirrorUrls = [] }.EffectiveMirrorUrls());
        Assert.Empty(new SmsAeroOptions { UseMirrors = false, MirrorUrls = ["https://mirror.example.com/v2"] }.EffectiveMirrorUrls());
    }

    [Fact]
    public void Registers_from_code()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddSmsAero("aero", o =>
            {
                o.Email = "a@example.com";
                o.ApiKey = "k";
                o.Templates = SmsAeroTestHost.RequiredTemplates();
            }));

        Assert.IsType<SmsAeroConnector>(provider.GetRequiredService<ISmsConnectorProvider>().Get("aero"));
    }

    public static TheoryData<string, string> Problems => new()
    {
        { $$"""{ "apiKey": "k", "templates": {{RequiredTemplates}} }""", "SMS connector 'aero': 'email' is required." },
        { $$"""{ "email": "not-an-email", "apiKey": "k", "templates": {{RequiredTemplates}} }""", "SMS connector 'aero': 'email' must be an email address." },
        { $$"""{ "email": "Owner <owner@example.com>", "apiKey": "k", "templates": {{RequiredTemplates}} }""", "SMS connector 'aero': 'email' must be an email address." },
        { $$"""{ "email": "owner@localhost", "apiKey": "k", "templates": {{RequiredTemplates}} }""", "SMS connector 'aero': 'email' must be an email address." },
        { $$"""{ "email": "a@example.com", "templates": {{RequiredTemplates}} }""", "SMS connector 'aero': 'apiKey' is required." },
        { $$"""{ "email": "a@example.com", "apiKey": "k", "senderName": "", "templates": {{RequiredTemplates}} }""", "SMS connector 'aero': 'senderName' is required." },
        {
            """{ "email": "a@example.com", "apiKey": "k", "templates": [ { "usageType": "SignIn", "content": "{{code}}" }, { "usageType": "Generic", "content": "{{code}}" } ] }""",
            "SMS connector 'aero': 'templates': Template with UsageType (Register, ForgotPassword) should be provided!"
        },
        { $$"""{ "email": "a@example.com", "apiKey": "k", "templates": {{RequiredTemplates}}, "BaseUrl": "http://gate.smsaero.ru/v2" }""", "SMS connector 'aero': 'BaseUrl' must use https" },
        { $$"""{ "email": "a@example.com", "apiKey": "k", "templates": {{RequiredTemplates}}, "MirrorUrls": [ "ftp://mirror.example.com" ] }""", "SMS connector 'aero': 'MirrorUrls:0' must be an absolute https URL." },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_names_the_connector_and_the_key(string connector, string problem)
    {
        var failure = Assert.Single(Failures(connector));

        Assert.StartsWith(problem, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void No_templates_at_all_reports_both_problems()
    {
        var failures = Failures("""{ "email": "a@example.com", "apiKey": "k" }""");

        Assert.Equal(
            [
                "SMS connector 'aero': 'templates' must contain at least one template.",
                "SMS connector 'aero': 'templates': Template with UsageType (Register, SignIn, ForgotPassword, Generic) should be provided!",
            ],
            failures);
    }

    [Fact]
    public void A_secret_never_appears_in_a_validation_message()
    {
        var failures = Failures("""{ "email": "bad", "apiKey": "s3cr3t-value", "templates": [] }""");

        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.DoesNotContain("s3cr3t-value", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_to_string_does_not_show_the_credentials()
    {
        var text = new SmsAeroOptions { Email = "owner@example.com", ApiKey = "s3cr3t" }.ToString();

        Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
    }
}
