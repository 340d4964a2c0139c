using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SmsConnectors.Telemetry;

/// <summary>
/// The library's activity source and instruments. Nothing is computed for a listener that is not
/// there: an activity exists only while someone listens to the source, and each instrument is
/// measured only while it is enabled.
/// </summary>
internal sealed class SmsTelemetry : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly ConcurrentDictionary<string, Func<int>> _circuits = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/> (or one of its own when there is none).</summary>
    public SmsTelemetry(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(SmsConnectorsDiagnostics.MeterName) ?? new Meter(SmsConnectorsDiagnostics.MeterName);
        Sends = _meter.CreateCounter<long>("sms.sends", "{send}", "Messages connectors sent or failed to send, by outcome.");
        Duration = _meter.CreateHistogram<double>("sms.send.duration", "s", "How long sends took, retries and waits included.");
        Attempts = _meter.CreateCounter<long>("sms.attempts", "{attempt}", "HTTP attempts made to vendors, first tries and retries.");
        Segments = _meter.CreateCounter<long>("sms.segments", "{segment}", "SMS segments of the messages sent, by encoding.");
        GuardRefusals = _meter.CreateCounter<long>("sms.guard.refusals", "{refusal}", "Sends the abuse guard refused, by reason.");
        _meter.CreateObservableGauge("sms.circuit.state", ObserveCircuits, "{state}", "Each vendor connector's circuit breaker: 0 closed, 1 open, 2 half-open.");
    }

    /// <summary>The source of every send's activity.</summary>
    public static ActivitySource Source { get; } = new(SmsConnectorsDiagnostics.ActivitySourceName);

    public Counter<long> Sends { get; }

    public Histogram<double> Duration { get; }

    public Counter<long> Attempts { get; }

    public Counter<long> Segments { get; }

    public Counter<long> GuardRefusals { get; }

    /// <summary>Reports <paramref name="connectorName"/>'s circuit state on the gauge from now on.</summary>
    public void TrackCircuit(string connectorName, Func<int> state) => _circuits[connectorName] = state;

    /// <summary>Stops reporting <paramref name="connectorName"/>'s circuit state.</summary>
    public void ForgetCircuit(string connectorName) => _circuits.TryRemove(connectorName, out _);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<int>> ObserveCircuits() =>
        _circuits.Select(circuit => new Measurement<int>(circuit.Value(), new KeyValuePair<string, object?>(SmsTags.Connector, circuit.Key)));
}
