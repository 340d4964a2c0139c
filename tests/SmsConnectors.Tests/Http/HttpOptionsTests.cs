using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using SmsConnectors.Http;
using SmsConnectors.Sending;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Http.HttpTestHost;

namespace SmsConnectors.Tests.Http;

/// <summary>Binding the Generic HTTP connector from configuration, startup validation and reload.</summary>
public class HttpOptionsTests
{
    private const string SeedPost = """
        {
          "SmsConnectors": {
            "Connectors": {
              "hook": {
                "Provider": "Http",
                "endpoint": "https://api.your-sms-provider.example/send",
                "method": "POST",
                "authorization": "Bearer your-token",
                "headers": { "X-Tenant": "acme" },
                "bodyParameters": {
                  "recipient": "{{to}}",
                  "text_content": "Hello! Your verification code for Logto is: {{message}}"
                }
              }
            }
          }
        }
        """;

    private const string SeedGet = """
        {
          "SmsConnectors": {
            "Connectors": {
              "hook": {
                "Provider": "Http",
                "endpoint": "https://your-api.example/send-sms",
                "method": "GET",
                "queryParameters": { "to": "{{to}}", "message": "{{message}}" },
                "templates": [
                  { "usageType": "SignIn", "content": "Sign in code: {{code}}" },
                  { "usageType": "Generic", "content": "Your code: {{code}}" }
                ]
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Seed_post_config_binds_and_sends()
    {
        using var harness = FromJson(SeedPost);

        await harness.SendCodeAsync(SmsUsageType.Register);

        var request = harness.Request;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://api.your-sms-provider.example/send", request.Uri.AbsoluteUri);
        Assert.Equal(["Authorization: Bearer your-token", "Content-Type: application/json", "X-Tenant: acme"], request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal(Utf8("""{"recipient":"+4915112345678","text_content":"Hello! Your verification code for Logto is: 123456"}"""), request.Body);
    }

    [Fact]
    public async Task Seed_get_config_binds_and_sends()
    {
        using var harness = FromJson(SeedGet);

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        // Configuration sorts keys, so "message" comes before "to".
        Assert.Equal(HttpMethod.Get, harness.Request.Method);
        Assert.Equal("https://your-api.example/send-sms?message=Sign%20in%20code%3A%20123456&to=%2B4915112345678", harness.Request.Uri.AbsoluteUri);
        Assert.Empty(harness.Request.Body!);
    }

    [Fact]
    public async Task Json_string_forms_bind_and_keep_order_and_types()
    {
        using var harness = FromJson("""
            {
              "SmsConnectors": {
                "Connectors": {
                  "hook": {
                    "Provider": "Http",
                    "endpoint": "https://api.example.test/v1/sms",
                    "method": "post",
                    "headers": "{\"X-Tenant\": \"acme\", \"X-Version\": 2}",
                    "queryParameters": "{\"z\": \"last\", \"a\": true}",
                    "bodyParameters": "{\"to\": \"{{to}}\", \"text\": \"{{message}}\", \"count\": 1, \"flash\": false, \"tags\": [\"otp\", {\"t\": \"{{type}}\"}], \"extra\": null}"
                  }
                }
              }
            }
            """);

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        var request = harness.Request;
        Assert.Equal("https://api.example.test/v1/sms?z=last&a=true", request.Uri.AbsoluteUri);
        Assert.Equal(["Content-Type: application/json", "X-Tenant: acme", "X-Version: 2"], request.Headers.Order(StringComparer.Ordinal));
        Assert.Equal(Utf8("""{"to":"+4915112345678","text":"123456","count":1,"flash":false,"tags":["otp",{"t":"SignIn"}],"extra":null}"""), request.Body);
    }

    [Fact]
    public async Task Object_form_nests_objects_and_arrays_with_string_leaves()
    {
        using var harness = FromJson("""
            {
              "SmsConnectors": {
                "Connectors": {
                  "hook": {
                    "Provider": "Http",
                    "endpoint": "https://api.example.test/v1/sms",
                    "bodyParameters": {
                      "messages": [ { "to": "{{to}}", "body": "{{message}}" } ],
                      "options": { "flash": false, "count": 1 }
                    }
                  }
                }
              }
            }
            """);

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal(Utf8("""{"messages":[{"body":"123456","to":"+4915112345678"}],"options":{"count":"1","flash":"False"}}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Draft_key_names_are_accepted()
    {
        using var harness = FromJson("""
            {
              "SmsConnectors": {
                "Connectors": {
                  "hook": {
                    "Provider": "Http",
                    "endpoint": "https://api.example.test/send",
                    "method": "POST",
                    "queryParams": { "key": "k1" },
                    "bodyParams": { "recipient": "{{to}}" },
                    "templates": [ { "usageType": "SignIn", "content": "Sign in code: {{message}}" } ]
                  }
                }
              }
            }
            """);

        await harness.SendCodeAsync(SmsUsageType.SignIn);

        Assert.Equal("https://api.example.test/send?key=k1", harness.Request.Uri.AbsoluteUri);
        Assert.Equal(Utf8("""{"recipient":"+4915112345678"}"""), harness.Request.Body);
    }

