using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Outbox;

namespace SmsConnectors.Tests.AspNetCore.Outbox;

/// <summary>
/// A small app on a real Kestrel server on 127.0.0.1 in the given environment, with an Outbox
/// connector <c>dev</c> (unless <paramref name="sms"/> registers otherwise) and the Outbox page mapped
/// by <paramref name="map"/> (<c>app.MapSmsOutbox()</c> by default).
/// </summary>
public sealed class OutboxPageHost : IAsyncDisposable
{
    private OutboxPageHost(WebApplication app, HttpClient client) => (App, Client) = (app, client);

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public ISmsOutbox Outbox => App.Services.GetRequiredService<ISmsOutbox>();

    public ISmsConnector Sms => App.Services.GetRequiredService<ISmsConnector>();

    /// <summary>Builds the app and maps the page: what <c>MapSmsOutbox</c> throws comes from here.</summary>
    public static WebApplication Build(
        string environment = "Development",
        Action<IServiceCollection>? sms = null,
        Action<WebApplication>? map = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        (sms ?? (services => services.AddSmsConnectors().AddOutbox("dev")))(builder.Services);
        var app = builder.Build();
        (map ?? (app => app.MapSmsOutbox()))(app);
        return app;
    }

    public static async Task<OutboxPageHost> StartAsync(
        string environment = "Development",
        Action<IServiceCollection>? sms = null,
        Action<WebApplication>? map = null,
        TimeProvider? time = null,
        ILoggerProvider? logs = null)
    {
        var app = Build(environment, sms, map, time, logs);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new OutboxPageHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <summary>Sends a passcode through the default (Outbox) connector.</summary>
    public Task<SmsSendResult> SendAsync(string to, string code, string type = "SignIn") =>
        Sms.SendAsync(SmsMessage.ForCode(to, new SmsUsageType(type), code));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
