using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Resilience;
using SmsConnectors.Resilience.Internal;
using SmsConnectors.Seven;
using SmsConnectors.Transport;

namespace SmsConnectors.Tests.Resilience;

/// <summary>
/// A connector's send pipeline on a fake clock, with attempts the tests script: the exact moments
/// of timeouts and retries, which failures are retried, how cancellation, the circuit breaker and
/// the rate limit end a send, and when a pipeline is rebuilt.
/// </summary>
public sealed class SendPipelineTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    // Where a new fake clock starts.
    private static readonly DateTimeOffset Start = new FakeTimeProvider().GetUtcNow();

    // How long a test waits for something the clock has already made due; never reached when all goes well.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    // One change to each setting a pipeline is built from.
    private static readonly Dictionary<string, Action<SmsResilienceOptions>> Changes = new()
    {
        ["TotalTimeout"] = r => r.TotalTimeout += Tick,
        ["AttemptTimeout"] = r => r.AttemptTimeout += Tick,
        ["MaxRetryAttempts"] = r => r.Retry.MaxRetryAttempts++,
        ["BaseDelay"] = r => r.Retry.BaseDelay += Tick,
        ["MaxDelay"] = r => r.Retry.MaxDelay += Tick,
        ["UseJitter"] = r => r.Retry.UseJitter = !r.Retry.UseJitter,
        ["MaxRetryAfter"] = r => r.Retry.MaxRetryAfter += Tick,
        ["Enabled"] = r => r.CircuitBreaker.Enabled = !r.CircuitBreaker.Enabled,
        ["FailureRatio"] = r => r.CircuitBreaker.FailureRatio += 0.1,
        ["MinimumThroughput"] = r => r.CircuitBreaker.MinimumThroughput++,
        ["SamplingDuration"] = r => r.CircuitBreaker.SamplingDuration += Tick,
        ["BreakDuration"] = r => r.CircuitBreaker.BreakDuration += Tick,
    };

    [Fact]
    public async Task An_attempt_with_its_request_under_way_times_out_at_exactly_the_attempt_timeout_and_may_have_been_sent()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.AttemptTimeout = TimeSpan.FromSeconds(2.5));
        var vendor = new Vendor(clock, Vendor.Hangs(requestUnderWay: true));

        var send = Run(pipeline, limiter, vendor);
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(2.5));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Contains("within 2.5 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("may have been sent", error.Message, StringComparison.Ordinal);
        Assert.True(vendor.Tokens[0].IsCancellationRequested);
        Assert.Equal(1, vendor.Count);
    }

    [Fact]
    public async Task An_attempt_that_works_before_it_waits_still_times_out_at_exactly_the_attempt_timeout_from_its_start()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock);
        var vendor = new Vendor(clock, Vendor.WorksThenHangs(clock, TimeSpan.FromSeconds(4)));

        var send = Run(pipeline, limiter, vendor);
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(10));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.Contains("within 10 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, vendor.Count);
    }

    [Fact]
    public async Task An_attempt_whose_timeout_ran_out_before_it_first_waits_is_cancelled_as_it_waits()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock);
        var vendor = new Vendor(clock, Vendor.WorksThenHangs(clock, TimeSpan.FromSeconds(12)));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Contains("within 10 s", error.Message, StringComparison.Ordinal);
        Assert.True(vendor.Tokens[0].IsCancellationRequested);
        Assert.Equal(TimeSpan.FromSeconds(12), Elapsed(clock));
    }

    [Fact]
    public async Task An_attempt_timeout_with_no_request_under_way_says_nothing_was_sent()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.AttemptTimeout = TimeSpan.FromSeconds(2));
        var vendor = new Vendor(clock, Vendor.Hangs(requestUnderWay: false));

        var send = Run(pipeline, limiter, vendor);
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(2));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("no attempt was under way", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, vendor.Count);
    }

    [Fact]
    public async Task An_attempt_timeout_while_the_connection_is_still_being_made_says_nothing_was_sent()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.AttemptTimeout = TimeSpan.FromSeconds(2));
        var vendor = new Vendor(clock, (tracker, token) =>
        {
            tracker.Started();
            var request = new VendorRequest(HttpMethod.Post, new Uri("http://127.0.0.1:9/"));
            request.Follow(new ConnectionActivity());
            tracker.Sending(request);
            request.Connecting();
            return new TaskCompletionSource<string>().Task.WaitAsync(token);
        });

        var send = Run(pipeline, limiter, vendor);
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(2));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("still being made", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_cuts_the_first_attempt_short_when_it_comes_before_the_attempt_timeout()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => (r.TotalTimeout, r.AttemptTimeout) = (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)));
        var vendor = new Vendor(clock, Vendor.Hangs(requestUnderWay: true));

        var send = Run(pipeline, limiter, vendor);
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(3));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Contains("within 3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_retries_the_last_attempt_times_out_at_exactly_the_total_timeout()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r =>
        {
            (r.TotalTimeout, r.AttemptTimeout) = (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(4));
            (r.Retry.MaxRetryAttempts, r.Retry.BaseDelay) = (5, TimeSpan.FromSeconds(1));
        });
        var notSent = NotSent();
        var vendor = new Vendor(clock, Vendor.Throws(notSent), Vendor.Throws(notSent), Vendor.Throws(notSent), Vendor.Hangs(requestUnderWay: true));

        // Attempts at 0, 1 and 3 s fail; the one at 7 s has 3 s left, less than its own 4 s.
        var send = Run(pipeline, limiter, vendor);
        await AttemptsAtAsync(clock, vendor, 2, TimeSpan.FromSeconds(1));
        await AttemptsAtAsync(clock, vendor, 3, TimeSpan.FromSeconds(3));
        await AttemptsAtAsync(clock, vendor, 4, TimeSpan.FromSeconds(7));
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(10));

        Assert.Equal(4, vendor.Count);
        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.Contains("within 10 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_during_a_backoff_wait_fails_at_exactly_the_total_timeout_with_nothing_sent()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r =>
        {
            r.TotalTimeout = TimeSpan.FromSeconds(5);
            (r.Retry.MaxRetryAttempts, r.Retry.BaseDelay) = (3, TimeSpan.FromSeconds(4));
        });
        var vendor = new Vendor(clock, Vendor.Throws(NotSent()));

        // Attempts at 0 and 4 s; the second backoff (8 s) would end after the total timeout.
        var send = Run(pipeline, limiter, vendor);
        await AttemptsAtAsync(clock, vendor, 2, TimeSpan.FromSeconds(4));
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(5));

        Assert.Equal(2, vendor.Count);
        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("within 5 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_sent_transient_failures_are_retried_after_the_base_delay_then_doubling_up_to_the_max_delay()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r =>
        {
            r.TotalTimeout = TimeSpan.FromMinutes(1);
            (r.Retry.MaxRetryAttempts, r.Retry.BaseDelay, r.Retry.MaxDelay) = (4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        });
        var failure = NotSent();
        var vendor = new Vendor(clock, Vendor.Throws(failure));

        var send = Run(pipeline, limiter, vendor);

        // Backoffs of 1, 2, 3 (not 4) and 3 (not 8) seconds.
        Assert.Equal(TimeSpan.Zero, await vendor.Attempt(1).WaitAsync(Bound));
        await AttemptsAtAsync(clock, vendor, 2, TimeSpan.FromSeconds(1));
        await AttemptsAtAsync(clock, vendor, 3, TimeSpan.FromSeconds(3));
        await AttemptsAtAsync(clock, vendor, 4, TimeSpan.FromSeconds(6));
        await AttemptsAtAsync(clock, vendor, 5, TimeSpan.FromSeconds(9));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => send.WaitAsync(Bound));
        Assert.Same(failure, error);
        await AdvanceAsync(clock, TimeSpan.FromMinutes(1));
        Assert.Equal(5, vendor.Count);
    }

    [Fact]
    public async Task With_jitter_the_retry_comes_between_three_quarters_and_five_quarters_of_the_delay()
    {
        var delays = new List<TimeSpan>();
        for (var run = 0; run < 20; run++)
        {
            var clock = new FakeTimeProvider();
            using var limiter = new SendRateLimiter(0, 0, clock);
            var pipeline = Pipeline(clock, r => (r.Retry.MaxRetryAttempts, r.Retry.BaseDelay, r.Retry.UseJitter) = (1, TimeSpan.FromSeconds(1), true));
            var vendor = new Vendor(clock, Vendor.Throws(NotSent()), Vendor.Accepts());

            var send = Run(pipeline, limiter, vendor);
            await AdvanceAsync(clock, TimeSpan.FromMilliseconds(750) - Tick);
            await SettleAsync();
            Assert.False(vendor.Attempt(2).IsCompleted, "The retry came before 0.75 s.");

            // On to 1.25 s a millisecond at a time, so that the retry shows when, to the millisecond, it came.
            await Task.Run(() =>
            {
                clock.Advance(Tick);
                while (!vendor.Attempt(2).IsCompleted && Elapsed(clock) < TimeSpan.FromMilliseconds(1250))
                {
                    clock.Advance(TimeSpan.FromMilliseconds(1));
                }
            });

            var delay = await vendor.Attempt(2).WaitAsync(Bound);
            Assert.Equal("sent", await send.WaitAsync(Bound));
            Assert.InRange(delay, TimeSpan.FromMilliseconds(750), TimeSpan.FromMilliseconds(1250));
            delays.Add(delay);
        }

        // Without jitter every retry would come after exactly one second.
        Assert.True(delays.Distinct().Count() > 1, "The retry delays were all the same.");
    }

    [Theory]
    [InlineData(2500)]
    [InlineData(200)]
    public async Task A_retry_after_from_the_vendor_replaces_the_backoff_exactly(int retryAfterMilliseconds)
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.Retry.BaseDelay = TimeSpan.FromSeconds(1));
        var retryAfter = TimeSpan.FromMilliseconds(retryAfterMilliseconds);
        var vendor = new Vendor(clock, Vendor.Throws(NotSent(retryAfter)), Vendor.Accepts());

        var send = Run(pipeline, limiter, vendor);
        await AttemptsAtAsync(clock, vendor, 2, retryAfter);

        Assert.Equal("sent", await send.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_retry_after_of_exactly_the_max_retry_after_is_waited_for()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10));
        var vendor = new Vendor(clock, Vendor.Throws(NotSent(TimeSpan.FromSeconds(10))), Vendor.Accepts());

        var send = Run(pipeline, limiter, vendor);
        await AttemptsAtAsync(clock, vendor, 2, TimeSpan.FromSeconds(10));

        Assert.Equal("sent", await send.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_max_retry_after_fails_at_once_with_that_failure()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.Retry.MaxRetryAfter = TimeSpan.FromSeconds(10));
        var failure = NotSent(TimeSpan.FromSeconds(10) + Tick);
        var vendor = new Vendor(clock, Vendor.Throws(failure), Vendor.Accepts());

        var send = Run(pipeline, limiter, vendor);
        await SettleAsync();

        Assert.True(send.IsCompleted);
        Assert.Same(failure, await Assert.ThrowsAsync<SmsConnectorException>(() => send));
        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        Assert.Equal(1, vendor.Count);
    }

    [Fact]
    public async Task With_no_retries_a_not_sent_transient_failure_ends_the_send_after_one_attempt()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.Retry.MaxRetryAttempts = 0);
        var failure = NotSent();
        var vendor = new Vendor(clock, Vendor.Throws(failure), Vendor.Accepts());

        var send = Run(pipeline, limiter, vendor);

        Assert.Same(failure, await Assert.ThrowsAsync<SmsConnectorException>(() => send.WaitAsync(Bound)));
        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        Assert.Equal(1, vendor.Count);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public async Task Only_failures_that_left_nothing_sent_and_may_pass_are_retried(bool mayHaveBeenSent, bool isTransient)
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.Retry.MaxRetryAttempts = 3);
        var failure = new SmsConnectorException(SmsErrorCode.ServiceUnavailable, "The vendor failed.")
        {
            MayHaveBeenSent = mayHaveBeenSent,
            IsTransient = isTransient,
        };
        var vendor = new Vendor(clock, Vendor.Throws(failure), Vendor.Accepts());

        var send = Run(pipeline, limiter, vendor);

        Assert.Same(failure, await Assert.ThrowsAsync<SmsConnectorException>(() => send.WaitAsync(Bound)));
        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        Assert.Equal(1, vendor.Count);
    }

    [Fact]
    public async Task Caller_cancellation_is_a_cancellation_not_a_timeout_and_not_a_breaker_failure()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, OpensOnFirstFailure);
        var vendor = new Vendor(clock, Vendor.Hangs(requestUnderWay: true), Vendor.Accepts());
        using var caller = new CancellationTokenSource();

        var send = Run(pipeline, limiter, vendor, cancellationToken: caller.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Bound));
        Assert.Equal(0, pipeline.CircuitState);
        Assert.Equal("sent", await Run(pipeline, limiter, vendor).WaitAsync(Bound));
        Assert.Equal(2, vendor.Count);
        Assert.True(vendor.Tokens[0].IsCancellationRequested);
        Assert.Equal(TimeSpan.Zero, vendor.StartedAt[1]);
    }

    [Fact]
    public async Task Caller_cancellation_during_a_backoff_wait_is_a_cancellation()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.Retry.BaseDelay = TimeSpan.FromSeconds(1));
        var vendor = new Vendor(clock, Vendor.Throws(NotSent()), Vendor.Accepts());
        using var caller = new CancellationTokenSource();

        var send = Run(pipeline, limiter, vendor, cancellationToken: caller.Token);
        await AdvanceAsync(clock, TimeSpan.FromMilliseconds(500));
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Bound));
        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        Assert.Equal(1, vendor.Count);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("may have been sent")]
    [InlineData("not transient")]
    [InlineData("other exception")]
    public async Task Timeouts_and_other_failures_than_not_sent_transient_ones_do_not_open_the_breaker(string outcome)
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, OpensOnFirstFailure);
        var vendor = new Vendor(clock, outcome switch
        {
            "timeout" => Vendor.Hangs(requestUnderWay: true),
            "may have been sent" => Vendor.Throws(new SmsConnectorException(SmsErrorCode.General, "Cut off.") { MayHaveBeenSent = true, IsTransient = true }),
            "not transient" => Vendor.Throws(new SmsConnectorException(SmsErrorCode.AuthorizationFailed, "Rejected.") { MayHaveBeenSent = false }),
            _ => (_, _) => throw new InvalidOperationException("Not an SMS failure."),
        });

        var send = Run(pipeline, limiter, vendor);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<Exception>(() => send.WaitAsync(Bound));

        Assert.Equal(0, pipeline.CircuitState);
        Assert.Equal("sent", await Run(pipeline, limiter, new Vendor(clock, Vendor.Accepts())).WaitAsync(Bound));

        // The breaker is live: once that outcome has left the sampling window, one not-sent transient failure opens it.
        await AdvanceAsync(clock, TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, new Vendor(clock, Vendor.Throws(NotSent()))).WaitAsync(Bound));
        Assert.Equal(1, pipeline.CircuitState);
    }

    [Fact]
    public async Task An_open_breaker_refuses_at_once_without_calling_the_vendor()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, OpensOnFirstFailure);
        var vendor = new Vendor(clock, Vendor.Throws(NotSent()), Vendor.Accepts());
        await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound));
        await AdvanceAsync(clock, TimeSpan.FromSeconds(10));

        var send = Run(pipeline, limiter, vendor);
        await SettleAsync();

        Assert.True(send.IsCompleted);
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => send);
        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
        Assert.Contains("circuit breaker is open", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, vendor.Count);
    }

    [Fact]
    public async Task After_the_break_a_successful_trial_closes_the_circuit()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, OpensOnFirstFailure);
        var trial = new TaskCompletionSource<string>();
        var vendor = new Vendor(clock, Vendor.Throws(NotSent()), (_, token) => trial.Task.WaitAsync(token), Vendor.Accepts());
        await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound));
        Assert.Equal(1, pipeline.CircuitState);

        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        var trialSend = Run(pipeline, limiter, vendor);
        await vendor.Attempt(2).WaitAsync(Bound);
        Assert.Equal(2, pipeline.CircuitState);
        var refused = await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound));
        Assert.Equal(SmsErrorCode.ServiceUnavailable, refused.Code);

        trial.SetResult("sent");

        Assert.Equal("sent", await trialSend.WaitAsync(Bound));
        Assert.Equal(0, pipeline.CircuitState);
        Assert.Equal("sent", await Run(pipeline, limiter, vendor).WaitAsync(Bound));
        Assert.Equal(3, vendor.Count);
    }

    [Fact]
    public async Task A_trial_cancelled_by_its_caller_lets_the_next_send_try_at_once()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, OpensOnFirstFailure);
        var vendor = new Vendor(clock, Vendor.Throws(NotSent()), Vendor.Hangs(requestUnderWay: true), Vendor.Accepts());
        await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound));
        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        using var caller = new CancellationTokenSource();
        var trial = Run(pipeline, limiter, vendor, cancellationToken: caller.Token);
        await vendor.Attempt(2).WaitAsync(Bound);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trial.WaitAsync(Bound));

        Assert.Equal("sent", await Run(pipeline, limiter, vendor).WaitAsync(Bound));
        Assert.Equal(0, pipeline.CircuitState);
    }

    [Fact]
    public async Task The_circuit_state_reads_0_closed_1_open_and_2_half_open()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, OpensOnFirstFailure);
        var vendor = new Vendor(clock, Vendor.Throws(NotSent()), Vendor.Hangs(requestUnderWay: true));
        Assert.Equal(0, pipeline.CircuitState);

        await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound));
        Assert.Equal(1, pipeline.CircuitState);

        await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        Assert.Equal(1, pipeline.CircuitState);
        _ = Run(pipeline, limiter, vendor);
        await vendor.Attempt(2).WaitAsync(Bound);
        Assert.Equal(2, pipeline.CircuitState);
    }

    [Fact]
    public async Task Without_a_breaker_the_circuit_state_stays_0_and_nothing_is_refused()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => (r.Retry.MaxRetryAttempts, r.CircuitBreaker.Enabled, r.CircuitBreaker.MinimumThroughput) = (0, false, 1));
        var failure = NotSent();
        var vendor = new Vendor(clock, Vendor.Throws(failure));

        for (var i = 0; i < 5; i++)
        {
            Assert.Same(failure, await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor).WaitAsync(Bound)));
            Assert.Equal(0, pipeline.CircuitState);
        }

        Assert.Equal(5, vendor.Count);
    }

    [Fact]
    public async Task An_exhausted_rate_limit_refuses_without_calling_the_vendor()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock);
        var rateLimit = new SmsRateLimitOptions { PermitsPerSecond = 1, QueueLength = 0 };
        var vendor = new Vendor(clock, Vendor.Accepts());

        Assert.Equal("sent", await Run(pipeline, limiter, vendor, rateLimit).WaitAsync(Bound));
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => Run(pipeline, limiter, vendor, rateLimit).WaitAsync(Bound));

        Assert.Equal(SmsErrorCode.RateLimitExceeded, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.True(error.IsTransient);
        Assert.Equal(1, vendor.Count);

        await AdvanceAsync(clock, TimeSpan.FromSeconds(1));
        Assert.Equal("sent", await Run(pipeline, limiter, vendor, rateLimit).WaitAsync(Bound));
        Assert.Equal(2, vendor.Count);
    }

    [Fact]
    public void For_returns_the_same_pipeline_while_the_settings_are_equal()
    {
        var clock = new FakeTimeProvider();
        SendPipeline? current = null;

        var first = SendPipeline.For(ref current, Options(), clock);
        var again = SendPipeline.For(ref current, Options(), clock);
        var otherKeys = Options();
        otherKeys.MaxResponseBytes = 1024;
        otherKeys.RateLimit = new SmsRateLimitOptions { PermitsPerSecond = 5 };
        var afterOtherKeys = SendPipeline.For(ref current, otherKeys, clock);

        Assert.Same(first, current);
        Assert.Same(first, again);
        Assert.Same(first, afterOtherKeys);
    }

    [Theory]
    [InlineData("TotalTimeout")]
    [InlineData("AttemptTimeout")]
    [InlineData("MaxRetryAttempts")]
    [InlineData("BaseDelay")]
    [InlineData("MaxDelay")]
    [InlineData("UseJitter")]
    [InlineData("MaxRetryAfter")]
    [InlineData("Enabled")]
    [InlineData("FailureRatio")]
    [InlineData("MinimumThroughput")]
    [InlineData("SamplingDuration")]
    [InlineData("BreakDuration")]
    public void For_builds_a_new_pipeline_when_a_resilience_setting_changes(string setting)
    {
        var clock = new FakeTimeProvider();
        SendPipeline? current = null;
        var first = SendPipeline.For(ref current, Options(), clock);
        var changed = Options();
        Changes[setting](changed.Resilience);

        var rebuilt = SendPipeline.For(ref current, changed, clock);

        Assert.NotSame(first, rebuilt);
        Assert.Same(rebuilt, current);
        Assert.Same(rebuilt, SendPipeline.For(ref current, changed, clock));
    }

    [Fact]
    public async Task A_rebuilt_pipeline_uses_the_new_settings()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        SendPipeline? current = null;
        var options = Options();
        options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
        _ = SendPipeline.For(ref current, options, clock);

        // A reload binds a new options instance.
        var reloaded = Options();
        reloaded.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
        var pipeline = SendPipeline.For(ref current, reloaded, clock);

        var send = Run(pipeline, limiter, new Vendor(clock, Vendor.Hangs(requestUnderWay: true)));
        var error = await FailsAtAsync(clock, send, TimeSpan.FromSeconds(1));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
    }

    [Fact]
    public async Task An_attempt_that_throws_before_it_returns_is_a_failed_attempt_and_is_retried()
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock);
        var calls = 0;

        var send = pipeline.ExecuteAsync(limiter, null, (_, _, _) => ++calls == 1 ? throw NotSent() : new ValueTask<string>("sent"), 0, new AttemptTracker(), CancellationToken.None).AsTask();
        await SettleAsync();
        Assert.False(send.IsCompleted, "The retry did not wait for its backoff.");
        await AdvanceAsync(clock, TimeSpan.FromSeconds(1));

        Assert.Equal("sent", await send.WaitAsync(Bound));
        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData(6000.0)]
    [InlineData(5001.5)]
    [InlineData(5000.0)]
    public async Task A_retryable_failure_that_comes_in_after_the_total_timeout_is_that_timeout(double failsAtMilliseconds)
    {
        var clock = new FakeTimeProvider();
        using var limiter = new SendRateLimiter(0, 0, clock);
        var pipeline = Pipeline(clock, r => r.TotalTimeout = TimeSpan.FromSeconds(5));
        var failsAt = TimeSpan.FromMilliseconds(failsAtMilliseconds);
        var vendor = new Vendor(clock, async (_, _) =>
        {
            // An attempt that does not stop when its token is cancelled.
            await Task.Delay(failsAt, clock, CancellationToken.None);
            throw NotSent();
        });

        var send = Run(pipeline, limiter, vendor);
        await AdvanceAsync(clock, failsAt);
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => send.WaitAsync(Bound));

        Assert.Equal(SmsErrorCode.Timeout, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.Contains("within 5 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, vendor.Count);
    }

    /// <summary>Options with round settings: no jitter, and no circuit breaker unless a test turns it on.</summary>
    private static SevenOptions Options()
    {
        var options = new SevenOptions();
        var resilience = options.Resilience;
        (resilience.TotalTimeout, resilience.AttemptTimeout) = (TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10));
        (resilience.Retry.MaxRetryAttempts, resilience.Retry.BaseDelay, resilience.Retry.MaxDelay) = (2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        (resilience.Retry.UseJitter, resilience.Retry.MaxRetryAfter) = (false, TimeSpan.FromSeconds(10));
        resilience.CircuitBreaker.Enabled = false;
        return options;
    }

    private static SendPipeline Pipeline(FakeTimeProvider clock, Action<SmsResilienceOptions>? configure = null)
    {
        var options = Options();
        configure?.Invoke(options.Resilience);
        SendPipeline? current = null;
        return SendPipeline.For(ref current, options, clock);
    }

    /// <summary>No retries, and a breaker that opens for 30 seconds on a not-sent transient failure, when it is the only outcome in the last 10 seconds.</summary>
    private static void OpensOnFirstFailure(SmsResilienceOptions resilience)
    {
        resilience.Retry.MaxRetryAttempts = 0;
        resilience.CircuitBreaker.Enabled = true;
        resilience.CircuitBreaker.MinimumThroughput = 1;
        resilience.CircuitBreaker.FailureRatio = 1.0;
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(30);
    }

    private static SmsConnectorException NotSent(TimeSpan? retryAfter = null) =>
        new(SmsErrorCode.ServiceUnavailable, "The vendor could not be reached.")
        {
            MayHaveBeenSent = false,
            IsTransient = true,
            RetryAfter = retryAfter,
        };

    private static Task<string> Run(SendPipeline pipeline, SendRateLimiter limiter, Vendor vendor, SmsRateLimitOptions? rateLimit = null, CancellationToken cancellationToken = default) =>
        pipeline.ExecuteAsync(limiter, rateLimit, static (vendor, tracker, token) => new ValueTask<string>(vendor.AttemptAsync(tracker, token)), vendor, new AttemptTracker(), cancellationToken).AsTask();

    /// <summary>
    /// Advances the clock off the test's synchronization context, so that what its timers set off
    /// (a timeout, the end of a backoff and the attempt that follows) runs inline and is over when
    /// this returns. The clock is already at its new time when the timers fire.
    /// </summary>
    private static Task AdvanceAsync(FakeTimeProvider clock, TimeSpan delta) => Task.Run(() => clock.Advance(delta));

    /// <summary>Gets how long the clock has run: every send in these tests starts at its start.</summary>
    private static TimeSpan Elapsed(FakeTimeProvider clock) => clock.GetUtcNow() - Start;

    /// <summary>Moves the clock to one tick before <paramref name="at"/>, checks the send is still running, then to <paramref name="at"/>, where it must fail.</summary>
    private static async Task<SmsConnectorException> FailsAtAsync(FakeTimeProvider clock, Task<string> send, TimeSpan at)
    {
        await AdvanceAsync(clock, at - Tick - Elapsed(clock));
        await SettleAsync();
        Assert.False(send.IsCompleted, $"The send ended before {at}.");

        await AdvanceAsync(clock, Tick);
        return await Assert.ThrowsAsync<SmsConnectorException>(() => send.WaitAsync(Bound));
    }

    /// <summary>Moves the clock to one tick before <paramref name="at"/>, checks attempt <paramref name="number"/> has not begun, then to <paramref name="at"/>, where it must begin.</summary>
    private static async Task AttemptsAtAsync(FakeTimeProvider clock, Vendor vendor, int number, TimeSpan at)
    {
        await AdvanceAsync(clock, at - Tick - Elapsed(clock));
        await SettleAsync();
        Assert.False(vendor.Attempt(number).IsCompleted, $"Attempt {number} began before {at}.");

        await AdvanceAsync(clock, Tick);
        Assert.Equal(at, await vendor.Attempt(number).WaitAsync(Bound));
    }

    /// <summary>Gives continuations a moment to run; nothing here depends on how long it is.</summary>
    private static Task SettleAsync() => Task.Delay(20);

    /// <summary>
    /// The attempts' side: answers each attempt with the next scripted answer (the last one
    /// again once the script runs out) and notes when, on the fake clock, each began.
    /// </summary>
    private sealed class Vendor(FakeTimeProvider clock, params Func<AttemptTracker, CancellationToken, Task<string>>[] answers)
    {
        private readonly Lock _lock = new();
        private readonly List<TaskCompletionSource<TimeSpan>> _started = [];
        private readonly List<CancellationToken> _tokens = [];
        private readonly List<TimeSpan> _startedAt = [];

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _startedAt.Count;
                }
            }
        }

        /// <summary>Gets the tokens the attempts were given, in order.</summary>
        public IReadOnlyList<CancellationToken> Tokens
        {
            get
            {
                lock (_lock)
                {
                    return [.. _tokens];
                }
            }
        }

        /// <summary>Gets when each attempt so far began.</summary>
        public IReadOnlyList<TimeSpan> StartedAt
        {
            get
            {
                lock (_lock)
                {
                    return [.. _startedAt];
                }
            }
        }

        public static Func<AttemptTracker, CancellationToken, Task<string>> Accepts() => (_, _) => Task.FromResult("sent");

        public static Func<AttemptTracker, CancellationToken, Task<string>> Throws(Exception failure) => (_, _) => Task.FromException<string>(failure);

        /// <summary>An attempt that never answers and ends only when its token is cancelled; with <paramref name="requestUnderWay"/>, its request is on its way.</summary>
        public static Func<AttemptTracker, CancellationToken, Task<string>> Hangs(bool requestUnderWay) => (tracker, token) =>
        {
            if (requestUnderWay)
            {
                tracker.Started();
            }

            return new TaskCompletionSource<string>().Task.WaitAsync(token);
        };

        /// <summary>An attempt whose request is on its way after <paramref name="work"/> passes on the clock before it first waits (when its timer is set), and that then never answers.</summary>
        public static Func<AttemptTracker, CancellationToken, Task<string>> WorksThenHangs(FakeTimeProvider clock, TimeSpan work) => (tracker, token) =>
        {
            clock.Advance(work);
            return Hangs(requestUnderWay: true)(tracker, token);
        };

        /// <summary>Completes with when attempt <paramref name="number"/> (from 1) began.</summary>
        public Task<TimeSpan> Attempt(int number)
        {
            lock (_lock)
            {
                return Started(number - 1).Task;
            }
        }

        public Task<string> AttemptAsync(AttemptTracker tracker, CancellationToken token)
        {
            int index;
            lock (_lock)
            {
                index = _startedAt.Count;
                _startedAt.Add(Elapsed(clock));
                _tokens.Add(token);
                Started(index).SetResult(_startedAt[index]);
            }

            return answers[Math.Min(index, answers.Length - 1)](tracker, token);
        }

        private TaskCompletionSource<TimeSpan> Started(int index)
        {
            while (_started.Count <= index)
            {
                _started.Add(new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return _started[index];
        }
    }
}
