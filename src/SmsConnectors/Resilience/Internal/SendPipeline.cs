using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// One connector's resilience pipeline (total timeout, retry, circuit breaker, attempt timeout),
/// built from its options and rebuilt only when those settings change, run after the connector's
/// rate limit.
/// </summary>
internal sealed class SendPipeline
{
    private readonly Settings _settings;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider? _circuit;

    private SendPipeline(Settings settings, ResiliencePipeline pipeline, CircuitBreakerStateProvider? circuit)
    {
        _settings = settings;
        _pipeline = pipeline;
        _circuit = circuit;
    }

    /// <summary>Gets the circuit's state as the gauge reports it: 0 closed (or no breaker), 1 open (or isolated), 2 half-open.</summary>
    public int CircuitState => _circuit?.CircuitState switch
    {
        Polly.CircuitBreaker.CircuitState.Open or Polly.CircuitBreaker.CircuitState.Isolated => 1,
        Polly.CircuitBreaker.CircuitState.HalfOpen => 2,
        _ => 0,
    };

    /// <summary>Returns <paramref name="current"/> when it matches the options, else a new pipeline stored in its place.</summary>
    public static SendPipeline For(ref SendPipeline? current, SmsVendorOptions options, TimeProvider timeProvider, string connectorName)
    {
        var settings = Settings.Of(options);
        var existing = Volatile.Read(ref current);
        if (existing is not null && existing._settings == settings)
        {
            return existing;
        }

        var created = Create(settings, options.Resilience, timeProvider, connectorName);
        var replaced = Interlocked.CompareExchange(ref current, created, existing);
        return ReferenceEquals(replaced, existing) ? created : replaced!;
    }

    /// <summary>Runs <paramref name="attempt"/> under the rate limit and the pipeline, turning their rejections into <see cref="SmsConnectorException"/>.</summary>
    public async Task<TResult> ExecuteAsync<TResult, TState>(
        SendRateLimiter limiter,
        SmsRateLimitOptions? rateLimit,
        Func<TState, AttemptTracker, CancellationToken, Task<TResult>> attempt,
        TState state,
        CancellationToken cancellationToken)
    {
        limiter.Update(rateLimit?.PermitsPerSecond ?? 0, rateLimit?.QueueLength ?? 0);
        if (!await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SmsConnectorException(SmsErrorCode.RateLimitExceeded, $"The connector's rate limit ({rateLimit?.PermitsPerSecond} per second, queue of {rateLimit?.QueueLength}) is exhausted; nothing was sent.")
            {
                MayHaveBeenSent = false,
                IsTransient = true,
            };
        }

        var tracker = new AttemptTracker();
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (arguments, token) => await arguments.attempt(arguments.state, arguments.tracker, token).ConfigureAwait(false),
                (attempt, state, tracker),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception)
        {
            var seconds = exception.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            throw new SmsConnectorException(
                SmsErrorCode.Timeout,
                tracker.MayHaveBeenSent ? $"The vendor did not answer within {seconds} s; the message may have been sent."
                : tracker.InFlight ? $"The send did not complete within {seconds} s while the connection to the vendor was still being made; nothing was sent."
                : $"The send did not complete within {seconds} s; no attempt was under way, nothing was sent.",
                exception)
            {
                MayHaveBeenSent = tracker.MayHaveBeenSent,
            };
        }
        catch (BrokenCircuitException exception)
        {
            throw new SmsConnectorException(SmsErrorCode.ServiceUnavailable, "The circuit breaker is open after repeated failures to reach the vendor; nothing was sent.", exception)
            {
                MayHaveBeenSent = false,
                RetryAfter = exception.RetryAfter,
            };
        }
    }

    private static SendPipeline Create(Settings settings, SmsResilienceOptions resilience, TimeProvider timeProvider, string connectorName)
    {
        var builder = new ResiliencePipelineBuilder { Name = connectorName, TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions { Name = "TotalTimeout", Timeout = resilience.TotalTimeout });
        var retry = resilience.Retry;
        if (retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetryAttempts,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is SmsConnectorException failure && IsNotSentAndPassing(failure)
                    && (failure.RetryAfter is null || failure.RetryAfter <= retry.MaxRetryAfter)),
                DelayGenerator = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is SmsConnectorException { RetryAfter: { } retryAfter } ? (TimeSpan?)retryAfter : null),
            });
        }

        var breaker = resilience.CircuitBreaker;
        var circuit = breaker.Enabled ? new CircuitBreakerStateProvider() : null;
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                StateProvider = circuit,
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is SmsConnectorException failure && IsNotSentAndPassing(failure)),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = resilience.AttemptTimeout });

        return new SendPipeline(settings, builder.Build(), circuit);
    }

    /// <summary>A failure that left nothing sent and may pass: worth retrying, and counted by the circuit breaker.</summary>
    private static bool IsNotSentAndPassing(SmsConnectorException failure) => !failure.MayHaveBeenSent && failure.IsTransient;

    /// <summary>The settings a pipeline is built from; a change rebuilds it.</summary>
    private readonly record struct Settings(
        TimeSpan TotalTimeout,
        TimeSpan AttemptTimeout,
        int MaxRetryAttempts,
        TimeSpan BaseDelay,
        TimeSpan MaxDelay,
        bool UseJitter,
        TimeSpan MaxRetryAfter,
        bool BreakerEnabled,
        double FailureRatio,
        int MinimumThroughput,
        TimeSpan SamplingDuration,
        TimeSpan BreakDuration)
    {
        public static Settings Of(SmsVendorOptions options)
        {
            var (r, retry, breaker) = (options.Resilience, options.Resilience.Retry, options.Resilience.CircuitBreaker);
            return new Settings(
                r.TotalTimeout, r.AttemptTimeout, retry.MaxRetryAttempts, retry.BaseDelay, retry.MaxDelay, retry.UseJitter, retry.MaxRetryAfter,
                breaker.Enabled, breaker.FailureRatio, breaker.MinimumThroughput, breaker.SamplingDuration, breaker.BreakDuration);
        }
    }
}
