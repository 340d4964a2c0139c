using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Resilience;
using SmsConnectors.Resilience.Internal;

namespace SmsConnectors.Tests.Resilience;

/// <summary>
/// The circuit breaker on its own, on a fake clock: when it opens, how long it refuses, the one
/// trial after a break and what the trial's outcome, or its absence, does to the circuit.
/// </summary>
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void A_new_circuit_is_closed_and_lets_calls_through()
    {
        var breaker = Create(new FakeTimeProvider());

        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Assert.True(breaker.TryEnter(out var retryAfter));
        Assert.Equal(TimeSpan.Zero, retryAfter);
    }

    [Fact]
    public void Failures_below_the_minimum_throughput_keep_it_closed()
    {
        var breaker = Create(new FakeTimeProvider(), minimumThroughput: 4, failureRatio: 0.5);

        for (var i = 0; i < 3; i++)
        {
            Fail(breaker);
        }

        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Assert.True(breaker.TryEnter(out _));
    }

    [Fact]
    public void It_opens_on_the_failure_that_brings_the_share_of_failures_to_the_ratio()
    {
        var breaker = Create(new FakeTimeProvider(), minimumThroughput: 4, failureRatio: 0.5);
        Succeed(breaker);
        Succeed(breaker);
        Succeed(breaker);

        // 1 of 4, then 2 of 5: the throughput is reached but not the ratio.
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);

        // 3 of 6 is exactly half.
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
        Assert.False(breaker.TryEnter(out _));
    }

    [Fact]
    public void The_minimum_throughput_is_reached_exactly_at_its_value()
    {
        var breaker = Create(new FakeTimeProvider(), minimumThroughput: 4, failureRatio: 1.0);

        Fail(breaker);
        Fail(breaker);
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);

        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Fact]
    public void Successes_keep_the_share_of_failures_below_the_ratio_and_the_circuit_closed()
    {
        var breaker = Create(new FakeTimeProvider(), minimumThroughput: 4, failureRatio: 0.6);

        // Half of 40 calls fail, with the failure last each time: never 60 %.
        for (var i = 0; i < 20; i++)
        {
            Succeed(breaker);
            Fail(breaker);
            Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        }

        Assert.True(breaker.TryEnter(out _));
    }

    [Fact]
    public void Successes_count_towards_the_throughput_and_against_the_ratio()
    {
        var breaker = Create(new FakeTimeProvider(), minimumThroughput: 4, failureRatio: 0.5);
        for (var i = 0; i < 5; i++)
        {
            Succeed(breaker);
        }

        // 4 failures of 9; with the successes left out they would be 4 of 4.
        for (var i = 0; i < 4; i++)
        {
            Fail(breaker);
        }

        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);

        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Fact]
    public void Failures_a_sampling_duration_old_no_longer_count()
    {
        var clock = new FakeTimeProvider();
        var breaker = Create(clock, minimumThroughput: 4, failureRatio: 0.5);
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);

        clock.Advance(SamplingDuration);
        Fail(breaker);

        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
    }

    [Fact]
    public void Failures_still_count_one_tick_before_they_are_a_sampling_duration_old()
    {
        var clock = new FakeTimeProvider();
        var breaker = Create(clock, minimumThroughput: 4, failureRatio: 0.5);
        Fail(breaker);
        Fail(breaker);
        Fail(breaker);

        clock.Advance(SamplingDuration - Tick);
        Fail(breaker);

        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Fact]
    public void The_sampling_window_slides_instead_of_starting_afresh()
    {
        var clock = new FakeTimeProvider();
        var breaker = Create(clock, minimumThroughput: 4, failureRatio: 1.0);

        // Failures at 0 s, 20 s, 40 s and 61 s: the first has left the window by the fourth.
        Fail(breaker);
        clock.Advance(TimeSpan.FromSeconds(20));
        Fail(breaker);
        clock.Advance(TimeSpan.FromSeconds(20));
        Fail(breaker);
        clock.Advance(TimeSpan.FromSeconds(21));
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);

        // 20 s, 40 s, 61 s and 62 s are four within 60 s.
        clock.Advance(TimeSpan.FromSeconds(1));
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Fact]
    public void An_open_circuit_refuses_with_the_time_left_of_its_break()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);

        Assert.False(breaker.TryEnter(out var atOnce));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(breaker.TryEnter(out var later));

        Assert.Equal(BreakDuration, atOnce);
        Assert.Equal(BreakDuration - TimeSpan.FromSeconds(4), later);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Theory]
    [InlineData(968233971L)]
    [InlineData(150000001L)]
    [InlineData(5000000L)]
    public void A_break_of_any_length_lasts_exactly_that_long(long breakTicks)
    {
        var clock = new FakeTimeProvider();
        var breakDuration = TimeSpan.FromTicks(breakTicks);
        var breaker = new CircuitBreaker(new SmsCircuitBreakerOptions { FailureRatio = 1.0, MinimumThroughput = 2, SamplingDuration = SamplingDuration, BreakDuration = breakDuration }, clock);
        Fail(breaker);
        Fail(breaker);

        Assert.False(breaker.TryEnter(out var atOnce));
        Assert.Equal(breakDuration, atOnce);
        clock.Advance(breakDuration - Tick);
        Assert.False(breaker.TryEnter(out var lastTick));
        Assert.Equal(Tick, lastTick);
        clock.Advance(Tick);
        Assert.True(breaker.TryEnter(out _));
    }

    [Fact]
    public void After_exactly_the_break_one_trial_goes_through_and_a_second_call_is_refused()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);

        clock.Advance(BreakDuration - Tick);
        Assert.False(breaker.TryEnter(out var lastTick));
        Assert.Equal(Tick, lastTick);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);

        clock.Advance(Tick);
        Assert.True(breaker.TryEnter(out _));
        Assert.Equal(CircuitBreaker.Status.HalfOpen, breaker.State);

        Assert.False(breaker.TryEnter(out var whileTrial));
        Assert.Equal(BreakDuration, whileTrial);
    }

    [Fact]
    public void Successes_recorded_at_a_time_already_read_count_like_any_other()
    {
        var clock = new FakeTimeProvider();
        var breaker = Create(clock, minimumThroughput: 2, failureRatio: 0.6);

        // The first starts the window; the second counts in it. Uncounted, the two failures alone would open the circuit.
        breaker.RecordSuccess(clock.GetTimestamp());
        breaker.RecordSuccess(clock.GetTimestamp());
        Fail(breaker);
        Fail(breaker);

        // Two failures of four stay under 60 %.
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Assert.True(breaker.TryEnter(out _));
    }

    [Fact]
    public void A_successful_trial_closes_the_circuit_and_forgets_the_earlier_failures()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock, minimumThroughput: 4, failureRatio: 0.5);
        clock.Advance(BreakDuration);
        Assert.True(breaker.TryEnter(out _));

        breaker.Record(failed: false);

        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Assert.True(breaker.TryEnter(out _));

        // The four failures that opened it are still within the sampling duration; forgotten, they do not add up with a new one.
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Assert.True(breaker.TryEnter(out _));
    }

    [Fact]
    public void A_failed_trial_opens_the_circuit_for_a_full_break_from_its_failure()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);
        clock.Advance(BreakDuration);
        Assert.True(breaker.TryEnter(out _));
        clock.Advance(TimeSpan.FromSeconds(3));

        breaker.Record(failed: true);

        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
        Assert.False(breaker.TryEnter(out var retryAfter));
        Assert.Equal(BreakDuration, retryAfter);

        clock.Advance(BreakDuration - Tick);
        Assert.False(breaker.TryEnter(out _));
        clock.Advance(Tick);
        Assert.True(breaker.TryEnter(out _));
        Assert.Equal(CircuitBreaker.Status.HalfOpen, breaker.State);
    }

    [Fact]
    public void An_abandoned_trial_lets_the_next_call_try_at_once()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);
        clock.Advance(BreakDuration);
        Assert.True(breaker.TryEnter(out _));
        Assert.False(breaker.TryEnter(out _));

        breaker.Abandon();

        Assert.True(breaker.TryEnter(out _));
        Assert.Equal(CircuitBreaker.Status.HalfOpen, breaker.State);
        Assert.False(breaker.TryEnter(out _));
    }

    [Fact]
    public void Abandoning_a_call_while_the_circuit_is_open_does_not_shorten_the_break()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);
        clock.Advance(TimeSpan.FromSeconds(1));

        breaker.Abandon();

        Assert.False(breaker.TryEnter(out var retryAfter));
        Assert.Equal(BreakDuration - TimeSpan.FromSeconds(1), retryAfter);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Fact]
    public void Abandoning_a_call_while_the_circuit_is_closed_changes_nothing()
    {
        var breaker = Create(new FakeTimeProvider(), minimumThroughput: 2, failureRatio: 1.0);
        Fail(breaker);

        Assert.True(breaker.TryEnter(out _));
        breaker.Abandon();

        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
    }

    [Fact]
    public void A_trial_that_never_ends_lets_another_trial_through_after_another_break()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);
        clock.Advance(BreakDuration);
        Assert.True(breaker.TryEnter(out _));

        clock.Advance(BreakDuration - Tick);
        Assert.False(breaker.TryEnter(out var lastTick));
        Assert.Equal(Tick, lastTick);

        clock.Advance(Tick);
        Assert.True(breaker.TryEnter(out _));
        Assert.Equal(CircuitBreaker.Status.HalfOpen, breaker.State);
        Assert.False(breaker.TryEnter(out _));
    }

    [Fact]
    public void An_outcome_that_arrives_while_the_circuit_is_open_leaves_it_open()
    {
        var clock = new FakeTimeProvider();
        var breaker = Open(clock);

        // A call that entered before the circuit opened ends during the break.
        breaker.Record(failed: false);

        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
        Assert.False(breaker.TryEnter(out var retryAfter));
        Assert.Equal(BreakDuration, retryAfter);
    }

    [Fact]
    public void The_state_goes_closed_open_half_open_and_closed_again()
    {
        var clock = new FakeTimeProvider();
        var breaker = Create(clock, minimumThroughput: 1, failureRatio: 1.0);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);

        Fail(breaker);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);

        clock.Advance(BreakDuration);
        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
        Assert.True(breaker.TryEnter(out _));
        Assert.Equal(CircuitBreaker.Status.HalfOpen, breaker.State);

        breaker.Record(failed: false);
        Assert.Equal(CircuitBreaker.Status.Closed, breaker.State);
    }

    private static CircuitBreaker Create(FakeTimeProvider clock, int minimumThroughput = 4, double failureRatio = 0.5) =>
        new(
            new SmsCircuitBreakerOptions
            {
                FailureRatio = failureRatio,
                MinimumThroughput = minimumThroughput,
                SamplingDuration = SamplingDuration,
                BreakDuration = BreakDuration,
            },
            clock);

    /// <summary>A breaker opened by failures at the clock's current time.</summary>
    private static CircuitBreaker Open(FakeTimeProvider clock, int minimumThroughput = 4, double failureRatio = 0.5)
    {
        var breaker = Create(clock, minimumThroughput, failureRatio);
        while (breaker.State == CircuitBreaker.Status.Closed)
        {
            Fail(breaker);
        }

        Assert.Equal(CircuitBreaker.Status.Open, breaker.State);
        return breaker;
    }

    private static void Fail(CircuitBreaker breaker)
    {
        Assert.True(breaker.TryEnter(out _));
        breaker.Record(failed: true);
    }

    private static void Succeed(CircuitBreaker breaker)
    {
        Assert.True(breaker.TryEnter(out _));
        breaker.Record(failed: false);
    }
}
