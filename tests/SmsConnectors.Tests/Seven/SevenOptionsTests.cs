using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Seven;

/// <summary>Configuration: Logto's JSON binds unchanged; every problem is found at startup and named.</summary>
public class SevenOptionsTests
{
    /// <summary>Logto's Seven connector configuration, as its config template gives it.</summary>
    private const string LogtoConfig = """
        {
          "apiKey": "<api-key>",
          "from": "Logto",
          "templates": [
            { "usageType": "Register", "content": "Your Logto sign-up verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "SignIn", "content": "Your Logto sign-in verification code is {{code}}. The code will remain active for 10 minutes." },
            { "usageType": "Test", "content": "Your Logto test verification code is {{code}}. The code will remain active for 10 minutes." }
          ]
        }
        """;

    private static string Wrap(string connector, string name = "seven") =>
        $$"""{ "SmsConnectors": { "DefaultConnector": "{{name}}", "Connectors": { "{{name}}": {{connector.Trim().Insert(1, "\"Provider\": \"Seven\",")}} } } }""";

    private static IReadOnlyList<string> Failures(string connector) =>
        TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json(Wrap(connector)).GetSection("SmsConnectors")));

    [Fact]
    public void Logtos_configuration_binds_unchanged_and_validates()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json(Wrap(LogtoConfig)).GetSection("SmsConnectors")));

        var options = provider.GetRequiredService<IOptionsMonitor<SevenOptions>>().Get("seven");
        Assert.Equal("<api-key>", options.ApiKey);
        Assert.Equal("Logto", options.From);
        Assert.Equal(["Register", "SignIn", "Test"], options.Templates.Select(t => t.UsageType));
        Assert.StartsWith("Your Logto sign-in verification code is {{code}}.", options.Templates[1].Content, StringComparison.Ordinal);
        Assert.Equal(SevenOptions.DefaultBaseUrl, options.BaseUrl);
        Assert.Equal("seven", provider.GetRequiredService<ISmsConnector>().Name);
        Assert.IsType<SevenConnector>(provider.GetRequiredKeyedService<ISmsConnector>("seven"));
    }

    [Fact]
    public void Keys_bind_case_insensitively_with_our_extra_keys()
    {
        const string Config = """
            { "APIKEY": "k", "From": "4915112345678", "BaseUrl": "http://127.0.0.1:5000/api", "MaxResponseBytes": 2048,
              "Templates": [ { "UsageType": "Generic", "Content": "{{code}}", "Locale": "de" } ] }
            """;
        using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json(Wrap(Config)).GetSection("SmsConnectors")));

        var options = provider.GetRequiredService<IOptionsMonitor<SevenOptions>>().Get("seven");
        Assert.Equal("k", options.ApiKey);
        Assert.Equal("4915112345678", options.From);
        Assert.Equal("http://127.0.0.1:5000/api", options.BaseUrl);
        Assert.Equal(2048, options.MaxResponseBytes);
        Assert.Equal("de", Assert.Single(options.Templates).Locale);
    }

    [Fact]
    public void Registers_from_code()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors()
            .AddSeven("sms", o =>
            {
                o.ApiKey = "k";
                o.Templates = [new() { UsageType = "Generic", Content = "{{code}}" }];
            }));

        Assert.IsType<SevenConnector>(provider.GetRequiredService<ISmsConnectorProvider>().Get("sms"));
    }

    [Theory]
    [InlineData("""{ "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'apiKey' is required")]
    [InlineData("""{ "apiKey": " ", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'apiKey' is required")]
    [InlineData("""{ "apiKey": "k\nX-Injected: 1", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'apiKey' must not contain control characters")]
    [InlineData("""{ "apiKey": "k" }""", "'templates' must contain at least one template")]
    [InlineData("""{ "apiKey": "k", "templates": [ { "usageType": "SignIn" } ] }""", "'templates:0:content' is required")]
    [InlineData("""{ "apiKey": "k", "templates": [ { "content": "{{code}}" } ] }""", "'templates:0:usageType' is required")]
    [InlineData("""{ "apiKey": "k", "from": "LogtoSenderX", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'from' must be at most 11 letters and digits, or a number of at most 16 digits")]
    [InlineData("""{ "apiKey": "k", "from": "Logto Inc", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'from' must be at most 11")]
    [InlineData("""{ "apiKey": "k", "from": "12345678901234567", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'from' must be at most 11")]
    [InlineData("""{ "apiKey": "k", "from": "Lögto", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'from' must be at most 11")]
    [InlineData("""{ "apiKey": "k", "BaseUrl": "http://gateway.seven.io/api", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'BaseUrl' must use https")]
    [InlineData("""{ "apiKey": "k", "BaseUrl": "gateway.seven.io", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }""", "'BaseUrl' must be an absolute https URL")]
    public void Each_problem_names_the_connector_and_the_key(string connector, string problem)
    {
        var failure = Assert.Single(Failures(connector));

        Assert.StartsWith("SMS connector 'seven': ", failure, StringComparison.Ordinal);
        Assert.Contains(problem, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_never_appears_in_a_validation_message()
    {
        var failures = Failures("""{ "apiKey": "s3cr3t\r\n", "from": "Way Too Long Sender", "templates": [] }""");

        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.DoesNotContain("s3cr3t", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_to_string_does_not_show_the_key()
    {
        Assert.DoesNotContain("s3cr3t", new SevenOptions { ApiKey = "s3cr3t" }.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Logto")]
    [InlineData("ABCDEFGHIJK")]
    [InlineData("4915112345678")]
    [InlineData("1234567890123456")]
    [InlineData("+4915112345678")]
    public void Valid_senders_pass(string from)
    {
        Assert.Empty(Failures($$$"""{ "apiKey": "k", "from": "{{{from}}}", "templates": [ { "usageType": "SignIn", "content": "{{code}}" } ] }"""));
    }
}
