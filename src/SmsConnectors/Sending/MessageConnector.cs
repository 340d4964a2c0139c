using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Guard;
using SmsConnectors.Logging;
using SmsConnectors.Telemetry;

namespace SmsConnectors.Sending;

/// <summary>
/// The send path of every connector that sends a message itself (the vendors and the Outbox), in
/// one direction: the options in force, their plan, the number parsed, the message prepared (every
/// failure that needs no I/O happens here), then delivered; one "sending" and one "sent" or
/// "failed" log line. A connector supplies the steps and never calls back into this class.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
/// <typeparam name="TPlan">What the connector compiles from one options instance.</typeparam>
/// <typeparam name="TPrepared">A message ready to deliver.</typeparam>
internal abstract class MessageConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TPlan, TPrepared> : ISmsConnector, IRouteStep, IDisposable, IConnectorCondition
    where TOptions : class
    where TPlan : ConnectorPlan<TOptions>
{
    private readonly LastValidOptions<TOptions> _options;
    private readonly ILogger _logger;
    private readonly string _provider;
    private readonly SmsTelemetry _telemetry;
    private readonly TimeProvider _timeProvider;
    private readonly SendGuard _guard;
    private readonly Func<TOptions, TPlan> _createPlan;
    private PlanTaken? _lastPlan;
    private volatile bool _disposed;

    private protected MessageConnector(string name, string provider, IOptionsMonitor<TOptions> options, ConnectorServices services)
    {
        Name = name;
        _provider = provider;
        _telemetry = services.Telemetry;
        _timeProvider = services.TimeProvider;
        _guard = services.Guard;
        _logger = services.LoggerFactory.CreateLogger(SmsLog.CategoryOf(provider));
        _options = new LastValidOptions<TOptions>(name, options, _logger);
        _createPlan = CreatePlan;
    }

    public string Name { get; }

    /// <summary>Gets why the configuration in force is not the current one (a rejected reload), or <see langword="null"/>.</summary>
    internal string? RejectedReload => _options.RejectedReload;

    /// <summary>Gets the logger of this kind of connector, for the delivery step's own lines.</summary>
    private protected ILogger Logger => _logger;

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
        AsTask(SendAsync(message, guarded: true, cancellationToken));

    public Task<SmsSendResult> SendAsRouteStepAsync(SmsMessage message, CancellationToken cancellationToken) =>
        AsTask(SendAsync(message, guarded: false, cancellationToken));

    /// <summary>The send as a task: a completed one at once, else one that waits for the pooled send, whose state is then reused.</summary>
    private static Task<SmsSendResult> AsTask(ValueTask<SmsSendResult> send) =>
        send.IsCompletedSuccessfully ? Task.FromResult(send.Result) : send.AsTask();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmsSendResult> SendAsync(SmsMessage message, bool guarded, CancellationToken cancellationToken)
    {
        SendArguments.Check(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        SmsPhoneNumber? parsed = null;
        var observation = SendObservation.Start(_telemetry, _timeProvider, Name, _provider, message, ActivityKind);
        SendContext<TPlan>? context = null;
        try
        {
            var plan = PlanOf(_options.Current());
            var to = SmsPhoneNumber.Parse(message.To);
            parsed = to;
            observation.Recipient(to);
            SmsLog.Sending(_logger, Name, message, to);
            context = new SendContext<TPlan>(message, to, plan);
            var prepared = Prepare(context);
            var guard = guarded ? _guard.For(message) : null;
            var result = guard is null
                ? await DeliverAsync(context, prepared, cancellationToken).ConfigureAwait(false)
                : await guard.SendAsync(Name, message, to, (Connector: this, Context: context, Prepared: prepared), static (state, token) => state.Connector.DeliverAsync(state.Context, state.Prepared, token), cancellationToken).ConfigureAwait(false);
            if (result.IsReplay)
            {
                SmsLog.Replayed(_logger, Name, to, result);
                observation.Replayed(result);
                return result;
            }

            SmsLog.Sent(_logger, Name, message, to, result);
            observation.Sent(result, context.Attempts);
            return result;
        }
        catch (SmsConnectorException exception)
        {
            exception.ConnectorName ??= Name;
            SmsLog.Failed(_logger, Name, message, parsed?.Masked ?? SmsPhoneNumber.Mask(message.To), exception);
            observation.Failed(exception, context?.Attempts ?? 0);
            throw;
        }
        catch (Exception exception)
        {
            observation.Abandoned(exception);
            throw;
        }
    }

    /// <summary>The plan of <paramref name="options"/>: the one taken last when they are the same instance, else the shared cache's.</summary>
    private TPlan PlanOf(TOptions options)
    {
        if (Volatile.Read(ref _lastPlan) is { } taken && ReferenceEquals(taken.Options, options))
        {
            return taken.Plan;
        }

        var plan = PlanCache<TOptions, TPlan>.Get(options, _createPlan);
        Volatile.Write(ref _lastPlan, new PlanTaken(options, plan));
        return plan;
    }

    /// <summary>Gets the kind of the send's activity: <see cref="ActivityKind.Client"/> for a call to a vendor.</summary>
    private protected virtual ActivityKind ActivityKind => ActivityKind.Internal;

    public ConnectorCondition Condition()
    {
        try
        {
            _options.Current();
        }
        catch (SmsConnectorException exception)
        {
            return new ConnectorCondition(CanSend: false, exception.Message, Circuit: null);
        }

        var circuit = CircuitState();
        var rejected = _options.RejectedReload is { } problems ? $"A reloaded configuration was rejected, so the last valid one is in force: {problems}" : null;
        var open = circuit is "open" or "half-open" ? $"The circuit breaker is {circuit} after repeated failures to reach the vendor." : null;
        return new ConnectorCondition(CanSend: true, rejected ?? open, circuit);
    }

    public object? OptionsInForce()
    {
        try
        {
            return _options.Current();
        }
        catch (SmsConnectorException)
        {
            return null;
        }
    }

    /// <summary>The options a send would use now, for the connector's other calls (its balance, its delivery reports): it refuses a disposed connector.</summary>
    /// <exception cref="ObjectDisposedException">The connector was disposed.</exception>
    /// <exception cref="SmsConnectorException">There never was a valid configuration.</exception>
    private protected TOptions OptionsInForceForOtherCalls()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _options.Current();
    }

    /// <summary>The circuit breaker's state (<c>closed</c>, <c>open</c>, <c>half-open</c>), or <see langword="null"/> without one.</summary>
    private protected virtual string? CircuitState() => null;

    /// <summary>Stops the connector: later sends throw <see cref="ObjectDisposedException"/> and make no request.</summary>
    public void Dispose()
    {
        _disposed = true;
        DisposeDelivery();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the delivery step holds (a rate limiter); nothing by default.</summary>
    private protected virtual void DisposeDelivery()
    {
    }

    /// <summary>Compiles what the connector needs from one options instance; called once per instance.</summary>
    private protected abstract TPlan CreatePlan(TOptions options);

    /// <summary>Prepares the message: selects and renders its template, builds what is sent. No I/O.</summary>
    /// <exception cref="SmsConnectorException">The message cannot be sent as it is.</exception>
    private protected abstract TPrepared Prepare(SendContext<TPlan> context);

    /// <summary>Delivers the prepared message.</summary>
    private protected abstract ValueTask<SmsSendResult> DeliverAsync(SendContext<TPlan> context, TPrepared prepared, CancellationToken cancellationToken);

    /// <summary>An options instance and its plan, taken together.</summary>
    private sealed record PlanTaken(TOptions Options, TPlan Plan);
}
