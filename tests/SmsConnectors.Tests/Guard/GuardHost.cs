using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Guard;

/// <summary>
/// An app with the guard configured from JSON, a Generic HTTP connector "hook" whose vendor a test
/// plays (by default it answers 200 with a new id each time), and a clock that stands still.
/// </summary>
internal sealed class GuardHost : IAsyncDisposable
{
    public const string Endpoint = "https://sms.example.test/send";
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private int _requests;

    private GuardHost(string guardJson, Action<SmsConnectorsBuilder>? configure, string defaultConnector, Action<IServiceCollection>? services)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(Endpoint).Respond(async request =>
        {
            var number = Interlocked.Increment(ref _requests);
            RequestBodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync());
            return await Respond(number);
        });
        var json = $$"""{ "SmsConnectors": { "DefaultConnector": "{{defaultConnector}}", "Guard": {{guardJson}} } }""";
        Provider = TestHost.Build(
            s =>
            {
                services?.Invoke(s);
                s.AddLogging(logging => logging.AddProvider(Logs));
                var builder = s.AddSmsConnectors(TestHost.Json(json).GetSection("SmsConnectors"))
                    .AddHttp("hook", o => o.Endpoint = Endpoint);
                configure?.Invoke(builder);
            },
            mock,
            ["hook", "hook2"],
            Time);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ServiceProvider Provider { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    /// <summary>Gets how many requests reached the vendor.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public System.Collections.Concurrent.ConcurrentBag<string> RequestBodies { get; } = [];

    /// <summary>Gets or sets the vendor's answer to the n-th request (1-based).</summary>
    public Func<int, Task<HttpResponseMessage>> Respond { get; set; } = number => Task.FromResult(Answer(HttpStatusCode.OK, $$"""{"id":"m-{{number}}"}"""));

    public ISmsConnector Hook => Connector("hook");

    public static GuardHost Create(string guardJson, Action<SmsConnectorsBuilder>? configure = null, string defaultConnector = "hook", Action<IServiceCollection>? services = null) =>
        new(guardJson, configure, defaultConnector, services);

    public static HttpResponseMessage Answer(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public ISmsConnector Connector(string name) => Provider.GetRequiredKeyedService<ISmsConnector>(name);

    public static SmsMessage Code(string to, string? ip = null, string? key = null) =>
        SmsMessage.ForCode(to, SmsUsageType.SignIn, "482913") with { Ip = ip, IdempotencyKey = key };

    public Task<SmsSendResult> SendAsync(string to, string? ip = null, string? key = null) => Hook.SendAsync(Code(to, ip, key));

    public Task<SmsConnectorException> RefusedAsync(string to, string? ip = null, string? key = null) =>
        Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(to, ip, key));

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
