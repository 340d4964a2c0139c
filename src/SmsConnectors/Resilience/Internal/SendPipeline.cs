using System.Runtime.CompilerServices;
namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// One connector's resilience, built from its options and rebuilt only when those settings change,
/// run after the connector's rate limit: total timeout, retry, circuit breaker and attempt timeout,
/// in that order, in one loop on the connector's <see cref="TimeProvider"/>. Each attempt runs under
/// one timer, set for whichever of the two timeouts comes first, so both are exact; the timer is set
/// only once the attempt has to wait, for what is left of that timeout since the attempt started.
/// </summary>
internal sealed class SendPipeline
{
    private readonly Settings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly CircuitBreaker? _breaker;
    private readonly TimeoutSources _timeouts;

    private SendPipeline(Settings settings, SmsResilienceOptions resilience, TimeProvider timeProvider)
    {
        _settings = settings;
        _timeProvider = timeProvider;
        _timeouts = new TimeoutSources(timeProvider);
        _breaker = resilience.CircuitBreaker.Enabled ? new CircuitBreaker(resilience.CircuitBreaker, timeProvider) : null;
    }

    /// <summary>Gets the circuit's state as the gauge reports it: 0 closed (or no breaker), 1 open, 2 half-open.</summary>
    public int CircuitState => _breaker?.State switch
    {
        CircuitBreaker.Status.Open => 1,
        CircuitBreaker.Status.HalfOpen => 2,
        _ => 0,
    };

    /// <summary>Returns <paramref name="current"/> when it matches the options, else a new pipeline stored in its place.</summary>
    public static SendPipeline For(ref SendPipeline? current, SmsVendorOptions options, TimeProvider timeProvider)
    {
        var settings = Settings.Of(options);
        var existing = Volatile.Read(ref current);
        if (existing is not null && existing._settings == settings)
        {
            return existing;
        }

        var created = new SendPipeline(settings, options.Resilience, timeProvider);
        var replaced = Interlocked.CompareExchange(ref current, created, existing);
        return ReferenceEquals(replaced, existing) ? created : replaced!;
    }

    /// <summary>Runs <paramref name="attempt"/> under the rate limit and the pipeline, turning their rejections into <see cref="SmsConnectorException"/>.</summary>
    /// <param name="limiter">The connector's rate limit.</param>
    /// <param name="rateLimit">The rate limit's options in force.</param>
    /// <param name="attempt">One attempt, given <paramref name="state"/>, <paramref name="tracker"/> and the attempt's cancellation.</param>
    /// <param name="state">What the attempt needs.</param>
    /// <param name="tracker">Follows the send's attempts (a new one for each send).</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TResult> ExecuteAsync<TResult, TState>(
        SendRateLimiter limiter,
        SmsRateLimitOptions? rateLimit,
        Func<TState, AttemptTracker, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        AttemptTracker tracker,
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

        var started = _timeProvider.GetTimestamp();
        tracker.Begin(started);
        for (var retry = 0; ; retry++)
        {
            // The first attempt starts as the send does.
            var attemptStarted = retry == 0 ? started : _timeProvider.GetTimestamp();
            var remaining = _settings.TotalTimeout - _timeProvider.GetElapsedTime(started, attemptStarted);
            if (remaining <= TimeSpan.Zero)
            {
                throw TimedOut(_settings.TotalTimeout, tracker);
            }

            if (_breaker is not null && !_breaker.TryEnter(out var retryAfter))
            {
                throw new SmsConnectorException(SmsErrorCode.ServiceUnavailable, "The circuit breaker is open after repeated failures to reach the vendor; nothing was sent.")
                {
                    MayHaveBeenSent = false,
                    RetryAfter = retryAfter,
                };
            }

            var limitedByTotal = remaining <= _settings.AttemptTimeout;
            var deadline = _timeouts.Rent();
            ITimer? timer = null;
            CancellationTokenRegistration cancellation = default;
            SmsConnectorException failure;
            try
            {
                var pending = attempt(state, tracker, deadline.Token);
                if (!pending.IsCompleted)
                {
                    // Only an attempt that waits needs its timer: set for what is left of its timeout since it started, so it is as exact.
                    var timeout = limitedByTotal ? remaining : _settings.AttemptTimeout;
                    timer = _timeouts.Set(deadline, timeout - _timeProvider.GetElapsedTime(attemptStarted));
                    cancellation = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline);
                }

                var result = await pending.ConfigureAwait(false);
                _breaker?.Record(failed: false);
                return result;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                _breaker?.Abandon();
                throw;
            }
            catch (OperationCanceledException exception) when (deadline.IsCancellationRequested)
            {
                _breaker?.Record(failed: false);
                throw TimedOut(limitedByTotal ? _settings.TotalTimeout : _settings.AttemptTimeout, tracker, exception);
            }
            catch (SmsConnectorException exception) when (IsNotSentAndPassing(exception))
            {
                _breaker?.Record(failed: true);
                failure = exception;
            }
            catch
            {
                _breaker?.Record(failed: false);
                throw;
            }
            finally
            {
                // Unregistered first, so that the caller's cancellation cannot reach a source in use by another send.
                cancellation.Dispose();
                _timeouts.Return(deadline, timer);
            }

            if (retry >= _settings.MaxRetryAttempts || failure.RetryAfter > _settings.MaxRetryAfter)
            {
                throw failure;
            }

            await WaitBeforeRetryAsync(failure.RetryAfter ?? Backoff(retry), started, tracker, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits <paramref name="delay"/> before the next attempt, or fails with the total timeout if it comes first.</summary>
    private async Task WaitBeforeRetryAsync(TimeSpan delay, long started, AttemptTracker tracker, CancellationToken cancellationToken)
    {
        var remaining = _settings.TotalTimeout - _timeProvider.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero)
        {
            // The failure came in as the total timeout ran out.
            throw TimedOut(_settings.TotalTimeout, tracker);
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay < remaining ? delay : remaining, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (delay >= remaining)
        {
            throw TimedOut(_settings.TotalTimeout, tracker);
        }
    }

    /// <summary>The delay before retry number <paramref name="retry"/> + 1: doubling from the base delay up to the maximum, randomised by ±25 % with jitter.</summary>
    private TimeSpan Backoff(int retry)
    {
        var exponential = _settings.BaseDelay.TotalMilliseconds * Math.Pow(2, retry);
        if (_settings.UseJitter)
        {
            exponential *= 0.75 + (Random.Shared.NextDouble() / 2);
        }

        return TimeSpan.FromMilliseconds(Math.Min(exponential, _settings.MaxDelay.TotalMilliseconds));
    }

    private static SmsConnectorException TimedOut(TimeSpan timeout, AttemptTracker tracker, Exception? cancellation = null)
    {
        var seconds = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        return new SmsConnectorException(
            SmsErrorCode.Timeout,
            tracker.MayHaveBeenSent ? $"The vendor did not answer within {seconds} s; the message may have been sent."
            : tracker.InFlight ? $"The send did not complete within {seconds} s while the connection to the vendor was still being made; nothing was sent."
            : $"The send did not complete within {seconds} s; no attempt was under way, nothing was sent.",
            cancellation)
        {
            MayHaveBeenSent = tracker.MayHaveBeenSent,
        };
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
