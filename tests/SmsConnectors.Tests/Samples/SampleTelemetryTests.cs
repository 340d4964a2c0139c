using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Samples;

/// <summary>
/// The sample exports the library's traces and metrics with OpenTelemetry: a passcode request is one
/// <c>sms send</c> activity and one <c>sms.sends</c> count, served to Prometheus and sent over OTLP.
/// Its tests that record traces run alone: a tracer provider listens to every activity source in the
/// process, and the trace context it adds to HTTP requests would reach other tests' loopback vendors.
/// </summary>
[Collection(RecordsTraces.Name)]
public sealed class SampleTelemetryTests
{
    private const string Phone = "+4915112345678";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_passcode_request_is_one_sms_send_activity_in_the_requests_trace()
    {
        var exported = new ExportedActivities();
        await using var sample = await SampleServer.StartAsync(_time, configure: builder =>
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(exported)));

        using var request = new Activity("passcode request") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start();
        var response = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        request.Stop();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var send = Assert.Single(
            exported.Snapshot(),
            activity => activity.TraceId == request.TraceId && activity.Source.Name == SmsConnectorsDiagnostics.ActivitySourceName);
        Assert.Equal("sms send", send.OperationName);
        Assert.Equal("sms send dev", send.DisplayName);
        Assert.Equal(ActivityKind.Internal, send.Kind);
        Assert.Equal(ActivityStatusCode.Unset, send.Status);
        // The Outbox makes no HTTP attempt; its message id is the id of its line.
        Assert.Equal(
            [
                ("sms.attempts", "0"),
                ("sms.connector", "dev"),
                ("sms.destination.calling_code", "49"),
                ("sms.encoding", "Gsm7"),
                ("sms.outcome", "sent"),
                ("sms.provider", "Outbox"),
                ("sms.segments", "1"),
                ("sms.usage_type", "SignIn"),
            ],
            send.TagObjects.Where(tag => tag.Key != "sms.message_id").Select(tag => (tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture))).Order());
        Assert.NotNull(send.GetTagItem("sms.message_id"));
        Assert.DoesNotContain(send.TagObjects, tag => Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture)!.Contains("15112345678", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_passcode_request_counts_one_sent_message_on_the_apps_meter()
    {
        await using var sample = await SampleServer.StartAsync(_time);
        var sends = new List<(long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == sample.App.Services.GetRequiredService<IMeterFactory>() && instrument.Name == "sms.sends")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (sends)
            {
                sends.Add((value, string.Join(",", tags.ToArray().Select(tag => $"{tag.Key}={tag.Value}").Order())));
            }
        });
        listener.Start();

        var response = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        lock (sends)
        {
            Assert.Equal([(1L, "sms.connector=dev,sms.outcome=sent,sms.provider=Outbox,sms.usage_type=SignIn")], sends);
        }
    }

    [Fact]
    public async Task Metrics_answers_prometheus_text_with_the_messages_sent()
    {
        await using var sample = await SampleServer.StartAsync(_time);

        var requested = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        var metrics = await sample.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        var text = await metrics.Content.ReadAsStringAsync();
        Assert.Contains(
            text.Split('\n'),
            line => line.StartsWith("sms_sends_total{", StringComparison.Ordinal)
                && line.Contains("sms_connector=\"dev\"", StringComparison.Ordinal)
                && line.Contains("sms_outcome=\"sent\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_send_is_exported_over_otlp()
    {
        await using var collector = await LoopbackServer.StartAsync(200, "application/x-protobuf", string.Empty);
        await using var sample = await SampleServer.StartAsync(_time, settings:
        [
            $"--OpenTelemetry:Otlp:Endpoint={collector.BaseAddress}",
            "--OpenTelemetry:Otlp:Protocol=HttpProtobuf",
        ]);

        var response = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });
        Assert.True(sample.App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var traces = collector.Requests.Where(request => request.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, request => Assert.Equal(("POST", "application/x-protobuf"), (request.Method, request.Header("Content-Type"))));
        Assert.Contains(traces, request => Encoding.UTF8.GetString(request.Body).Contains("sms send dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_exporter_no_trace_is_recorded_and_no_trace_context_reaches_the_vendor()
    {
        await using var vendor = await LoopbackServer.StartAsync(200, "application/json", "{}");
        await using var sample = await SampleServer.StartAsync(_time, settings:
        [
            "--SmsConnectors:DefaultConnector=hook",
            "--SmsConnectors:Connectors:hook:Provider=Http",
            $"--SmsConnectors:Connectors:hook:endpoint={vendor.BaseAddress}sms",
        ]);

        var response = await sample.Client.PostAsJsonAsync("/passcodes", new { phone = Phone, type = "SignIn" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(vendor.Requests);
        Assert.Null(sent.Header("traceparent"));
    }

    [Fact]
    public async Task An_unknown_exporter_fails_at_startup_and_names_the_choices()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => SampleServer.StartAsync(_time, settings: ["--OpenTelemetry:Exporter=zipkin"]));

        Assert.Equal("OpenTelemetry:Exporter is 'zipkin'; it must be 'console' or 'none'.", failure.Message);
    }

    /// <summary>What the in-memory exporter hands over, readable while other hosts in the test process still export.</summary>
    private sealed class ExportedActivities : Collection<Activity>
    {
        private readonly Lock _lock = new();

        public Activity[] Snapshot()
        {
            lock (_lock)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_lock)
            {
                base.InsertItem(index, item);
            }
        }
    }
}

/// <summary>Tests that record traces, run after every other test and one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecordsTraces
{
    public const string Name = "Records traces";
}
