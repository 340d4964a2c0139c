using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// One send of the Generic HTTP connector against a handler that answers at once, in four
/// configurations: plain; with an activity listener and a meter listener on the library's source
/// and meter; with the abuse guard on its memory store; and with both. Every configuration sends
/// the same rotation of messages (4,096 numbers, each with its own client IP, so a number is sent
/// to again after 4,095 others) and builds its own provider; one more sends with the guard to a
/// number it has not seen lately every time (131,072 numbers, more than it remembers). Listeners are process-wide, so they exist only while an observed benchmark runs, and
/// every setup checks that they are attached exactly when they should be.
/// </summary>
[MemoryDiagnoser]
public class ObservedSendBenchmarks
{
    /// <summary>How many distinct recipients (and client IPs) the sends rotate through.</summary>
    private const int Recipients = 1 << 12;

    /// <summary>How many the first-send benchmark rotates through: more than the guard remembers.</summary>
    private const int NewRecipients = 1 << 17;

    private static readonly Uri BaseAddress = new("http://127.0.0.1:5999/");

    private static readonly SmsMessage[] Messages = [.. Enumerable.Range(0, Recipients).Select(MessageTo)];

    private static readonly Lazy<SmsMessage[]> NewMessages = new(() => [.. Enumerable.Range(0, NewRecipients).Select(MessageTo)]);

    private SmsMessage[] _messages = Messages;

    private ServiceProvider _provider = null!;
    private ISmsConnector _connector = null!;
    private ActivityListener? _activityListener;
    private MeterListener? _meterListener;
    private int _next;
    private long _activities;
    private long _longSum;
    private double _doubleSum;

    [GlobalSetup(Target = nameof(Plain))]
    public void SetupPlain() => Setup(guard: false, observe: false);

    [GlobalSetup(Target = nameof(Observed))]
    public void SetupObserved() => Setup(guard: false, observe: true);

    [GlobalSetup(Target = nameof(Guarded))]
    public void SetupGuarded() => Setup(guard: true, observe: false);

    [GlobalSetup(Target = nameof(GuardedObserved))]
    public void SetupGuardedObserved() => Setup(guard: true, observe: true);

    [GlobalSetup(Target = nameof(GuardedFirstSend))]
    public void SetupGuardedFirstSend()
    {
        _messages = NewMessages.Value;
        Setup(guard: true, observe: false);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _activityListener?.Dispose();
        _meterListener?.Dispose();
        (_activityListener, _meterListener) = (null, null);
        await _provider.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<SmsSendResult> Plain() => Send();

    [Benchmark]
    public Task<SmsSendResult> Observed() => Send();

    [Benchmark]
    public Task<SmsSendResult> Guarded() => Send();

    [Benchmark]
    public Task<SmsSendResult> GuardedObserved() => Send();

    [Benchmark]
    public Task<SmsSendResult> GuardedFirstSend() => Send();

    /// <summary>
    /// A provider with the Http connector, and with the guard on its memory store when
    /// <paramref name="guard"/>. The guard counts every send per number and per IP, with limits no
    /// run reaches and one-second windows: a sliding-window store keeps every send of its window,
    /// so at benchmark rates (hundreds of thousands a second) an hour's window would fill the
    /// store with millions of entries, while one second keeps it at about the size a busy
    /// service's store has with hour windows. A refused send throws, which fails the benchmark.
    /// </summary>
    private static ServiceProvider Build(bool guard)
    {
        var services = new ServiceCollection();
        var builder = services.AddSmsConnectors()
            .AddHttp("sms", o => o.Endpoint = new Uri(BaseAddress, "sms").AbsoluteUri)
            .ConfigurePrimaryHttpMessageHandler(_ => new FixedAnswerHandler(Vendors.SuccessAnswer(Vendor.Http)));
        if (guard)
        {
            builder.AddGuard(o =>
            {
                o.PerNumber = new SmsGuardLimit { Limit = 1_000_000_000, Window = TimeSpan.FromSeconds(1) };
                o.PerIp = new SmsGuardLimit { Limit = 1_000_000_000, Window = TimeSpan.FromSeconds(1) };
                o.Store = "Memory";
            });
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A German mobile number of its own (+49 151 1xxxxxxx) and a client IP of its own in 198.18.0.0/15, the benchmarking range.</summary>
    private static SmsMessage MessageTo(int index) =>
        SmsMessage.ForCode(
            "+49151" + (10_000_000 + index).ToString(CultureInfo.InvariantCulture),
            SmsUsageType.SignIn,
            "482913") with
        {
            Ip = $"198.{18 + (index >> 16)}.{(index >> 8) & 0xFF}.{index & 0xFF}",
        };

    /// <summary>Whether anything listens to the library's activity source and meter, seen through a probe of the same names.</summary>
    private static (bool Activities, bool Metrics) Listened()
    {
        using var source = new ActivitySource(SmsConnectorsDiagnostics.ActivitySourceName);
        using var meter = new Meter(SmsConnectorsDiagnostics.MeterName);
        return (source.HasListeners(), meter.CreateCounter<long>("benchmark.probe").Enabled);
    }

    private Task<SmsSendResult> Send() => _connector.SendAsync(_messages[_next++ & (_messages.Length - 1)]);

    /// <summary>
    /// Synchronous on purpose: BenchmarkDotNet's in-process toolchain (the CI smoke run) drops an
    /// exception from an asynchronous setup and runs the benchmark anyway.
    /// </summary>
    private void Setup(bool guard, bool observe)
    {
        if (observe)
        {
            _activityListener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SmsConnectorsDiagnostics.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _ => _activities++,
            };
            ActivitySource.AddActivityListener(_activityListener);

            _meterListener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == SmsConnectorsDiagnostics.MeterName)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _meterListener.SetMeasurementEventCallback<long>((_, value, _, _) => _longSum += value);
            _meterListener.SetMeasurementEventCallback<double>((_, value, _, _) => _doubleSum += value);
            _meterListener.SetMeasurementEventCallback<int>((_, value, _, _) => _longSum += value);
            _meterListener.Start();
        }

        if (Listened() != (observe, observe))
        {
            throw new InvalidOperationException($"Expected listeners on the library's source and meter: {observe}; found {Listened()}. A listener from another benchmark is still attached.");
        }

        _provider = Build(guard);
        _connector = _provider.GetRequiredService<ISmsConnector>();

        // Every recipient once: each is a valid number the guard lets through, and the store and
        // the JIT are warm before the first measurement.
        var (longSum, activities) = (_longSum, _activities);
        foreach (var message in _messages)
        {
            var result = _connector.SendAsync(message).GetAwaiter().GetResult();
            if (result.MessageId != "hook-msg-7781")
            {
                throw new InvalidOperationException($"The setup send to {message.To} returned {result}.");
            }
        }

        if (observe && (_activities - activities < _messages.Length || _longSum - longSum < _messages.Length))
        {
            throw new InvalidOperationException($"The listeners saw {_activities - activities} activities and counted {_longSum - longSum} in {_messages.Length} sends.");
        }

        _next = 0;
    }
}
