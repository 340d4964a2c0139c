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
    private SmsVendorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CircuitBreaker? _breaker;
    private readonly TimeoutSources _timeouts;

    private SendPipeline(Settings settings, SmsVendorOptions options, TimeProvider timeProvider)
    {
        var resilience = options.Resilience;
        (_settings, _options) = (settings, options);
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
        // An options instance does not change once validated, so the one the pipeline was built or last kept for needs no comparing.
        var existing = Volatile.Read(ref current);
        if (existing is not null && ReferenceEquals(existing._options, options))
        {
            return existing;
        }

        var settings = Settings.Of(options);
        if (existing is not null && existing._settings == settings)
        {
            // A reload that left these settings as they were keeps the pipeline, and its circuit.
            Volatile.Write(ref existing._options, options);
            return existing;
        }

        var created = new SendPipeline(settings, options, timeProvider);
        var replaced = Interlocked.CompareExchange(ref current, created, existing);
        return ReferenceEquals(replaced, existing) ? created : replaced!;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> under the rate limit and the pipeline, turning their
    /// rejections into <see cref="SmsConnectorException"/>. A send whose permit is granted at once,
    /// whose circuit is closed and whose first attempt completes at once (an in-process handler)
    /// returns without an asynchronous step of the pipeline's own.
    /// </summary>
    /// <param name="limiter">The connector's rate limit.</param>
    /// <param name="rateLimit">The rate limit's options in force.</param>
    /// <param name="attempt">One attempt, given <paramref name="state"/>, <paramref name="tracker"/> and the attempt's cancellation.</param>
    /// <param name="state">What the attempt needs.</param>
    /// <param name="tracker">Follows the send's attempts (a new one for each send).</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public ValueTask<TResult> ExecuteAsync<TResult, TState>(
        SendRateLimiter limiter,
        SmsRateLimitOptions? rateLimit,
        Func<TState, AttemptTracker, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        AttemptTracker tracker,
        CancellationToken cancellationToken)
    {
        limiter.Update(rateLimit?.PermitsPerSecond ?? 0, rateLimit?.QueueLength ?? 0);
        var permit = limiter.AcquireAsync(cancellationToken);
        if (!permit.IsCompletedSuccessfully || _breaker is { State: not CircuitBreaker.Status.Closed })
        {
            return RunAsync(permit, first: null, rateLimit, attempt, state, tracker, cancellationToken);
        }

        if (!permit.Result)
        {
            return ValueTask.FromException<TResult>(RateLimited(rateLimit));
        }

        var started = _timeProvider.GetTimestamp();
        tracker.Begin(started);
        var first = Start(started, started, attempt, state, tracker);
        if (!first.Pending.IsCompletedSuccessfully)
        {
            return RunAsync(permit: default, first, rateLimit, attempt, state, tracker, cancellationToken);
        }

        // Completed at once: it ended as it started, so the clock is not read again.
        var result = first.Pending.Result;
        _breaker?.RecordSuccess(started);
        _timeouts.Return(first.Deadline, timer: null);
        return new ValueTask<TResult>(result);
    }

    /// <summary>The pipeline's loop: after the permit when <paramref name="first"/> is <see langword="null"/>, else from that first attempt, already started.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TResult> RunAsync<TResult, TState>(
        ValueTask<bool> permit,
        Attempt<TResult>? first,
        SmsRateLimitOptions? rateLimit,
        Func<TState, AttemptTracker, CancellationToken, ValueTask<TResult>> attempt,
        TState state,
        AttemptTracker tracker,
        CancellationToken cancellationToken)
    {
        long started;
        if (first is { } given)
        {
            started = given.Started;
        }
        else
        {
            if (!await permit.ConfigureAwait(false))
            {
                throw RateLimited(rateLimit);
            }

            started = _timeProvider.GetTimestamp();
            tracker.Begin(started);
        }

        for (var retry = 0; ; retry++)
        {
            Attempt<TResult> current;
            if (retry == 0 && first is { } startedFirst)
            {
                current = startedFirst;
            }
            else
            {
                // The first attempt starts as the send does.
                var attemptStarted = retry == 0 ? started : _timeProvider.GetTimestamp();
                if (_settings.TotalTimeout - _timeProvider.GetElapsedTime(started, attemptStarted) <= TimeSpan.Zero)
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

                current = Start(started, attemptStarted, attempt, state, tracker);
            }

            var limitedByTotal = current.Remaining <= _settings.AttemptTimeout;
            var deadline = current.Deadline;
            ITimer? timer = null;
            CancellationTokenRegistration cancellation = default;
            SmsConnectorException failure;
            try
            {
                var completedAtOnce = current.Pending.IsCompleted;
                if (!completedAtOnce)
                {
                    // Only an attempt that waits needs its timer: set for what is left of its timeout since it started, so it is as exact.
                    var timeout = limitedByTotal ? current.Remaining : _settings.AttemptTimeout;
                    timer = _timeouts.Set(deadline, timeout - _timeProvider.GetElapsedTime(current.Started));
                    cancellation = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), deadline);
                }

                var result = await current.Pending.ConfigureAwait(false);

                // An attempt that completed at once ended as it started: the clock is not read again.
                if (completedAtOnce)
                {
                    _breaker?.RecordSuccess(current.Started);
                }
                else
                {
                    _breaker?.Record(failed: false);
                }

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

    /// <summary>Starts an attempt at <paramref name="attemptStarted"/> with a source of its own, not yet set to time out; one that throws at once is a failed attempt.</summary>
    private Attempt<TResult> Start<TResult, TState>(long started, long attemptStarted, Func<TState, AttemptTracker, CancellationToken, ValueTask<TResult>> attempt, TState state, AttemptTracker tracker)
    {
        var deadline = _timeouts.Rent();
        ValueTask<TResult> pending;
        try
        {
            pending = attempt(state, tracker, deadline.Token);
        }
        catch (Exception exception)
        {
            pending = ValueTask.FromException<TResult>(exception);
        }

        return new Attempt<TResult>(deadline, pending, attemptStarted, _settings.TotalTimeout - _timeProvider.GetElapsedTime(started, attemptStarted));
    }

    private static SmsConnectorException RateLimited(SmsRateLimitOptions? rateLimit) =>
        new(SmsErrorCode.RateLimitExceeded, $"The connector's rate limit ({rateLimit?.PermitsPerSecond} per second, queue of {rateLimit?.QueueLength}) is exhausted; nothing was sent.")
        {
            MayHaveBeenSent = false,
            IsTransient = true,
        };

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

    /// <summary>An attempt under way: its timeout's source, its outcome, when it started, and what was left of the total timeout then.</summary>
    private readonly record struct Attempt<TResult>(CancellationTokenSource Deadline, ValueTask<TResult> Pending, long Started, TimeSpan Remaining);

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
