using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;
using SmsConnectors.AspNetCore;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.AspNetCore.DeliveryReports;

/// <summary>
/// A minimal ASP.NET Core app on a test server that maps <c>/sms/delivery-reports</c>, with a fake
/// clock, every log line captured, a recording handler, and vendors played by a MockHttp handler.
/// </summary>
internal sealed class DeliveryReportApp : IAsyncDisposable
{
    public const string Path = "/sms/delivery-reports";

    /// <summary>2026-03-01T12:00:00Z: the clock at start, and the time Seven's vectors are signed at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private DeliveryReportApp(WebApplication app, FakeTimeProvider time, CapturingLoggerProvider logs, RecordingHandler? handler)
    {
        App = app;
        Time = time;
        Logs = logs;
        Handler = handler;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Gets the recording handler, or <see langword="null"/> when the app registers none.</summary>
    public RecordingHandler? Handler { get; }

    /// <summary>Gets every line the endpoint logged (its category only).</summary>
    public IReadOnlyList<CapturedLog> EndpointLogs => [.. Logs.Entries.Where(e => e.Category == SmsConnectorsEndpoints.LogCategory)];

    /// <summary>Starts the app.</summary>
    /// <param name="connectors">Adds the connectors.</param>
    /// <param name="vendor">Plays every vendor named in <paramref name="mocked"/>.</param>
    /// <param name="mocked">The connectors whose HTTP goes to <paramref name="vendor"/>.</param>
    /// <param name="withHandler">Whether the app registers a (recording) handler.</param>
    /// <param name="configure">Adjusts the builder last.</param>
    /// <param name="beforeMap">Adds middleware before the endpoint is mapped.</param>
    /// <param name="options">Configures the endpoint.</param>
    /// <param name="start">The clock's time at start, <see cref="Now"/> unless given.</param>
    public static async Task<DeliveryReportApp> StartAsync(
        Action<SmsConnectorsBuilder> connectors,
        MockHttpMessageHandler? vendor = null,
        IEnumerable<string>? mocked = null,
        bool withHandler = true,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? beforeMap = null,
        Action<SmsDeliveryReportOptions>? options = null,
        DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Now);
        var logs = new CapturingLoggerProvider();
        var handler = withHandler ? new RecordingHandler() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();

        // The test output holds the sample's appsettings.json; this app reads none of it.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders().AddProvider(logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(time);
        var sms = builder.Services.AddSmsConnectors();
        connectors(sms);
        foreach (var name in mocked ?? [])
        {
            sms.ConfigurePrimaryHttpMessageHandler(name, _ => vendor!);
        }

        if (handler is not null)
        {
            builder.Services.AddSingleton<ISmsDeliveryReportHandler>(handler);
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        beforeMap?.Invoke(app);
        app.MapSmsDeliveryReports(Path, options);
        await app.StartAsync();
        return new DeliveryReportApp(app, time, logs, handler);
    }

    /// <summary>The connector registered under <paramref name="name"/>.</summary>
    public ISmsConnector Connector(string name) => App.Services.GetRequiredKeyedService<ISmsConnector>(name);

    /// <summary>Posts <paramref name="body"/> to <c>/sms/delivery-reports/{connector}</c> (plus <paramref name="query"/>) with the given headers.</summary>
    public Task<HttpResponseMessage> PostAsync(string connector, string body, IEnumerable<(string Name, string Value)>? headers = null, string query = "") =>
        PostAsync(connector, new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body)), headers, query);

    /// <summary>Posts <paramref name="content"/> as it is (JSON unless it says otherwise).</summary>
    public Task<HttpResponseMessage> PostAsync(string connector, HttpContent content, IEnumerable<(string Name, string Value)>? headers = null, string query = "")
    {
        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Path}/{connector}{query}") { Content = content };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Client.SendAsync(request);
    }

    /// <summary>Seven's signature headers of the vectors in <c>SevenDeliveryReportTests</c>.</summary>
    public static (string, string)[] SevenHeaders(string signature, string nonce = Seven.SevenDeliveryReportTests.Nonce, long timestamp = Seven.SevenDeliveryReportTests.Timestamp) =>
    [
        ("X-Signature", signature),
        ("X-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-Nonce", nonce),
    ];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static MockHttpMessageHandler Vendor(string body, HttpStatusCode status = HttpStatusCode.OK)
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(status, "application/json", body);
        return mock;
    }
}

/// <summary>A handler that records every report it gets, and fails when told to.</summary>
internal sealed class RecordingHandler : ISmsDeliveryReportHandler
{
    private readonly ConcurrentQueue<SmsDeliveryReport> _reports = new();

    public IReadOnlyList<SmsDeliveryReport> Reports => [.. _reports];

    /// <summary>Gets or sets what runs for each report after it is recorded (throw to fail).</summary>
    public Action<SmsDeliveryReport>? OnReport { get; set; }

    public Task HandleAsync(SmsDeliveryReport report, CancellationToken cancellationToken)
    {
        _reports.Enqueue(report);
        OnReport?.Invoke(report);
        return Task.CompletedTask;
    }
}

/// <summary>Records the library's measurements in one app (a <see cref="MeterListener"/> scoped to its <see cref="IMeterFactory"/>).</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, string Tags, long Value)> _measurements = [];

    public MeasurementRecorder(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SmsConnectorsDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var text = string.Join(",", tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, text, value));
            }
        });
        _listener.Start();
    }

    /// <summary>The sums of <paramref name="instrument"/> by tags, as <c>tags: sum</c>, sorted.</summary>
    public List<string> Sums(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument).GroupBy(m => m.Tags).Select(g => $"{g.Key}: {g.Sum(m => m.Value)}").Order(StringComparer.Ordinal)];
        }
    }

    public void Dispose() => _listener.Dispose();
}