    [Fact]
    public async Task Minimal_http_sms_config_posts_the_default_body()
    {
        using var harness = FromJson("""
            { "SmsConnectors": { "Connectors": { "hook": { "Provider": "Http", "endpoint": "https://hooks.example.test/sms", "authorization": "Bearer abc" } } } }
            """);

        await harness.SendCodeAsync(SmsUsageType.Generic, "000000");

        Assert.Equal(HttpMethod.Post, harness.Request.Method);
        Assert.Equal(Utf8("""{"to":"+4915112345678","type":"Generic","payload":{"code":"000000"}}"""), harness.Request.Body);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        using var harness = FromJson(SeedGet);

        var options = harness.Provider.GetRequiredService<IOptionsMonitor<HttpSmsOptions>>().Get("hook");

        Assert.Equal("https://your-api.example/send-sms", options.Endpoint);
        Assert.Equal("GET", options.Method);
        Assert.Null(options.Authorization);
        Assert.Null(options.BodyParameters);
        Assert.Equal(2, options.Templates.Count);
        Assert.Equal("Generic", options.Templates[1].UsageType);
    }

    public static TheoryData<string, string, string> InvalidConfigs => new()
    {
        { """ "method": "POST" """, "'endpoint' is required", "endpoint" },
        { """ "endpoint": "/send" """, "'endpoint' must be an absolute http or https URL", "endpoint" },
        { """ "endpoint": "ftp://files.example.test/x" """, "'endpoint' must be an absolute http or https URL", "endpoint" },
        { """ "endpoint": "https://user:pw@api.example.test/x" """, "'endpoint' must not contain user information", "endpoint" },
        { """ "endpoint": "https://api.example.test/x#top" """, "'endpoint' must not contain a fragment", "endpoint" },
        { """ "endpoint": "https://api.example.test/x", "method": "PUT" """, "'method' must be GET or POST, not 'PUT'", "method" },
        { """ "endpoint": "https://api.example.test/x", "method": "" """, "'method' must be GET or POST", "method" },
        { """ "endpoint": "https://api.example.test/x", "headers": { "X Bad": "1" } """, "'headers:X Bad' is not a valid header name", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": { "X-Ok": "a\r\nX-Injected: 1" } """, "'headers:X-Ok' must not contain CR or LF", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": { "X-Ok": "a\nb" } """, "'headers:X-Ok' must not contain CR or LF", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": "{\"X-Ok\": \"a\\r\\nb\"}" """, "'headers:X-Ok' must not contain CR or LF", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": { "X-Name": "Jörg" } """, "'headers:X-Name' must contain only printable ASCII characters", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": { "Content-Length": "10" } """, "'headers:Content-Length' is set by the HTTP client", "headers" },
        { """ "endpoint": "https://api.example.test/x", "authorization": "Bearer a", "headers": { "authorization": "Bearer b" } """, "'headers:authorization' conflicts with 'authorization'", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": "{\"X-Nested\": {\"a\": 1}}" """, "'headers:X-Nested' must be a string, not a JSON object", "headers" },
        { """ "endpoint": "https://api.example.test/x", "headers": "X-A: 1" """, "'headers' must be a JSON object (or a string holding one)", "headers" },
        { """ "endpoint": "https://api.example.test/x", "queryParameters": "[1, 2]" """, "'queryParameters' must be a JSON object, not a JSON array", "queryParameters" },
        { """ "endpoint": "https://api.example.test/x", "bodyParameters": "[\"{{to}}\"]" """, "'bodyParameters' must be a JSON object, not a JSON array", "bodyParameters" },
        { """ "endpoint": "https://api.example.test/x", "bodyParameters": "{\"to\": " """, "'bodyParameters' must be a JSON object (or a string holding one); the text is not valid JSON", "bodyParameters" },
        { """ "endpoint": "https://api.example.test/x", "templates": [ { "usageType": "SignIn" } ] """, "'templates:0:content' is required", "templates" },
        { """ "endpoint": "https://api.example.test/x", "templates": [ { "content": "{{code}}" } ] """, "'templates:0:usageType' is required", "templates" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void Invalid_config_fails_at_startup_naming_connector_and_key(string keys, string expected, string key)
    {
        var configuration = TestHost.Json($$"""{ "SmsConnectors": { "Connectors": { "hook": { "Provider": "Http", {{keys}} } } } }""");

        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")));

        var failure = Assert.Single(failures);
        Assert.StartsWith("SMS connector 'hook': '" + key, failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Authorization_with_a_line_break_fails_without_echoing_it()
    {
        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook", o =>
        {
            o.Endpoint = Endpoint;
            o.Authorization = "Bearer secret-value\r\nX-Injected: 1";
        }));

        var failure = Assert.Single(failures);
        Assert.Equal("SMS connector 'hook': 'authorization' must not contain CR or LF.", failure);
    }

    [Fact]
    public void Body_parameters_set_in_code_must_be_an_object()
    {
        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook", o =>
        {
            o.Endpoint = Endpoint;
            o.BodyParameters = Json("\"{{to}}\"");
        }));

        Assert.Equal(["SMS connector 'hook': 'bodyParameters' must be a JSON object, not a JSON string."], failures);
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook", o =>
        {
            o.Endpoint = "not a url";
            o.Method = "DELETE";
            o.Headers = new() { ["Bad:Name"] = "x" };
        }));

        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.StartsWith("SMS connector 'hook': ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Plain_http_endpoint_to_another_host_fails_at_startup_unless_insecure_http_is_allowed()
    {
        var refused = TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook", o => o.Endpoint = "http://sms-gateway.internal.example:8080/send"));
        var allowed = TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook", o => (o.Endpoint, o.AllowInsecureHttp) = ("http://sms-gateway.internal.example:8080/send", true)));

        Assert.Equal(["SMS connector 'hook': 'endpoint' must use https (http is allowed only for 127.0.0.1, [::1] and localhost, or with 'allowInsecureHttp': true)."], refused);
        Assert.Empty(allowed);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/send")]
    [InlineData("http://[::1]:8080/send")]
    [InlineData("http://localhost:8080/send")]
    public void Plain_http_endpoint_on_a_loopback_host_is_allowed(string endpoint)
    {
        Assert.Empty(TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook", o => o.Endpoint = endpoint)));
    }

    [Fact]
    public void Code_registration_without_endpoint_fails_at_startup()
    {
        var failures = TestHost.StartupFailures(s => s.AddSmsConnectors().AddHttp("hook"));

        Assert.Equal(["SMS connector 'hook': 'endpoint' is required."], failures);
    }

    [Fact]
    public void Options_never_show_the_authorization()
    {
        var options = new HttpSmsOptions { Endpoint = Endpoint, Authorization = "Bearer hidden-token-123" };

        Assert.DoesNotContain("hidden-token-123", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reloaded_configuration_applies_to_the_next_send()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:hook:Provider"] = "Http",
            ["SmsConnectors:Connectors:hook:endpoint"] = "https://one.example.test/send",
            ["SmsConnectors:Connectors:hook:bodyParameters:text"] = "{{message}}",
            ["SmsConnectors:Connectors:hook:templates:0:usageType"] = "SignIn",
            ["SmsConnectors:Connectors:hook:templates:0:content"] = "First {{code}}",
        }).Build();
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll();
        using var provider = TestHost.Build(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")), mock, ["hook"]);
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "111111"));
        configuration["SmsConnectors:Connectors:hook:endpoint"] = "https://two.example.test/send";
        configuration["SmsConnectors:Connectors:hook:templates:0:content"] = "Second {{code}}";
        configuration["SmsConnectors:Connectors:hook:bodyParameters:text"] = null;
        configuration["SmsConnectors:Connectors:hook:bodyParameters"] = "{\"sms\": \"{{message}}\", \"n\": 2}";
        configuration["SmsConnectors:Connectors:hook:headers:X-Release"] = "2";
        configuration.Reload();
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "222222"));

        Assert.Equal(2, requests.Count);
        Assert.Equal("https://one.example.test/send", requests[0].Uri.AbsoluteUri);
        Assert.Equal(Utf8("""{"text":"First 111111"}"""), requests[0].Body);
        Assert.Null(requests[0].Header("X-Release"));
        Assert.Equal("https://two.example.test/send", requests[1].Uri.AbsoluteUri);
        Assert.Equal(Utf8("""{"sms":"Second 222222","n":2}"""), requests[1].Body);
        Assert.Equal("2", requests[1].Header("X-Release"));
    }

    [Fact]
    public async Task Reload_to_an_invalid_configuration_neither_throws_nor_stops_sending_and_logs_why()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:hook:Provider"] = "Http",
            ["SmsConnectors:Connectors:hook:endpoint"] = "https://one.example.test/send",
        }).Build();
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll();
        var logs = new CapturingLoggerProvider();
        using var provider = TestHost.Build(
            s =>
            {
                logs.AddTo(s);
                s.AddSmsConnectors(configuration.GetSection("SmsConnectors"));
            },
            mock,
            ["hook"]);
        var connector = provider.GetRequiredService<ISmsConnector>();

        configuration["SmsConnectors:Connectors:hook:method"] = "PATCH";
        configuration["SmsConnectors:Connectors:hook:endpoint"] = "https://two.example.test/send";
        var reload = Record.Exception(configuration.Reload);
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));

        Assert.Null(reload);
        var request = Assert.Single(requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://one.example.test/send", request.Uri.AbsoluteUri);
        var error = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("'hook'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'method' must be GET or POST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_parameters_are_parsed_once_per_options_instance()
    {
        using var harness = FromJson(SeedPost);
        var monitor = harness.Provider.GetRequiredService<IOptionsMonitor<HttpSmsOptions>>();

        var options = monitor.Get("hook");

        Assert.Same(PlanCache<HttpSmsOptions, HttpPlan>.Get(options, HttpPlan.Create), PlanCache<HttpSmsOptions, HttpPlan>.Get(options, HttpPlan.Create));
        Assert.Equal(JsonValueKind.Object, options.BodyParameters!.Value.ValueKind);
    }
}
