using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Guard.Redis;

/// <summary>
/// One instance of an app, as a real host: its configuration from memory (the <c>SmsConnectors</c>
/// section an appsettings.json would give), <c>AddSmsConnectors(configuration).AddRedisStore()</c>,
/// a Generic HTTP connector "hook" that sends to a shared loopback vendor, and captured logs.
/// </summary>
internal sealed class GuardedApp : IAsyncDisposable
{
    public const string Number = "+4915112345678";

    private GuardedApp(IHost host, CapturingLoggerProvider logs)
    {
        Host = host;
        Logs = logs;
    }

    public IHost Host { get; }

    public CapturingLoggerProvider Logs { get; }

    public ISmsConnector Connector => Host.Services.GetRequiredKeyedService<ISmsConnector>("hook");

    /// <summary>
    /// The configuration every app starts from: the "hook" connector sending to <paramref name="vendor"/>
    /// (no retries, so one send is one request) and the guard on Redis at <paramref name="redis"/>.
    /// </summary>
    public static Dictionary<string, string?> Settings(RedisServer redis, LoopbackServer vendor) => new()
    {
        ["SmsConnectors:Connectors:hook:Provider"] = "Http",
        ["SmsConnectors:Connectors:hook:Endpoint"] = new Uri(vendor.BaseAddress, "send").AbsoluteUri,
        ["SmsConnectors:Connectors:hook:Resilience:Retry:MaxRetryAttempts"] = "0",
        ["SmsConnectors:Guard:Store"] = "Redis",
        ["SmsConnectors:Guard:HashSecret"] = "shared-by-every-instance",
        ["SmsConnectors:Guard:Redis:Configuration"] = redis.Configuration,
    };

    /// <summary>Builds and starts the app (startup validation runs) from <paramref name="settings"/>.</summary>
    public static async Task<GuardedApp> StartAsync(IReadOnlyDictionary<string, string?> settings, bool addRedisStore = true)
    {
        var logs = new CapturingLoggerProvider();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        var connectors = builder.Services.AddSmsConnectors(builder.Configuration.GetSection("SmsConnectors"));
        if (addRedisStore)
        {
            connectors.AddRedisStore();
        }

        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new GuardedApp(host, logs);
    }

    /// <summary>A vendor every app sends to: answers each request with a new message id, after <paramref name="delay"/>.</summary>
    public static Task<LoopbackServer> StartVendorAsync(TimeSpan? delay = null)
    {
        var sent = 0;
        return LoopbackServer.StartAsync(async (context, _) =>
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            var id = Interlocked.Increment(ref sent);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"id":"m-{{id.ToString(CultureInfo.InvariantCulture)}}"}""");
        });
    }

    /// <summary>Sends a passcode to <paramref name="to"/>; the result, or the exception the send failed with.</summary>
    public async Task<(SmsSendResult? Result, SmsConnectorException? Error)> TrySendAsync(string to = Number, string code = "987123", string? idempotencyKey = null, string? ip = null)
    {
        try
        {
            return (await Connector.SendAsync(SmsMessage.ForCode(to, SmsUsageType.SignIn, code) with { IdempotencyKey = idempotencyKey, Ip = ip }), null);
        }
        catch (SmsConnectorException exception)
        {
            return (null, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
