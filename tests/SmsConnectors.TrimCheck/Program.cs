using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors;
using SmsConnectors.Outbox;

// Binds every provider from configuration and sends through the Outbox, as a trimmed app would.
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["SmsConnectors:DefaultConnector"] = "route",
    ["SmsConnectors:Connectors:route:Provider"] = "Router",
    ["SmsConnectors:Connectors:route:routes:0:prefix"] = "+86",
    ["SmsConnectors:Connectors:route:routes:0:connector"] = "tencent",
    ["SmsConnectors:Connectors:route:fallback"] = "first",
    ["SmsConnectors:Connectors:first:Provider"] = "Failover",
    ["SmsConnectors:Connectors:first:connectors:0"] = "dev",
    ["SmsConnectors:Connectors:first:connectors:1"] = "seven",
    ["SmsConnectors:Connectors:dev:Provider"] = "Outbox",
    ["SmsConnectors:Connectors:dev:templates:0:usageType"] = "Generic",
    ["SmsConnectors:Connectors:dev:templates:0:content"] = "Your code is {{code}}",
    ["SmsConnectors:Connectors:seven:Provider"] = "Seven",
    ["SmsConnectors:Connectors:seven:apiKey"] = "key",
    ["SmsConnectors:Connectors:seven:templates:0:usageType"] = "Generic",
    ["SmsConnectors:Connectors:seven:templates:0:content"] = "{{code}}",
    ["SmsConnectors:Connectors:seven:Resilience:Retry:MaxRetryAttempts"] = "1",
    ["SmsConnectors:Connectors:seven:webhookSigningSecret"] = "signing-key",
    ["SmsConnectors:Connectors:aero:Provider"] = "SmsAero",
    ["SmsConnectors:Connectors:aero:email"] = "owner@example.com",
    ["SmsConnectors:Connectors:aero:apiKey"] = "key",
    ["SmsConnectors:Connectors:hook:Provider"] = "Http",
    ["SmsConnectors:Connectors:hook:endpoint"] = "https://relay.example.com/sms",
    ["SmsConnectors:Connectors:hook:bodyParameters:text"] = "{{message}}",
    ["SmsConnectors:Connectors:hook:webhookSecret"] = "trim-check-relay-secret",
    ["SmsConnectors:Connectors:tencent:Provider"] = "Tencent",
    ["SmsConnectors:Connectors:tencent:accessKeyId"] = "id",
    ["SmsConnectors:Connectors:tencent:accessKeySecret"] = "secret",
    ["SmsConnectors:Connectors:tencent:signName"] = "sign",
    ["SmsConnectors:Connectors:tencent:sdkAppId"] = "1400000000",
    ["SmsConnectors:Connectors:tencent:region"] = "ap-guangzhou",
    ["SmsConnectors:Connectors:tencent:callbackToken"] = "trim-check-token-0123",
    ["SmsConnectors:Guard:PerNumber:Limit"] = "1",
    ["SmsConnectors:Guard:PerNumber:Window"] = "01:00:00",
    ["SmsConnectors:Guard:AllowedCountries:0"] = "DE",
    ["SmsConnectors:Guard:AllowedNumberTypes:0"] = "Mobile",
    ["SmsConnectors:Guard:IdempotencyWindow"] = "00:10:00",
    ["SmsConnectors:Guard:Store"] = "Memory",
    ["SmsConnectors:Guard:Redis:Configuration"] = "127.0.0.1:6379",
    ["SmsConnectors:Guard:Redis:KeyPrefix"] = "trim:",
}).Build();
foreach (var (usageType, index) in new[] { "Register", "SignIn", "ForgotPassword", "Generic" }.Select((t, i) => (t, i)))
{
    configuration[$"SmsConnectors:Connectors:aero:templates:{index}:usageType"] = usageType;
    configuration[$"SmsConnectors:Connectors:aero:templates:{index}:content"] = "{{code}}";
    configuration[$"SmsConnectors:Connectors:tencent:templates:{index}:usageType"] = usageType;
    configuration[$"SmsConnectors:Connectors:tencent:templates:{index}:templateCode"] = $"10000{index}";
}

var services = new ServiceCollection().AddLogging();
services.AddSmsConnectors(configuration.GetSection("SmsConnectors")).AddRedisStore();
await using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate();

// The guard reads libphonenumber's metadata and stores idempotency records as JSON: both must survive trimming.
var sms = provider.GetRequiredService<ISmsConnector>();
var message = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "123456") with { IdempotencyKey = "click-1" };
var result = await sms.SendAsync(message);
var replay = await sms.SendAsync(message);
var refusal = await RefusalAsync(SmsMessage.ForCode("+41791234567", SmsUsageType.SignIn, "123456"));
var text = provider.GetRequiredService<ISmsOutbox>().Messages.Single().Text;

// Delivery reports are read with the JSON document model and the bound callback token: both must survive trimming.
var tencent = (ISmsDeliveryReportReader)provider.GetRequiredKeyedService<ISmsConnector>("tencent");
var callback = await tencent.ReadDeliveryReportsAsync(new SmsDeliveryReportRequest(
    "POST",
    "https://example.com/sms/delivery-reports/tencent?token=trim-check-token-0123",
    """[{"user_receive_time":"2026-03-01 20:00:00","report_status":"SUCCESS","sid":"s-1"}]"""u8.ToArray(),
    _ => null));
var report = callback.Reports.SingleOrDefault();
Console.WriteLine($"{result.ConnectorName}: {text}; replay: {replay.IsReplay}; Swiss number: {refusal}; Tencent report: {report}");
return result.ConnectorName == "dev" && text == "Your code is 123456" && replay.IsReplay && refusal == SmsGuardReason.CountryNotAllowed
    && report is { MessageId: "s-1", Status: SmsDeliveryStatus.Delivered } && callback.Acknowledgement == """{"result":0,"errmsg":"OK"}""" ? 0 : 1;

async Task<SmsGuardReason?> RefusalAsync(SmsMessage refused)
{
    try
    {
        await sms.SendAsync(refused);
        return null;
    }
    catch (SmsConnectorException exception)
    {
        return exception.GuardReason;
    }
}
