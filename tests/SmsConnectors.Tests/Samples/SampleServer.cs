using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsConnectors.Outbox;
using SmsConnectors.Samples.WebApi;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// The sample API built by <see cref="SampleApp.Build"/> on a real Kestrel server on 127.0.0.1,
/// with its appsettings.json (copied to the test output), the given clock, no Outbox file, and
/// <paramref name="settings"/> as command-line configuration (for example another default connector),
/// no telemetry on the console, and <paramref name="configure"/> applied last.
/// </summary>
public sealed class SampleServer : IAsyncDisposable
{
    private SampleServer(WebApplication app, HttpClient client) => (App, Client) = (app, client);

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public ISmsOutbox Outbox => App.Services.GetRequiredService<ISmsOutbox>();

    public static async Task<SampleServer> StartAsync(TimeProvider time, IEnumerable<string>? settings = null, ILoggerProvider? logs = null, Action<WebApplicationBuilder>? configure = null)
    {
        string[] args = ["--contentRoot", AppContext.BaseDirectory, "--urls", "http://127.0.0.1:0", "--OpenTelemetry:Exporter=none", .. settings ?? []];
        var app = SampleApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }

            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SmsConnectors:Connectors:dev:filePath"] = string.Empty,
            });
            builder.Services.AddSingleton(time);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return new SampleServer(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
