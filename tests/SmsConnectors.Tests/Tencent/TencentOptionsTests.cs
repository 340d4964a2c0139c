using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Tencent.TencentTestHost;

namespace SmsConnectors.Tests.Tencent;

public class TencentOptionsTests
{
    /// <summary>Logto's Tencent connector configuration, pasted in as it is, plus our Provider key.</summary>
    private const string LogtoJson = """
        {
          "SmsConnectors": {
            "Connectors": {
              "tencent": {
                "Provider": "Tencent",
                "accessKeyId": "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                "accessKeySecret": "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
                "signName": "腾讯云",
                "sdkAppId": "1400006666",
                "region": "ap-guangzhou",
                "templates": [
                  { "usageType": "SignIn", "templateCode": "1110" },
                  { "usageType": "Register", "templateCode": "1111" },
                  { "usageType": "ForgotPassword", "templateCode": "1112" },
                  { "usageType": "Generic", "templateCode": "1113" }
                ]
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Logto_configuration_binds_unchanged_and_sends()
    {
        var mock = new MockHttpMessageHandler();
        var captured = mock.RecordAll(body: Success());
        await using var provider = TestHost.Build(
            services => services.AddSmsConnectors(TestHost.Json(LogtoJson).GetSection("SmsConnectors")),
            mock,
            [Name],
            new ManualTimeProvider(Now));

        var options = provider.GetRequiredService<IOptionsMonitor<TencentOptions>>().Get(Name);
        Assert.Equal(SecretId, options.AccessKeyId);
        Assert.Equal(SecretKey, options.AccessKeySecret);
        Assert.Equal("腾讯云", options.SignName);
        Assert.Equal("1400006666", options.SdkAppId);
        Assert.Equal("ap-guangzhou", options.Region);
        Assert.Equal(TencentOptions.DefaultEndpoint, options.Endpoint);
        Assert.Equal(["SignIn", "Register", "ForgotPassword", "Generic"], options.Templates.Select(t => t.UsageType));
        Assert.Equal(["1110", "1111", "1112", "1113"], options.Templates.Select(t => t.TemplateCode));
        Assert.All(options.Templates, t => Assert.Null(t.Parameters));

        // The default connector is the only one, and the request is the one the code-configured tests pin down.
        await provider.GetRequiredService<ISmsConnector>().SendAsync(Message());
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2026-03-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=54822c00aeca1a480048c074a7e1f84740d0d152e7b085d7c204605fb8277fae",
            Assert.Single(captured).Header("Authorization"));
    }

    [Fact]
    public async Task Our_extra_keys_bind_without_being_appended_to_defaults()
    {
        var json = LogtoJson
            .Replace("\"region\": \"ap-guangzhou\",", "\"region\": \"ap-guangzhou\", \"endpoint\": \"https://sms.ap-guangzhou.tencentcloudapi.com\",", StringComparison.Ordinal)
            .Replace("""{ "usageType": "SignIn", "templateCode": "1110" }""", """{ "usageType": "SignIn", "templateCode": "1110", "locale": "zh-CN", "parameters": ["code", "minutes"] }""", StringComparison.Ordinal);
        await using var provider = TestHost.Build(services => services.AddSmsConnectors(TestHost.Json(json).GetSection("SmsConnectors")));

        var options = provider.GetRequiredService<IOptionsMonitor<TencentOptions>>().Get(Name);
        Assert.Equal("https://sms.ap-guangzhou.tencentcloudapi.com", options.Endpoint);
        Assert.Equal("zh-CN", options.Templates[0].Locale);
        Assert.Equal(["code", "minutes"], options.Templates[0].Parameters);
        Assert.Equal(["code"], options.Templates[1].EffectiveParameters);
    }

    [Fact]
    public async Task Registers_from_code_as_keyed_service_and_by_name()
    {
        await using var provider = TestHost.Build(services => services.AddSmsConnectors().AddTencent("cn", Configure));

        Assert.Equal("cn", provider.GetRequiredKeyedService<ISmsConnector>("cn").Name);
        Assert.Same(provider.GetRequiredKeyedService<ISmsConnector>("cn"), provider.GetRequiredService<ISmsConnectorProvider>().Get("CN"));
        Assert.Same(provider.GetRequiredKeyedService<ISmsConnector>("cn"), provider.GetRequiredService<ISmsConnector>());
    }

    public static TheoryData<string, string> MissingKeys => new()
    {
        { "accessKeyId", "'accessKeyId' is required" },
        { "accessKeySecret", "'accessKeySecret' is required" },
        { "signName", "'signName' is required" },
        { "sdkAppId", "'sdkAppId' is required" },
        { "region", "'region' is required" },
    };

    [Theory]
    [MemberData(nameof(MissingKeys))]
    public void Each_required_key_is_named_at_startup(string key, string problem)
    {
        var json = string.Join("\n", LogtoJson.Split('\n').Where(line => !line.Contains($"\"{key}\"", StringComparison.Ordinal)));

        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json(json).GetSection("SmsConnectors")));

        Assert.Equal([$"SMS connector 'tencent': {problem}."], failures);
    }

    [Theory]
    [InlineData("Register", "Register")]
    [InlineData("Generic", "Generic")]
    public void Missing_required_template_gives_logtos_message(string removed, string listed)
    {
        var json = string.Join("\n", LogtoJson.Split('\n').Where(line => !line.Contains($"\"usageType\": \"{removed}\"", StringComparison.Ordinal)));

        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors(TestHost.Json(json).GetSection("SmsConnectors")));

        Assert.Equal([$"SMS connector 'tencent': 'templates': Template with UsageType ({listed}) should be provided!"], failures);
    }

    [Fact]
    public void No_templates_lists_every_required_type()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddTencent(Name, options =>
        {
            Configure(options);
            options.Templates.Clear();
        }));

        Assert.Equal(
            [
                "SMS connector 'tencent': 'templates' must contain at least one template.",
                "SMS connector 'tencent': 'templates': Template with UsageType (Register, SignIn, ForgotPassword, Generic) should be provided!",
            ],
            failures);
    }

    [Theory]
    [InlineData("http://sms.tencentcloudapi.com", "'endpoint' must use https")]
    [InlineData("sms.tencentcloudapi.com", "'endpoint' must be an absolute https URL")]
    [InlineData("ftp://sms.tencentcloudapi.com", "'endpoint' must be an absolute https URL")]
    [InlineData("https://proxy.example.com/tencent", "'endpoint' must be the API's address without a path")]
    [InlineData("https://sms.tencentcloudapi.com/?a=b", "'endpoint' must not contain a query")]
    [InlineData("", "'endpoint' is required")]
    public void Endpoint_must_be_an_absolute_https_url(string endpoint, string problem)
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddTencent(Name, options =>
        {
            Configure(options);
            options.Endpoint = endpoint;
        }));

        var failure = Assert.Single(failures);
        Assert.StartsWith($"SMS connector 'tencent': {problem}", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]:8080")]
    [InlineData("https://sms.ap-guangzhou.tencentcloudapi.com")]
    [InlineData("https://sms.intl.tencentcloudapi.com:443/")]
    public void Endpoint_may_be_regional_or_a_loopback_http_address(string endpoint) =>
        Assert.Empty(TestHost.StartupFailures(services => services.AddSmsConnectors().AddTencent(Name, options =>
        {
            Configure(options);
            options.Endpoint = endpoint;
        })));

    [Fact]
    public void Template_and_header_values_are_checked()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddTencent(Name, options =>
        {
            Configure(options);
            options.AccessKeyId = "AKID,x";
            options.Region = "ap-guangzhou\r\nX: y";
            options.Templates[1].TemplateCode = " ";
            options.Templates[2].Parameters = ["code", ""];
        }));

        Assert.Equal(
            [
                "SMS connector 'tencent': 'accessKeyId' must not contain whitespace, '/' or ','.",
                "SMS connector 'tencent': 'region' may contain only letters, digits and '-' (for example ap-guangzhou).",
                "SMS connector 'tencent': 'templates:1:templateCode' is required.",
                "SMS connector 'tencent': 'templates:2:parameters:1' is required.",
            ],
            failures);
    }

    [Fact]
    public void Validation_messages_never_show_the_secret()
    {
        var failures = TestHost.StartupFailures(services => services.AddSmsConnectors().AddTencent(Name, options =>
        {
            Configure(options);
            options.SignName = "";
            options.Endpoint = "http://example.com";
        }));

        Assert.Equal(2, failures.Count);
        Assert.All(failures, failure => Assert.DoesNotContain(SecretKey, failure, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_do_not_print_the_secret()
    {
        var options = new TencentOptions();
        Configure(options);
        Assert.DoesNotContain(SecretKey, options.ToString(), StringComparison.Ordinal);
    }
}
