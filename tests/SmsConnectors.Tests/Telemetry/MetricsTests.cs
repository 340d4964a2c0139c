using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Telemetry;

/// <summary>The instruments count exactly what happened, read with a <see cref="MeterListener"/> scoped to one service provider.</summary>
public class MetricsTests
{
    private const string Number = "+4915112345678";

    [Fact]
    public async Task Sends_durations_and_attempts_count_known_sends_failures_and_retries()
    {
        var answers = new Queue<HttpResponseMessage>(
        [
            Answer(HttpStatusCode.OK, """{"success":"100","messages":[{"id":"1","success":true}]}"""),
            Answer(HttpStatusCode.ServiceUnavailable, "busy"),
            Answer(HttpStatusCode.OK, """{"success":"100","messages":[{"id":"2","success":true}]}"""),
            Answer(HttpStatusCode.OK, "900"),
        ]);
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(_ => answers.Dequeue());
        await using var provider = TestHost.Build(
            services => services.AddSmsConnectors().AddSeven("seven", o =>
            {
                (o.ApiKey, o.Templates) = ("k", [new() { UsageType = "Generic", Content = "Code {{code}}" }]);
                (o.Resilience.Retry.BaseDelay, o.Resilience.Retry.UseJitter) = (TimeSpan.Zero, false);
            }),
            mock,
            ["seven"]);
        using var recorder = new Recorder(provider.GetRequiredService<IMeterFactory>());
        var connector = provider.GetRequiredService<ISmsConnector>();

        await connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1"));
        await connector.SendAsync(SmsMessage.ForCode(Number, new SmsUsageType("Welcome"), "2"));
        await Assert.ThrowsAsync<SmsConnectorException>(() => connector.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "3")));

        Assert.Equal(
            [
                "sms.connector=seven,sms.outcome=failed,sms.provider=Seven,sms.usage_type=SignIn,error.type=AuthorizationFailed: 1",
                "sms.connector=seven,sms.outcome=sent,sms.provider=Seven,sms.usage_type=Other: 1",
                "sms.connector=seven,sms.outcome=sent,sms.provider=Seven,sms.usage_type=SignIn: 1",
            ],
            recorder.Sums("sms.sends"));
        Assert.Equal(3, recorder.Count("sms.send.duration"));
        Assert.All(recorder.Values("sms.send.duration"), seconds => Assert.InRange(seconds, 0, 30));
        Assert.Equal(
            [
                "sms.connector=seven,sms.provider=Seven,sms.retried=False: 3",
                "sms.connector=seven,sms.provider=Seven,sms.retried=True: 1",
            ],
            recorder.Sums("sms.attempts"));
    }

    [Fact]
    public async Task The_circuit_gauge_reports_each_connector_closed_then_open()
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Respond(_ => Answer(HttpStatusCode.ServiceUnavailable, "busy"));
        await using var provider = TestHost.Build(
            services => services.AddSmsConnectors()
                .AddHttp("hook", o =>
                {
                    o.Endpoint = "https://hooks.example.com/sms";
                    o.Resilience.Retry.MaxRetryAttempts = 0;
                    (o.Resilience.CircuitBreaker.MinimumThroughput, o.Resilience.CircuitBreaker.FailureRatio) = (2, 0.5);
                })
                .AddHttp("other", o => o.Endpoint = "https://other.example.com/sms")
                .SetDefaultConnector("hook"),
            mock,
            ["hook", "other"]);
        using var recorder = new Recorder(provider.GetRequiredService<IMeterFactory>());
        var hook = provider.GetRequiredService<ISmsConnector>();
        _ = provider.GetRequiredKeyedService<ISmsConnector>("other");

        await Assert.ThrowsAsync<SmsConnectorException>(() => hook.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "1")));
        recorder.Observe();
        var afterOneFailure = recorder.Latest("sms.circuit.state");
        await Assert.ThrowsAsync<SmsConnectorException>(() => hook.SendAsync(SmsMessage.ForCode(Number, SmsUsageType.SignIn, "2")));
        recorder.Observe();

        Assert.Equal(["sms.connector=hook: 0", "sms.connector=other: 0"], afterOneFailure);
        Assert.Equal(["sms.connector=hook: 1", "sms.connector=other: 0"], recorder.Latest("sms.circuit.state"));
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body) => new(status) { Content = new StringContent(body) };

    /// <summary>Records the measurements of one provider's meter (other tests' meters of the same name are ignored).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, string Tags, double Value)> _measurements = [];

        public Recorder(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == SmsConnectorsDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _listener.Start();
        }

        public void Observe()
        {
            lock (_measurements)
            {
                _measurements.RemoveAll(m => m.Instrument == "sms.circuit.state");
            }

            _listener.RecordObservableInstruments();
        }

        public List<string> Sums(string instrument) =>
            [.. Of(instrument).GroupBy(m => m.Tags).Select(g => $"{g.Key}: {g.Sum(m => m.Value)}").Order(StringComparer.Ordinal)];

        public List<string> Latest(string instrument) =>
            [.. Of(instrument).GroupBy(m => m.Tags).Select(g => $"{g.Key}: {g.Last().Value}").Order(StringComparer.Ordinal)];

        public int Count(string instrument) => Of(instrument).Count;

        public List<double> Values(string instrument) => [.. Of(instrument).Select(m => m.Value)];

        public void Dispose() => _listener.Dispose();

        private List<(string Instrument, string Tags, double Value)> Of(string instrument)
        {
            lock (_measurements)
            {
                return [.. _measurements.Where(m => m.Instrument == instrument)];
            }
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = string.Join(",", tags.ToArray().OrderBy(t => t.Key == "error.type" ? 1 : 0).ThenBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, text, value));
            }
        }
    }
}
