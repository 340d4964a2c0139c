using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Templates;
using SmsConnectors.Tencent;

namespace SmsConnectors.Benchmarks;

/// <summary>A vendor as the benchmarks configure it: its connector pointed at a base address, and its success answer.</summary>
public enum Vendor
{
    Http,
    Seven,
    SmsAero,
    Tencent,
}

/// <summary>How each vendor's connector is set up for measuring, with the default resilience (retry, breaker, both timeouts).</summary>
public static class Vendors
{
    public const string TencentSecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    public const string TencentSecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";

    private static readonly string[] UsageTypes = ["SignIn", "Register", "ForgotPassword", "Generic"];

    public static SmsMessage Message { get; } = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "482913");

    public static SmsMessage TencentMessage { get; } = SmsMessage.ForCode("+8613711112222", SmsUsageType.SignIn, "482913");

    public static SmsMessage MessageFor(Vendor vendor) => vendor == Vendor.Tencent ? TencentMessage : Message;

    /// <summary>The vendor's answer to a successful send, as its documentation shows it.</summary>
    public static string SuccessAnswer(Vendor vendor) => vendor switch
    {
        Vendor.Http => """{"id":"hook-msg-7781","status":"queued"}""",
        Vendor.Seven => """{"success":"100","total_price":0.075,"balance":9.9,"debug":"false","sms_type":"direct","messages":[{"id":"77230001","sender":"Logto","recipient":"4915112345678","text":"x","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""",
        Vendor.SmsAero => """{"success":true,"data":{"id":424242,"from":"SMSAero","number":"4915112345678","text":"x","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49"},"message":null}""",
        _ => """{"Response":{"SendStatusSet":[{"SerialNo":"5000:104571234567890123","PhoneNumber":"+8613711112222","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}""",
    };

    /// <summary>A provider whose only connector is <paramref name="vendor"/>'s, sending to <paramref name="baseAddress"/> through <paramref name="handler"/> (the library's own handler when null).</summary>
    public static ServiceProvider Build(Vendor vendor, Uri baseAddress, Func<HttpMessageHandler>? handler = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddSmsConnectors();
        _ = vendor switch
        {
            Vendor.Http => builder.AddHttp("sms", o => o.Endpoint = new Uri(baseAddress, "sms").AbsoluteUri),
            Vendor.Seven => builder.AddSeven("sms", o =>
            {
                o.ApiKey = "seven-benchmark-key";
                o.BaseUrl = new Uri(baseAddress, "api").AbsoluteUri;
                o.Templates = [new() { UsageType = "SignIn", Content = "Your sign-in code is {{code}}." }];
            }),
            Vendor.SmsAero => builder.AddSmsAero("sms", o =>
            {
                (o.Email, o.ApiKey) = ("owner@example.com", "aero-benchmark-key");
                o.BaseUrl = new Uri(baseAddress, "v2").AbsoluteUri;
                o.UseMirrors = false;
                o.Templates = [.. UsageTypes.Select(t => new SmsTextTemplate { UsageType = t, Content = "Your code is {{code}}." })];
            }),
            _ => builder.AddTencent("sms", o =>
            {
                (o.AccessKeyId, o.AccessKeySecret) = (TencentSecretId, TencentSecretKey);
                (o.SignName, o.SdkAppId, o.Region) = ("腾讯云", "1400006666", "ap-guangzhou");
                o.Templates = [.. UsageTypes.Select((t, i) => new TencentTemplate { UsageType = t, TemplateCode = $"111{i}" })];
                o.Endpoint = baseAddress.AbsoluteUri;
            }),
        };
        if (handler is not null)
        {
            builder.ConfigurePrimaryHttpMessageHandler(_ => handler());
        }

        return services.BuildServiceProvider();
    }
}
