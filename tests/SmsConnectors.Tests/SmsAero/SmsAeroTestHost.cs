using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.SmsAero;
using SmsConnectors.Templates;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>An SMSAero connector named <c>aero</c> whose HTTP goes to a mock.</summary>
internal static class SmsAeroTestHost
{
    public const string Email = "owner@example.com";
    public const string ApiKey = "aero-key-Zx81";

    /// <summary>Base64 of <c>owner@example.com:aero-key-Zx81</c>, worked out by hand.</summary>
    public const string BasicCredentials = "b3duZXJAZXhhbXBsZS5jb206YWVyby1rZXktWng4MQ==";

    public const string Url = "https://gate.smsaero.ru/v2/sms/send";

    public static ServiceProvider Build(MockHttpMessageHandler mock, Action<SmsAeroOptions>? configure = null) =>
        Infrastructure.TestHost.Build(
            services => services.AddSmsConnectors().AddSmsAero("aero", options =>
            {
                options.Email = Email;
                options.ApiKey = ApiKey;
                options.Templates = RequiredTemplates();
                configure?.Invoke(options);
            }),
            mock,
            ["aero"]);

    public static Infrastructure.MockVendor<SmsAeroOptions> Vendor { get; } = new("aero", Url, Build);

    public static ISmsConnector Connector(this ServiceProvider provider) =>
        provider.GetRequiredKeyedService<ISmsConnector>("aero");

    public static List<SmsTextTemplate> RequiredTemplates(string generic = "Код: {{code}}") =>
    [
        Template("Register", "Registration code {{code}}"),
        Template("SignIn", "Sign-in code {{code}}"),
        Template("ForgotPassword", "Reset code {{code}}"),
        Template("Generic", generic),
    ];

    public static SmsTextTemplate Template(string usageType, string content, string? locale = null) =>
        new() { UsageType = usageType, Content = content, Locale = locale };
}
