using System.Diagnostics.CodeAnalysis;
using SmsConnectors.Answers;
using SmsConnectors.Sending;
using SmsConnectors.Transport;

namespace SmsConnectors.Balance;

/// <summary>
/// The balance request of one vendor connector: the options in force (the same last valid ones a
/// send uses), one request per call through the connector's named <see cref="HttpClient"/>
/// (<see cref="VendorTransport"/>, capped read) within the attempt timeout, and every failure as an
/// <see cref="SmsConnectorException"/> with the connector's name, no secret, and
/// <see cref="SmsConnectorException.MayHaveBeenSent"/> <see langword="false"/>. No retry, circuit
/// breaker or rate limit: reading a balance never sends a message, and a caller may simply ask again.
/// </summary>
/// <typeparam name="TOptions">The vendor's options.</typeparam>
internal sealed class BalanceQuery<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>
    where TOptions : SmsVendorOptions
{
    private const string Failed = "Reading the balance failed: ";

    /// <summary>What <see cref="VendorFailure"/> says about a message, which does not apply to a balance request.</summary>
    private static readonly (string Suffix, string Replacement)[] SendingSuffixes =
    [
        (" The message may have been sent.", string.Empty),
        ("; the message may have been sent.", "."),
        ("; nothing was sent.", "."),
    ];

    private readonly string _connectorName;
    private readonly string _vendor;
    private readonly IHttpMessageHandlerFactory _handlerFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the balance request of a connector.</summary>
    /// <param name="connectorName">The connector's name (its client's name and the name on failures).</param>
    /// <param name="vendor">The vendor's name, for failures.</param>
    /// <param name="services">The connector's services.</param>
    public BalanceQuery(string connectorName, string vendor, ConnectorServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _connectorName = connectorName;
        _vendor = vendor;
        _handlerFactory = services.HandlerFactory;
        _timeProvider = services.TimeProvider;
    }

    /// <summary>Gets the time now, on the connector's clock.</summary>
    public DateTimeOffset Now => _timeProvider.GetUtcNow();

    /// <summary>Runs a vendor's balance steps with the options a send would use now; every failure carries the connector's name.</summary>
    /// <param name="optionsInForce">The connector's options in force (the same last valid ones a send uses; it refuses a disposed connector).</param>
    /// <param name="steps">The vendor's balance request and answer reading.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<SmsBalance> RunAsync(Func<TOptions> optionsInForce, Func<BalanceQuery<TOptions>, TOptions, CancellationToken, Task<SmsBalance>> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optionsInForce);
        ArgumentNullException.ThrowIfNull(steps);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await steps(this, optionsInForce(), cancellationToken).ConfigureAwait(false);
        }
        catch (SmsConnectorException exception)
        {
            exception.ConnectorName ??= _connectorName;
            throw;
        }
    }

    /// <summary>Sends one balance request and reads the answer, within the options' attempt timeout.</summary>
    /// <exception cref="SmsConnectorException">No answer could be read; nothing was sent.</exception>
    public async Task<VendorAnswer> SendAsync(HttpRequestMessage request, TOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var timeout = options.Resilience.AttemptTimeout;
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            // Through the same handlers as the connector's sends; the factory disposes them when their lifetime is over.
            using var invoker = new HttpMessageInvoker(_handlerFactory.CreateHandler(ConnectorHttpHandler.ClientName(_connectorName)), disposeHandler: false);
            return await VendorTransport.SendAsync(invoker, request, _vendor, options.MaxResponseBytes, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new SmsConnectorException(
                SmsErrorCode.Timeout,
                $"{Failed}{request.RequestUri?.Authority ?? _vendor} did not answer within the attempt timeout ({timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s).")
            {
                ConnectorName = _connectorName,
                IsTransient = true,
                MayHaveBeenSent = false,
            };
        }
        catch (SmsConnectorException exception)
        {
            throw NothingSent(exception);
        }
    }

    /// <summary>The balance a vendor's rules read, or the failure they read, with the options' secrets (and the request's own, such as a signature) redacted.</summary>
    /// <exception cref="SmsConnectorException">The reading is a failure.</exception>
    public SmsBalance Finish(VendorAnswer answer, BalanceReading reading, TOptions options, IEnumerable<string?>? requestSecrets = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(options);
        if (reading.Failure is not { } verdict)
        {
            return new SmsBalance
            {
                ConnectorName = _connectorName,
                Amount = reading.Amount,
                Currency = reading.Currency,
                RemainingMessages = reading.RemainingMessages,
            };
        }

        var redactor = new Redactor(default, options.Secrets().Concat(requestSecrets ?? []));
        try
        {
            // A failure verdict always throws; the one precedence of every vendor answer decides how.
            AnswerClassifier.Classify(answer, verdict, _connectorName, _vendor, redactor, _timeProvider);
        }
        catch (SmsConnectorException exception)
        {
            throw NothingSent(exception);
        }

        throw new InvalidOperationException("A balance failure must not classify as sent.");
    }

    /// <summary>
    /// The same failure, said of a balance request: nothing was sent, whatever the transport or the
    /// status would mean for a message, and the words about a message are left out.
    /// </summary>
    private SmsConnectorException NothingSent(SmsConnectorException exception)
    {
        var text = exception.ConnectorName is null ? exception.Message : exception.Message[$"SMS connector '{exception.ConnectorName}': ".Length..];
        foreach (var (suffix, replacement) in SendingSuffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                text = text[..^suffix.Length] + replacement;
                break;
            }
        }

        return new SmsConnectorException(exception.Code, Failed + text, exception.InnerException)
        {
            ConnectorName = _connectorName,
            HttpStatus = exception.HttpStatus,
            ProviderCode = exception.ProviderCode,
            ProviderMessage = exception.ProviderMessage,
            RequestId = exception.RequestId,
            RetryAfter = exception.RetryAfter,
            IsTransient = exception.IsTransient || exception.Code == SmsErrorCode.Timeout,
            MayHaveBeenSent = false,
        };
    }
}
