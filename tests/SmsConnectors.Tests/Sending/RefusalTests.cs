using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Sending;

/// <summary>What the library refuses before any request: nothing is sent that is not an SMS, and nothing after disposal.</summary>
public class RefusalTests
{
    private const string Number = "+4915112345678";

    public static TheoryData<string> Vendors => new() { "seven", "aero", "tencent", "hook" };

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task A_disposed_connector_throws_object_disposed_and_sends_nothing(string vendor)
    {
        var (provider, requests) = Build(vendor);
        var connector = provider.GetRequiredKeyedService<ISmsConnector>(vendor);
        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "123456")));

        Assert.Empty(requests);
    }

    [Theory]
    [InlineData("seven")]
    [InlineData("aero")]
    [InlineData("tencent")]
    public async Task A_disposed_connector_reads_no_balance(string vendor)
    {
        var (provider, requests) = Build(vendor);
        var connector = (ISmsBalanceProvider)provider.GetRequiredKeyedService<ISmsConnector>(vendor);
        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => connector.GetBalanceAsync());

        Assert.Empty(requests);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task A_null_payload_is_an_argument_exception_before_anything_else(string vendor)
    {
        var (provider, requests) = Build(vendor);
        await using var _ = provider;

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => provider.GetRequiredKeyedService<ISmsConnector>(vendor).SendAsync(new SmsMessage { To = Number, Type = SmsUsageType.SignIn, Payload = null! }));

        Assert.Equal("message", error.ParamName);
        Assert.Empty(requests);
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public async Task A_payload_value_that_contains_itself_is_invalid_and_sends_nothing(string vendor)
    {
        var (provider, requests) = Build(vendor);
        await using var _ = provider;
        var loop = new List<object?> { "a" };
        loop.Add(loop);
        var payload = new Dictionary<string, object?> { ["code"] = "123456", ["name"] = loop };

        var error = await Assert.ThrowsAsync<SmsConnectorException>(
            () => provider.GetRequiredKeyedService<ISmsConnector>(vendor).SendAsync(new SmsMessage { To = Number, Type = SmsUsageType.Register, Payload = payload }));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task A_payload_nested_past_the_writers_depth_in_logtos_default_body_is_invalid_and_sends_nothing()
    {
        var (provider, requests) = Build("hook");
        await using var _ = provider;
        object? nested = "deep";
        for (var i = 0; i < 2000; i++)
        {
            nested = new Dictionary<string, object?> { ["n"] = nested };
        }

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredKeyedService<ISmsConnector>("hook").SendAsync(
            new SmsMessage { To = Number, Type = SmsUsageType.SignIn, Payload = new Dictionary<string, object?> { ["code"] = "1", ["deep"] = nested } }));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.Empty(requests);
    }

    [Theory]
    [InlineData("seven", 1520)]
    [InlineData("aero", 640)]
    [InlineData("hook", 1600)]
    public async Task A_text_longer_than_the_vendor_allows_fails_before_any_request_and_one_at_the_limit_goes(string vendor, int limit)
    {
        var (provider, requests) = Build(vendor);
        await using var _ = provider;
        var connector = provider.GetRequiredKeyedService<ISmsConnector>(vendor);
        var prefix = "Code ".Length;

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, new string('7', limit - prefix + 1))));
        Assert.Empty(requests);
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, new string('7', limit - prefix)));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains($"{limit + 1} characters, more than the {limit} allowed", error.Message, StringComparison.Ordinal);
        Assert.Single(requests);
    }

    [Fact]
    public async Task Tencent_refuses_parameters_that_with_the_signature_exceed_its_message_length()
    {
        var (provider, requests) = Build("tencent");
        await using var _ = provider;

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredKeyedService<ISmsConnector>("tencent").SendAsync(
            SmsMessage.ForCode(Number, SmsUsageType.Generic, new string('7', 500 - "Sign".Length + 1))));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.Contains("501 characters, more than the 500 allowed", error.Message, StringComparison.Ordinal);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task The_generic_connector_refuses_a_query_value_over_its_limit_so_no_huge_url_is_sent()
    {
        var (provider, requests) = Build("hook", o => o.Http = h =>
        {
            h.Method = "GET";
            h.MaxMessageLength = 32;
            h.QueryParameters = new() { ["name"] = "{{name}}" };
        });
        await using var _ = provider;

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => provider.GetRequiredKeyedService<ISmsConnector>("hook").SendAsync(
            new SmsMessage { To = Number, Type = SmsUsageType.SignIn, Payload = new Dictionary<string, object?> { ["code"] = "1", ["name"] = new string('x', 33) } }));

        Assert.Contains("query parameter 'name'", error.Message, StringComparison.Ordinal);
        Assert.Empty(requests);
    }

    [Theory]
    [InlineData("plain", false)]
    [InlineData("Jörg", false)]
    [InlineData("plain", true)]
    public async Task The_generic_connector_refuses_a_payload_value_over_its_limit_in_its_default_body(string start, bool nested)
    {
        var (provider, requests) = Build("hook", o => o.Http = h => h.MaxMessageLength = 32);
        await using var _ = provider;
        var connector = provider.GetRequiredKeyedService<ISmsConnector>("hook");
        SmsMessage MessageWith(string name) => new()
        {
            To = Number,
            Type = SmsUsageType.SignIn,
            Payload = new Dictionary<string, object?> { ["code"] = "1", ["name"] = nested ? new Dictionary<string, object?> { ["first"] = name } : name },
        };

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(MessageWith(start + new string('x', 33 - start.Length))));
        Assert.Empty(requests);
        await connector.SendAsync(MessageWith(start + new string('x', 32 - start.Length)));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains(nested ? "payload.name.first has 33 characters, more than the 32 allowed" : "payload.name has 33 characters, more than the 32 allowed", error.Message, StringComparison.Ordinal);
        Assert.Single(requests);
    }

    [Fact]
    public async Task A_reload_with_a_value_that_cannot_be_converted_keeps_the_last_valid_configuration_and_logs_one_error()
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(body: """{"success":"100","messages":[{"id":"1","success":true}]}""");
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:seven:Provider"] = "Seven",
            ["SmsConnectors:Connectors:seven:apiKey"] = "key",
            ["SmsConnectors:Connectors:seven:templates:0:usageType"] = "Generic",
            ["SmsConnectors:Connectors:seven:templates:0:content"] = "Code {{code}}",
        }).Build();
        var logs = new CapturingLoggerProvider();
        await using var provider = TestHost.Build(
            services =>
            {
                logs.AddTo(services);
                services.AddSmsConnectors(root.GetSection("SmsConnectors"));
            },
            mock,
            ["seven"]);
        var connector = provider.GetRequiredService<ISmsConnector>();
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));

        root["SmsConnectors:Connectors:seven:MaxResponseBytes"] = "lots";
        root["SmsConnectors:Connectors:seven:Resilience:AttemptTimeout"] = "soon";
        root.Reload();
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "2"));
        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "3"));

        Assert.Equal(3, requests.Count);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("'seven'", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connector_whose_first_configuration_cannot_be_converted_fails_as_invalid_config_and_failover_moves_on()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmsConnectors:Connectors:broken:Provider"] = "Seven",
            ["SmsConnectors:Connectors:broken:apiKey"] = "key",
            ["SmsConnectors:Connectors:broken:MaxResponseBytes"] = "lots",
            ["SmsConnectors:Connectors:broken:templates:0:usageType"] = "Generic",
            ["SmsConnectors:Connectors:broken:templates:0:content"] = "Code {{code}}",
            ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
            ["SmsConnectors:Connectors:both:Provider"] = "Failover",
            ["SmsConnectors:Connectors:both:connectors:0"] = "broken",
            ["SmsConnectors:Connectors:both:connectors:1"] = "dev",
            ["SmsConnectors:DefaultConnector"] = "both",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSmsConnectors(root.GetSection("SmsConnectors"));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));

        Assert.Equal("dev", result.ConnectorName);
    }

    private static (ServiceProvider Provider, List<RecordedRequest> Requests) Build(string vendor, Action<Adjustments>? adjust = null)
    {
        var adjustments = new Adjustments();
        adjust?.Invoke(adjustments);
        var mock = new MockHttpMessageHandler();
        var body = vendor switch
        {
            "seven" => """{"success":"100","messages":[{"id":"1","success":true}]}""",
            "aero" => """{"success":true,"data":{"id":1},"message":null}""",
            "tencent" => """{"Response":{"SendStatusSet":[{"SerialNo":"s","PhoneNumber":"+4915112345678","Code":"Ok","Message":"ok"}],"RequestId":"r"}}""",
            _ => "{}",
        };
        var requests = mock.RecordAll(body: body);
        List<SmsConnectors.Templates.SmsTextTemplate> Templates() =>
        [
            new() { UsageType = "SignIn", Content = "Code {{code}}" },
            new() { UsageType = "Register", Content = "Code {{code}} for {{name}}" },
            new() { UsageType = "ForgotPassword", Content = "Code {{code}}" },
            new() { UsageType = "Generic", Content = "Code {{code}}" },
        ];
        var provider = TestHost.Build(
            services =>
            {
                var builder = services.AddSmsConnectors();
                builder.AddSeven("seven", o => (o.ApiKey, o.Templates) = ("key", Templates()));
                builder.AddSmsAero("aero", o => (o.Email, o.ApiKey, o.Templates) = ("owner@example.com", "key", Templates()));
                builder.AddTencent("tencent", o =>
                {
                    (o.AccessKeyId, o.AccessKeySecret, o.SignName, o.SdkAppId, o.Region) = ("AKID", "secret", "Sign", "1400006666", "ap-guangzhou");
                    o.Templates =
                    [
                        new() { UsageType = "SignIn", TemplateCode = "1" },
                        new() { UsageType = "Register", TemplateCode = "2", Parameters = ["code", "name"] },
                        new() { UsageType = "ForgotPassword", TemplateCode = "3" },
                        new() { UsageType = "Generic", TemplateCode = "4" },
                    ];
                });
                builder.AddHttp("hook", o =>
                {
                    o.Endpoint = "https://hooks.example.com/sms";
                    o.Templates = Templates();
                    adjustments.Http?.Invoke(o);
                });
                builder.SetDefaultConnector(vendor);
            },
            mock,
            ["seven", "aero", "tencent", "hook"]);
        return (provider, requests);
    }

    private sealed class Adjustments
    {
        public Action<SmsConnectors.Http.HttpSmsOptions>? Http { get; set; }
    }
}
