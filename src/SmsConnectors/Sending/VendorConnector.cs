using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SmsConnectors.Answers;
using SmsConnectors.Logging;
using SmsConnectors.Resilience.Internal;
using SmsConnectors.Telemetry;
using SmsConnectors.Transport;

namespace SmsConnectors.Sending;

/// <summary>
/// The delivery of every vendor connector: the rate limit, then the resilience pipeline (total
/// timeout, retry, circuit breaker, attempt timeout), whose attempt builds the request from the
/// prepared message for each host in turn, sends it through the connector's named
/// <see cref="HttpClient"/>, reads the capped answer, and classifies it
/// (<see cref="AnswerClassifier"/>). A vendor supplies its plan, its preparation, its request and
/// its rules for reading an answer.
/// </summary>
/// <typeparam name="TOptions">The vendor's options.</typeparam>
/// <typeparam name="TPlan">What the vendor compiles from one options instance.</typeparam>
/// <typeparam name="TPrepared">A message ready to send: everything but the per-attempt parts.</typeparam>
internal abstract class VendorConnector<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TPlan, TPrepared> : MessageConnector<TOptions, TPlan, TPrepared>
    where TOptions : SmsVendorOptions
    where TPlan : ConnectorPlan<TOptions>
{
    private readonly ConnectorClient _client;
    private readonly TimeProvider _timeProvider;
    private readonly string _vendor;
    private readonly SendRateLimiter _rateLimiter;
    private readonly ConnectionActivity _connections = new();
    private readonly SmsTelemetry _telemetry;
    private readonly string _provider;
    private SendPipeline? _pipeline;

    private protected VendorConnector(string name, string provider, string vendor, IOptionsMonitor<TOptions> options, ConnectorServices services)
        : base(name, provider, options, services)
    {
        _vendor = vendor;
        _timeProvider = services.TimeProvider;
        _client = new ConnectorClient(services.HandlerFactory, ConnectorHttpHandler.ClientName(name), _timeProvider);
        _rateLimiter = new SendRateLimiter(permitsPerSecond: 0, queueLength: 0, _timeProvider);
        _telemetry = services.Telemetry;
        _provider = provider;
        _telemetry.TrackCircuit(name, () => Volatile.Read(ref _pipeline)?.CircuitState ?? 0);
    }

    private protected override ActivityKind ActivityKind => ActivityKind.Client;

    private protected override string? CircuitState() => (Volatile.Read(ref _pipeline)?.CircuitState ?? 0) switch
    {
        1 => "open",
        2 => "half-open",
        _ => "closed",
    };

    /// <summary>Builds the request of one attempt at one host; only per-attempt work (a timestamp, a signature, the host) belongs here.</summary>
    private protected abstract VendorRequest CreateRequest(TPlan plan, TPrepared prepared, VendorAttempt attempt);

    /// <summary>Reads the vendor's answer by the vendor's rules.</summary>
    private protected abstract VendorVerdict Classify(TPlan plan, TPrepared prepared, VendorAnswer answer);

    private protected sealed override ValueTask<SmsSendResult> DeliverAsync(SendContext<TPlan> context, TPrepared prepared, CancellationToken cancellationToken) =>
        SendPipeline.For(ref _pipeline, context.Plan.Options, _timeProvider).ExecuteAsync(
            _rateLimiter,
            context.Plan.Options.RateLimit,
            static (state, _, token) => state.Connector.Attempt(state.Context, state.Prepared, token),
            (Connector: this, Context: context, Prepared: prepared),
            context,
            cancellationToken);

    /// <summary>
    /// One attempt: each base address in turn while the connection cannot be made, then the
    /// vendor's answer. An exchange with the first host that completes at once (an in-process
    /// handler) is concluded without an asynchronous step of the attempt's own.
    /// </summary>
    private ValueTask<SmsSendResult> Attempt(SendContext<TPlan> context, TPrepared prepared, CancellationToken cancellationToken)
    {
        context.Started();
        var first = Begin(context, prepared, host: 0, cancellationToken);
        if (!first.Answer.IsCompletedSuccessfully)
        {
            return AttemptAsync(context, prepared, first, cancellationToken);
        }

        var answer = first.Answer.Result;
        first.End();
        return new ValueTask<SmsSendResult>(Conclude(context, prepared, answer, first.Request!));
    }

    /// <summary>The attempt from its exchange with the first host, under way, on.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<SmsSendResult> AttemptAsync(SendContext<TPlan> context, TPrepared prepared, Exchange first, CancellationToken cancellationToken)
    {
        var addresses = context.Plan.BaseAddresses;
        for (var i = 0; ; i++)
        {
            var exchange = i == 0 ? first : Begin(context, prepared, i, cancellationToken);
            VendorAnswer answer;
            try
            {
                answer = await exchange.Answer.ConfigureAwait(false);
            }
            catch (SmsConnectorException exception) when (exception.Code == SmsErrorCode.ServiceUnavailable
                && !exception.MayHaveBeenSent && exception.HttpStatus is null && i + 1 < addresses.Count)
            {
                SmsLog.HostUnreachable(Logger, Name, addresses[i].Authority, addresses[i + 1].Authority);
                continue;
            }
            catch (SmsConnectorException exception) when (!exception.MayHaveBeenSent)
            {
                context.EndedNotSent();
                throw;
            }
            finally
            {
                exchange.End();
            }

            return Conclude(context, prepared, answer, exchange.Request!);
        }
    }

    /// <summary>
    /// Starts the exchange with host number <paramref name="host"/>: its request, sent through the
    /// connector's handler. One that fails before it is under way is a failed exchange.
    /// </summary>
    private Exchange Begin(SendContext<TPlan> context, TPrepared prepared, int host, CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        context.Attempts++;
        var activity = StartAttempt(context.Attempts);
        VendorRequest? request = null;
        try
        {
            request = CreateRequest(plan, prepared, new VendorAttempt(plan.BaseAddresses[host], _timeProvider));
            request.Follow(_connections);
            context.Sending(request);
            return new Exchange(activity, request, VendorTransport.SendAsync(_client.Get(context.SendStarted), request, _vendor, plan.Options.MaxResponseBytes, cancellationToken));
        }
        catch (Exception exception)
        {
            return new Exchange(activity, request, ValueTask.FromException<VendorAnswer>(exception));
        }
    }

    /// <summary>Classifies the answer to <paramref name="sent"/> and returns its pooled body.</summary>
    private SmsSendResult Conclude(SendContext<TPlan> context, TPrepared prepared, VendorAnswer answer, VendorRequest sent)
    {
        var plan = context.Plan;
        try
        {
            var verdict = Classify(plan, prepared, answer);

            // Only a failure has a text to redact.
            var redactor = verdict.Kind == VerdictKind.Sent ? Redactor.Nothing : new Redactor(context.To, plan.Options, context.Message, AuthorizationOf(sent));
            return AnswerClassifier.Classify(answer, verdict, Name, _vendor, redactor, _timeProvider, context.Segments);
        }
        catch (SmsConnectorException exception) when (!exception.MayHaveBeenSent)
        {
            context.EndedNotSent();
            throw;
        }
        finally
        {
            answer.Release();
        }
    }

    /// <summary>The request's own secret (a signature), which a failure's text must not repeat; its headers stay readable once it is disposed.</summary>
    private static string? AuthorizationOf(VendorRequest request) =>
        request.Headers.NonValidated.TryGetValues("Authorization", out var values) ? values.ToString() : null;

    private protected override void DisposeDelivery()
    {
        _telemetry.ForgetCircuit(Name);
        _rateLimiter.Dispose();
    }

    /// <summary>Counts an attempt and starts its activity (the HTTP client's own activity becomes its child), when someone listens.</summary>
    private Activity? StartAttempt(int attempt)
    {
        if (_telemetry.Attempts.Enabled)
        {
            _telemetry.Attempts.Add(1, new TagList
            {
                { SmsTags.Connector, Name },
                { SmsTags.Provider, _provider },
                { SmsTags.Retried, attempt > 1 },
            });
        }

        var activity = SmsTelemetry.Source.StartActivity("sms attempt", ActivityKind.Internal);
        activity?.SetTag("sms.attempt", attempt);
        return activity;
    }

    /// <summary>An exchange with one host: its activity, its request (none when it could not be made) and the answer to come.</summary>
    private readonly record struct Exchange(Activity? Activity, VendorRequest? Request, ValueTask<VendorAnswer> Answer)
    {
        /// <summary>The exchange is over: its request and activity end (the request's headers stay readable).</summary>
        public void End()
        {
            Request?.Dispose();
            Activity?.Dispose();
        }
    }
}
