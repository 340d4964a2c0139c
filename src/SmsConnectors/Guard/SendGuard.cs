using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Logging;
using SmsConnectors.Telemetry;
using SmsConnectors.Validation;

namespace SmsConnectors.Guard;

/// <summary>
/// The abuse guard as connectors see it: the plan compiled from the <c>Guard</c> options in force,
/// or <see langword="null"/> while the guard is off. A reload that fails validation keeps the last
/// valid guard, as connectors keep their last valid options.
/// </summary>
internal sealed class SendGuard
{
    private readonly ConditionalWeakTable<SmsGuardOptions, GuardPlan> _plans = [];
    private readonly IOptionsMonitor<SmsConnectorsOptions> _options;
    private readonly GuardStores _stores;
    private readonly GuardServices _services;
    private Taken? _lastTaken;
    private int _warnedAboutKeys;

    public SendGuard(IOptionsMonitor<SmsConnectorsOptions> options, GuardStores stores, TimeProvider timeProvider, ILoggerFactory loggerFactory, SmsTelemetry telemetry)
    {
        _options = options;
        _stores = stores;
        _services = new GuardServices(timeProvider, loggerFactory.CreateLogger(SmsLog.Category), telemetry);
    }

    /// <summary>
    /// The guard in force for <paramref name="message"/>, or <see langword="null"/> when it is off. A
    /// message with an idempotency key the configuration ignores is warned about once, so that an app
    /// does not believe itself protected.
    /// </summary>
    public GuardPlan? For(SmsMessage message)
    {
        var plan = Current();
        if (message.IdempotencyKey is not null && plan is not { HasIdempotency: true } && Interlocked.Exchange(ref _warnedAboutKeys, 1) == 0)
        {
            SmsLog.ConfigurationWarning(_services.Logger, "A message carries an IdempotencyKey, but 'SmsConnectors:Guard:IdempotencyWindow' is not configured (or the guard is off), so idempotency keys are ignored and a repeated send goes out again.");
        }

        return plan;
    }

    /// <summary>The guard in force, or <see langword="null"/> when it is off.</summary>
    public GuardPlan? Current()
    {
        SmsConnectorsOptions options;
        try
        {
            options = _options.CurrentValue;
        }
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
        {
            return Volatile.Read(ref _lastTaken)?.Plan; // a reload the binder could not convert: the guard in force stays
        }

        // An instance is validated once, as it is made, so the guard it gave stays its guard.
        if (Volatile.Read(ref _lastTaken) is { } taken && ReferenceEquals(taken.Options, options))
        {
            return taken.Plan;
        }

        var given = options;
        if (ReloadTolerance.TryGetRejection(options, out var rejection))
        {
            options = (SmsConnectorsOptions)rejection.LastValid;
        }

        var current = options.Guard is { Enabled: true } guard ? (_plans.TryGetValue(guard, out var plan) ? plan : _plans.GetValue(guard, Compile)) : null;
        Volatile.Write(ref _lastTaken, new Taken(given, current));
        return current;
    }

    private GuardPlan Compile(SmsGuardOptions options) =>
        new(options, _stores.Get(options.Store), _services);

    /// <summary>The options instance taken last, and the guard it gave.</summary>
    private sealed record Taken(SmsConnectorsOptions Options, GuardPlan? Plan);
}
