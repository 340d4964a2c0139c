using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Logging;
using SmsConnectors.Validation;

namespace SmsConnectors.Sending;

/// <summary>
/// A connector's options in force: the current ones, or, when a reload cannot be bound or fails
/// validation, the last valid ones, so that a typo in a hot-edited configuration does not stop
/// sending. The rejected reload is logged once as an error naming the connector and the key.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal sealed class LastValidOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(string connectorName, IOptionsMonitor<TOptions> monitor, ILogger logger)
    where TOptions : class
{
    private readonly Lock _lock = new();
    private TOptions? _lastValid;
    private string? _rejected;

    /// <summary>Gets why the configuration in force is not the current one, or <see langword="null"/> when it is.</summary>
    public string? RejectedReload => Volatile.Read(ref _rejected);

    /// <summary>Returns the options in force.</summary>
    /// <exception cref="SmsConnectorException">There never was a valid configuration (<see cref="SmsErrorCode.InvalidConfig"/>).</exception>
    public TOptions Current()
    {
        string problems;
        try
        {
            var options = monitor.Get(connectorName);

            // An instance is validated once, as it is made: one taken before was valid and still is.
            if (ReferenceEquals(options, Volatile.Read(ref _lastValid)))
            {
                return options;
            }

            if (ReloadTolerance.TryGetRejection(options, out var rejection))
            {
                return Fallback(string.Join(" ", rejection.Problems.Select(WithoutPrefix)), (TOptions)rejection.LastValid);
            }

            lock (_lock)
            {
                (_lastValid, _rejected) = (options, null);
            }

            return options;
        }
        catch (OptionsValidationException exception)
        {
            problems = string.Join(" ", exception.Failures.Select(WithoutPrefix));
        }
        catch (InvalidOperationException exception)
        {
            // The binder could not convert a value ("MaxResponseBytes": "lots").
            problems = exception.Message;
        }

        return Fallback(problems, lastValidBeforeThisConnector: null);
    }

    private TOptions Fallback(string problems, TOptions? lastValidBeforeThisConnector)
    {
        lock (_lock)
        {
            _lastValid ??= lastValidBeforeThisConnector;
            if (_lastValid is null)
            {
                throw new SmsConnectorException(SmsErrorCode.InvalidConfig, problems) { MayHaveBeenSent = false };
            }

            if (!string.Equals(_rejected, problems, StringComparison.Ordinal))
            {
                _rejected = problems;
                SmsLog.ReloadRejected(logger, connectorName, problems);
            }

            return _lastValid;
        }
    }

    /// <summary>A validation failure without its "SMS connector 'name': " prefix, which the exception adds once.</summary>
    private string WithoutPrefix(string failure)
    {
        var prefix = $"SMS connector '{connectorName}': ";
        return failure.StartsWith(prefix, StringComparison.Ordinal) ? failure[prefix.Length..] : failure;
    }
}
