using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmsConnectors.Resilience;

namespace SmsConnectors;

/// <summary>
/// The HTTP part every vendor connector shares: a fresh request for each host tried, the named
/// <see cref="HttpClient"/>, a capped read of the answer, and one classification of transport
/// failures. A vendor connector only builds its request and reads its answer.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal abstract class HttpSmsConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : SmsConnector<TOptions>
    where TOptions : HttpSmsConnectorOptions
{
    private readonly IHttpClientFactory _httpClientFactory;
    private SendPipeline? _pipeline;
    private Addresses? _addresses;

    protected HttpSmsConnector(string name, IOptionsMonitor<TOptions> options, SmsConnectorServices services, ILogger logger)
        : base(name, options, logger)
    {
        _httpClientFactory = services.HttpClientFactory;
        TimeProvider = services.TimeProvider;
    }

    protected TimeProvider TimeProvider { get; }

    /// <summary>
    /// The base addresses to try in order; the next is tried only when the previous could not be
    /// connected to. Called once per options instance (at the first send after start or a reload).
    /// </summary>
    protected abstract IReadOnlyList<Uri> BaseAddresses(TOptions options);

    /// <summary>Builds the vendor request for one attempt at <paramref name="baseAddress"/>; called anew for every attempt.</summary>
    protected abstract HttpRequestMessage CreateRequest(SmsSendContext<TOptions> context, Uri baseAddress);

    /// <summary>Classifies the vendor's answer: returns the result, or throws <see cref="SmsConnectorException"/>.</summary>
    protected abstract SmsSendResult ReadResponse(SmsSendContext<TOptions> context, VendorResponse response);

    protected sealed override Task<SmsSendResult> SendCoreAsync(SmsSendContext<TOptions> context, CancellationToken cancellationToken) =>
        SendPipeline.For(ref _pipeline, context.Options, TimeProvider, Name).ExecuteAsync(
            static (state, tracker, token) => state.Connector.AttemptAsync(state.Context, tracker, token),
            (Connector: this, Context: context),
            cancellationToken);

    /// <summary>One attempt: each base address in turn while the connection cannot be made, then the vendor's answer.</summary>
    private async Task<SmsSendResult> AttemptAsync(SmsSendContext<TOptions> context, AttemptTracker tracker, CancellationToken cancellationToken)
    {
        tracker.Started();
        try
        {
            var addresses = AddressesOf(context.Options);
            for (var i = 0; ; i++)
            {
                try
                {
                    var response = await SendOnceAsync(context, addresses[i], cancellationToken).ConfigureAwait(false);
                    try
                    {
                        return ReadResponse(context, response);
                    }
                    catch (SmsConnectorException exception) when (response.StatusCode is 429 or 503)
                    {
                        throw NotProcessed(response, exception);
                    }
                }
                catch (SmsConnectorException exception) when (exception.Code == SmsErrorCode.ServiceUnavailable
                    && !exception.MayHaveBeenSent && exception.HttpStatus is null && i + 1 < addresses.Count)
                {
                    SmsConnectorLog.HostUnreachable(Logger, Name, addresses[i].Authority, addresses[i + 1].Authority);
                }
            }
        }
        catch (SmsConnectorException exception) when (!exception.MayHaveBeenSent)
        {
            tracker.EndedNotSent();
            throw;
        }
    }

    private IReadOnlyList<Uri> AddressesOf(TOptions options)
    {
        var current = Volatile.Read(ref _addresses);
        if (current is null || !ReferenceEquals(current.Options, options))
        {
            current = new Addresses(options, BaseAddresses(options));
            Volatile.Write(ref _addresses, current);
        }

        return current.List;
    }

    /// <summary>
    /// A failure under 429 or 503: the vendor did not process the request, whatever else it said, so
    /// nothing was sent and the send may be retried (after <c>Retry-After</c>, when given).
    /// </summary>
    private SmsConnectorException NotProcessed(VendorResponse response, SmsConnectorException failure)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - TimeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        var code = failure.Code is SmsErrorCode.General or SmsErrorCode.InvalidResponse
            ? response.StatusCode == 429 ? SmsErrorCode.RateLimitExceeded : SmsErrorCode.ServiceUnavailable
            : failure.Code;
        var after = retryAfter is null ? string.Empty : $" (retry after {retryAfter.Value.TotalSeconds:0.###} s)";
        return new SmsConnectorException(code, $"{failure.Message} The vendor answered HTTP {response.StatusCode}{after}; nothing was sent.", failure.InnerException)
        {
            ProviderCode = failure.ProviderCode,
            ProviderMessage = failure.ProviderMessage ?? response.Snippet,
            RequestId = failure.RequestId,
            HttpStatus = response.StatusCode,
            RetryAfter = retryAfter,
            IsTransient = true,
            MayHaveBeenSent = false,
        };
    }

    private async Task<VendorResponse> SendOnceAsync(SmsSendContext<TOptions> context, Uri baseAddress, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(context, baseAddress);
        var client = _httpClientFactory.CreateClient(SmsConnectorServices.HttpClientName(Name));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await ReadBodyAsync(response, context.Options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            return new VendorResponse(response.StatusCode, response.Headers, body, context.To);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.NameResolutionError
            or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            throw new SmsConnectorException(SmsErrorCode.ServiceUnavailable, $"Could not connect to {baseAddress.Authority} ({exception.HttpRequestError}); nothing was sent.", exception)
            {
                MayHaveBeenSent = false,
                IsTransient = true,
            };
        }
        catch (HttpRequestException exception)
        {
            throw new SmsConnectorException(SmsErrorCode.General, $"The request to {baseAddress.Authority} failed after it was sent ({exception.HttpRequestError}); the message may have been sent.", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmsConnectorException(SmsErrorCode.Timeout, $"{baseAddress.Authority} did not answer in time; the message may have been sent.", exception);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
        {
            throw TooLarge(status, maxBytes);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[Math.Min(maxBytes + 1, 16 * 1024)];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(status, maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private static SmsConnectorException TooLarge(int status, int maxBytes) =>
        new(SmsErrorCode.InvalidResponse, $"The vendor's answer (HTTP {status}) is larger than {maxBytes} bytes.")
        {
            HttpStatus = status,
            MayHaveBeenSent = VendorResponse.MayHaveBeenSentFor(status),
        };

    /// <summary>The base addresses parsed from one options instance.</summary>
    private sealed record Addresses(TOptions Options, IReadOnlyList<Uri> List);
}
