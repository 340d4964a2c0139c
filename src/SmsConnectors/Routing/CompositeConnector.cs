using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Guard;
using SmsConnectors.Logging;
using SmsConnectors.Sending;
using SmsConnectors.Telemetry;

namespace SmsConnectors.Routing;

/// <summary>
/// A connector that sends through other connectors. It logs only its routing decisions and its own
/// failures: the connector that sends logs the "sending" and "sent" lines.
/// </summary>
/// <typeparam name="TOptions">The composite's options.</typeparam>
internal abstract class CompositeConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : ISmsConnector, IRouteStep, IDisposable, IConnectorCondition
    where TOptions : class
{
    private readonly LastValidOptions<TOptions> _options;
    private readonly string _provider;
    private readonly SendGuard _guard;
    private volatile bool _disposed;

    private protected CompositeConnector(string name, string provider, IOptionsMonitor<TOptions> options, ISmsConnectorProvider connectors, ILoggerFactory loggerFactory, SendGuard guard)
    {
        _guard = guard;
        Name = name;
        _provider = provider;
        Connectors = connectors;
        Logger = loggerFactory.CreateLogger(SmsLog.CategoryOf(provider));
        _options = new LastValidOptions<TOptions>(name, options, Logger);
    }

    public string Name { get; }

    private protected ISmsConnectorProvider Connectors { get; }

    private protected ILogger Logger { get; }

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(message, guarded: true, cancellationToken);

    public Task<SmsSendResult> SendAsRouteStepAsync(SmsMessage message, CancellationToken cancellationToken) =>
        SendAsync(message, guarded: false, cancellationToken);

    private async Task<SmsSendResult> SendAsync(SmsMessage message, bool guarded, CancellationToken cancellationToken)
    {
        SendArguments.Check(message);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var masked = SmsPhoneNumber.Mask(message.To);
        var observation = SendObservation.Start(telemetry: null, TimeProvider.System, Name, _provider, message, ActivityKind.Internal);
        try
        {
            var options = _options.Current();
            var to = SmsPhoneNumber.Parse(message.To);
            masked = to.Masked;
            observation.Recipient(to);
            var guard = guarded ? _guard.For(message) : null;
            var result = guard is null
                ? await RouteAsync(options, message, to, cancellationToken).ConfigureAwait(false)
                : await guard.SendAsync(Name, message, to, (Connector: this, Options: options, Message: message, To: to), static (state, token) => new ValueTask<SmsSendResult>(state.Connector.RouteAsync(state.Options, state.Message, state.To, token)), cancellationToken).ConfigureAwait(false);
            if (result.IsReplay)
            {
                observation.Replayed(result);
                return result;
            }

            observation.Sent(result, attempts: 1);
            return result;
        }
        catch (SmsConnectorException exception)
        {
            exception.ConnectorName ??= Name;
            SmsLog.Failed(Logger, Name, message, masked, exception);
            observation.Failed(exception, Math.Max(1, exception.Attempts.Count));
            throw;
        }
        catch (Exception exception)
        {
            observation.Abandoned(exception);
            throw;
        }
    }

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

        return new ConnectorCondition(
            CanSend: true,
            _options.RejectedReload is { } problems ? $"A reloaded configuration was rejected, so the last valid one is in force: {problems}" : null,
            Circuit: null);
    }

    public object? OptionsInForce() => null;

    /// <summary>Stops the connector: later sends throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        _disposed = true;
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends <paramref name="message"/> through <paramref name="connector"/> as a step of this route: the guard applied here already.</summary>
    private protected static Task<SmsSendResult> SendThroughAsync(ISmsConnector connector, SmsMessage message, CancellationToken cancellationToken) =>
        connector is IRouteStep step ? step.SendAsRouteStepAsync(message, cancellationToken) : connector.SendAsync(message, cancellationToken);

    /// <summary>Sends <paramref name="message"/> through the connectors the options name.</summary>
    private protected abstract Task<SmsSendResult> RouteAsync(TOptions options, SmsMessage message, SmsPhoneNumber to, CancellationToken cancellationToken);
}
