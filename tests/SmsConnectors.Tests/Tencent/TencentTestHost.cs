using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Tencent;

/// <summary>The connector set-up the Tencent tests share: credentials, a fixed clock, and canned answers.</summary>
public static class TencentTestHost
{
    public const string Name = "tencent";
    public const string SecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    public const string SecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    public const string Number = "+8618511122233";
    public const string Code = "123456";

    /// <summary>2026-03-01T23:30:00Z, given in UTC+8 so that the local date (03-02) differs from the UTC date (03-01).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 7, 30, 0, TimeSpan.FromHours(8));

    /// <summary><see cref="Now"/> in Unix seconds.</summary>
    public const long Timestamp = 1772407800;

    public static void Configure(TencentOptions options)
    {
        options.AccessKeyId = SecretId;
        options.AccessKeySecret = SecretKey;
        options.SignName = "腾讯云";
        options.SdkAppId = "1400006666";
        options.Region = "ap-guangzhou";
        options.Templates =
        [
            new() { UsageType = "SignIn", TemplateCode = "1110" },
            new() { UsageType = "Register", TemplateCode = "1111" },
            new() { UsageType = "ForgotPassword", TemplateCode = "1112" },
            new() { UsageType = "Generic", TemplateCode = "1113" },
        ];
        options.Resilience.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.Retry.UseJitter = false;
    }

    /// <summary>A provider whose Tencent connector sends through <paramref name="mock"/> (or the network when null) with a fixed clock.</summary>
    public static ServiceProvider Build(
        MockHttpMessageHandler? mock,
        Action<TencentOptions>? configure = null,
        TimeProvider? clock = null,
        CapturingLoggerProvider? logs = null) =>
        TestHost.Build(
            services =>
            {
                logs?.AddTo(services);
                services.AddSmsConnectors().AddTencent(Name, options =>
                {
                    Configure(options);
                    configure?.Invoke(options);
                });
            },
            mock,
            [Name],
            clock ?? new ManualTimeProvider(Now));

    public static ISmsConnector Connector(this IServiceProvider provider) =>
        provider.GetRequiredKeyedService<ISmsConnector>(Name);

    /// <summary>A passcode message with a locale, a ui locale and an unrelated key, none of which may leak into the parameters.</summary>
    public static SmsMessage Message(SmsUsageType? type = null, string to = "+86 185 1112 2233") => new()
    {
        To = to,
        Type = type ?? SmsUsageType.SignIn,
        Payload = new Dictionary<string, object?>
        {
            ["uiLocales"] = "zh-CN en",
            ["code"] = Code,
            ["locale"] = "zh-CN",
            ["link"] = "https://example.com/x",
        },
    };

    public static string Success(string serialNo = "5000:104571234567890123", string requestId = "a0aabda6-cf91-4f3e-a81f-9198114a2279", string code = "Ok") =>
        $$$"""{"Response":{"SendStatusSet":[{"SerialNo":"{{{serialNo}}}","PhoneNumber":"{{{Number}}}","Fee":1,"SessionContext":"","Code":"{{{code}}}","Message":"send success","IsoCode":"CN"}],"RequestId":"{{{requestId}}}"}}""";

    public static string Error(string code, string message = "something went wrong", string requestId = "req-error-1") =>
        $$$"""{"Response":{"Error":{"Code":"{{{code}}}","Message":"{{{message}}}"},"RequestId":"{{{requestId}}}"}}""";

    public static string NumberFailure(string code, string message = "not sent", string requestId = "req-number-1") =>
        $$$"""{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"{{{Number}}}","Fee":0,"SessionContext":"","Code":"{{{code}}}","Message":"{{{message}}}","IsoCode":"CN"}],"RequestId":"{{{requestId}}}"}}""";
}
