using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Seven;
using SmsConnectors.Templates;

namespace SmsConnectors.Tests.Seven;

/// <summary>A Seven connector named <c>seven</c> whose HTTP goes to a mock.</summary>
internal static class SevenTestHost
{
    public const string ApiKey = "test-api-key-5ecret";
    public const string Url = "https://gateway.seven.io/api/sms";

    public static ServiceProvider Build(MockHttpMessageHandler mock, Action<SevenOptions>? configure = null) =>
        Infrastructure.TestHost.Build(
            services => services.AddSmsConnectors().AddSeven("seven", options =>
            {
                options.ApiKey = ApiKey;
                options.Templates = [Template("SignIn", "Your sign-in code is {{code}}.")];
                configure?.Invoke(options);
            }),
            mock,
            ["seven"]);

    public static Infrastructure.MockVendor<SevenOptions> Vendor { get; } = new("seven", Url, Build);

    public static ISmsConnector Connector(this ServiceProvider provider) =>
        provider.GetRequiredKeyedService<ISmsConnector>("seven");

    public static SmsTextTemplate Template(string usageType, string content, string? locale = null) =>
        new() { UsageType = usageType, Content = content, Locale = locale };
}
