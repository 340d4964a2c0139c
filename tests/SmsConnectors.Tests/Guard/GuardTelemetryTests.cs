using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SmsConnectors.Tests.Infrastructure;

namespace SmsConnectors.Tests.Guard;

/// <summary>Refusals are counted by reason and marked on the send's activity; replays are counted apart from sends.</summary>
[Collection(TimingSensitive.Name)]
public sealed class GuardTelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();

    public GuardTelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SmsConnectorsDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _trace)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Refusals_are_counted_by_reason_and_traced_and_replays_are_counted_as_replayed()
    {
        await using var host = GuardHost.Create("""{ "IdempotencyWindow": "00:10:00", "PerNumber": { "Limit": 1, "Window": "01:00:00" } }""");
        var measurements = new ConcurrentQueue<(string Instrument, string Tags, long Value)>();
        using var meters = new MeterListener();
        var scope = host.Provider.GetRequiredService<IMeterFactory>();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SmsConnectorsDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}").Order(StringComparer.Ordinal)), value)));
        meters.Start();

        using (var parent = new Activity("test"))
        {
            parent.SetParentId(_trace, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
            parent.Start();
            await host.SendAsync("+4915112345678", key: "a");
            await host.SendAsync("+4915112345678", key: "a");
            await host.RefusedAsync("+4915112345678", key: "b");
            await host.RefusedAsync("+449012345678");
        }

        Assert.Equal(
            ["reason=number_type_not_allowed,sms.connector=hook: 1", "reason=per_number,sms.connector=hook: 1"],
            Sums("sms.guard.refusals"));
        Assert.Equal(
            [
                "error.type=RateLimitExceeded,sms.connector=hook,sms.outcome=failed,sms.provider=Http,sms.usage_type=SignIn: 1",
                "error.type=RecipientNotAllowed,sms.connector=hook,sms.outcome=failed,sms.provider=Http,sms.usage_type=SignIn: 1",
                "sms.connector=hook,sms.outcome=replayed,sms.provider=Http,sms.usage_type=SignIn: 1",
                "sms.connector=hook,sms.outcome=sent,sms.provider=Http,sms.usage_type=SignIn: 1",
            ],
            Sums("sms.sends"));

        var sends = _stopped.Where(a => a.OperationName == "sms send").ToList();
        Assert.Equal(4, sends.Count);
        Assert.Equal(true, sends[1].GetTagItem("sms.idempotency.replay"));
        Assert.Equal("replayed", sends[1].GetTagItem("sms.outcome"));
        Assert.Equal(
            ["per_number", "number_type_not_allowed"],
            sends.SelectMany(a => a.Events).Where(e => e.Name == "sms.guard.refused").Select(e => e.Tags.Single(t => t.Key == "reason").Value));
        Assert.Equal(["RateLimitExceeded", "RecipientNotAllowed"], sends.Skip(2).Select(a => a.GetTagItem("error.type")));

        List<string> Sums(string instrument) =>
            [.. measurements.Where(m => m.Instrument == instrument).GroupBy(m => m.Tags).Select(g => $"{g.Key}: {g.Sum(m => m.Value)}").Order(StringComparer.Ordinal)];
    }
}
