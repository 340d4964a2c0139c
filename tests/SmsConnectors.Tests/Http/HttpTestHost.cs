using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Http;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Http;

/// <summary>A Generic HTTP connector named "hook" whose requests go to a recording MockHttp handler.</summary>
internal sealed class HttpTestHost : IDisposable
{
    public const string Endpoint = "https://sms.example.test/send";
    public const string Number = "+4915112345678";

    private HttpTestHost(ServiceProvider provider, List<RecordedRequest> requests)
    {
        Provider = provider;
        Requests = requests;
        Connector = provider.GetRequiredKeyedService<ISmsConnector>("hook");
    }

    public ServiceProvider Provider { get; }

    public ISmsConnector Connector { get; }

    public List<RecordedRequest> Requests { get; }

    public RecordedRequest Request => Assert.Single(Requests);

    public static HttpTestHost Create(
        Action<HttpSmsOptions> configure,
        HttpStatusCode status = HttpStatusCode.OK,
        string body = "",
        string contentType = "application/json",
        Action<IServiceCollection>? services = null)
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(status, body, contentType);
        var provider = TestHost.Build(
            s =>
            {
                services?.Invoke(s);
                s.AddSmsConnectors().AddHttp("hook", o =>
                {
                    o.Endpoint = Endpoint;
                    configure(o);
                });
            },
            mock,
            ["hook"]);
        return new HttpTestHost(provider, requests);
    }

    /// <summary>Builds from configuration JSON (the whole appsettings document).</summary>
    public static HttpTestHost FromJson(string json, HttpStatusCode status = HttpStatusCode.OK, string body = "")
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.RecordAll(status, body);
        var configuration = TestHost.Json(json);
        var provider = TestHost.Build(s => s.AddSmsConnectors(configuration.GetSection("SmsConnectors")), mock, ["hook"]);
        return new HttpTestHost(provider, requests);
    }

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public Task<SmsSendResult> SendAsync(SmsMessage message) => Connector.SendAsync(message);

    public Task<SmsSendResult> SendCodeAsync(SmsUsageType type, string code = "123456", string? locale = null) =>
        Connector.SendAsync(SmsMessage.ForCode(Number, type, code, locale));

    public void Dispose() => Provider.Dispose();
}
