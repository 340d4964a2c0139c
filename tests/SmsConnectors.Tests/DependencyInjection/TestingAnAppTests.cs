using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Outbox;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.DependencyInjection;

/// <summary>Testing an application that uses the library cannot reach a vendor, and the platform's handler hooks work.</summary>
public class TestingAnAppTests
{
    private const string Number = "+4915112345678";

    [Fact]
    public async Task Replacing_connectors_with_the_outbox_keeps_names_templates_and_the_default_and_sends_nothing()
    {
        await using var vendor = await LoopbackServer.StartAsync(200, "application/json", """{"success":"100","messages":[{"id":"1","success":true}]}""");
        var configuration = TestHost.Json($$$"""
            { "SmsConnectors": { "DefaultConnector": "sms", "Connectors": {
                "seven": { "Provider": "Seven", "apiKey": "live-key", "BaseUrl": "{{{vendor.BaseAddress.AbsoluteUri.TrimEnd('/')}}}",
                           "templates": [ { "usageType": "SignIn", "content": "Seven code {{code}}" } ] },
                "tencent": { "Provider": "Tencent", "accessKeyId": "AKID", "accessKeySecret": "s", "signName": "S", "sdkAppId": "1400006666", "region": "ap-guangzhou",
                             "endpoint": "{{{vendor.BaseAddress.AbsoluteUri.TrimEnd('/')}}}",
                             "templates": [ { "usageType": "SignIn", "templateCode": "1" }, { "usageType": "Register", "templateCode": "2" },
                                            { "usageType": "ForgotPassword", "templateCode": "3" }, { "usageType": "Generic", "templateCode": "4" } ] },
                "sms": { "Provider": "Router", "routes": [ { "prefix": "+86", "connector": "tencent" } ], "fallback": "seven" } } } }
            """);
        using var provider = TestHost.Build(
            services => services.AddSmsConnectors(configuration.GetSection("SmsConnectors")),
            after: services => services.AddSmsConnectors().ReplaceConnectorsWithOutbox());
        var outbox = provider.GetRequiredService<ISmsOutbox>();

        var viaDefault = await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "111111"));
        var viaTencent = await provider.GetRequiredKeyedService<ISmsConnector>("tencent").SendAsync(SmsMessage.ForCode("+8613812345678", SmsUsageType.SignIn, "222222"));

        Assert.Equal("seven", viaDefault.ConnectorName);
        Assert.Equal("tencent", viaTencent.ConnectorName);
        Assert.Equal(["Seven code 111111", "Your verification code is 222222."], outbox.Messages.Select(m => m.Text));
        Assert.Equal(["seven", "tencent"], outbox.Messages.Select(m => m.ConnectorName));
        Assert.Equal(0, vendor.RequestCount);
    }

    [Fact]
    public void Resolving_the_outbox_without_an_outbox_connector_fails_at_once_saying_how_to_add_one()
    {
        using var provider = TestHost.Build(services => services.AddSmsConnectors().AddHttp("hook", o => o.Endpoint = "https://hooks.example.com/sms"));

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISmsOutbox>());

        Assert.Contains("No Outbox connector is registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReplaceConnectorsWithOutbox()", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddOutbox(\"dev\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_applications_own_primary_handler_carries_the_connectors_requests()
    {
        var handler = new MockHttpMessageHandler();
        var requests = handler.RecordAll(HttpStatusCode.OK, "{}");
        var services = new ServiceCollection().AddLogging();
        services.AddSmsConnectors()
            .AddHttp("hook", o => o.Endpoint = "https://hooks.example.com/sms")
            .ConfigurePrimaryHttpMessageHandler(_ => handler);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ISmsConnector>().SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));

        Assert.Equal("https://hooks.example.com/sms", Assert.Single(requests).Uri.AbsoluteUri);
    }
}
