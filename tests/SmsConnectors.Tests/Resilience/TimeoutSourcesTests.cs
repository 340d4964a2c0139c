using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Resilience.Internal;

namespace SmsConnectors.Tests.Resilience;

/// <summary>
/// The attempts' timeout sources: a source is rented unset and cancels only once set, a source
/// handed back before its timeout is reused (on the system clock, whose timers can be reset), a set
/// source fires exactly at its own timeout, and nothing of an earlier use reaches the next.
/// </summary>
public sealed class TimeoutSourcesTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void On_the_system_clock_a_source_handed_back_is_reused()
    {
        var sources = new TimeoutSources(TimeProvider.System);
        var first = sources.Rent();
        Assert.Null(sources.Set(first, TimeSpan.FromMinutes(10)));
        sources.Return(first, timer: null);

        var second = sources.Rent();

        Assert.Same(first, second);
        Assert.False(second.IsCancellationRequested);
        sources.Return(second, timer: null);
    }

    [Fact]
    public async Task A_reused_source_fires_at_its_new_timeout_and_not_for_the_old_registrations()
    {
        var sources = new TimeoutSources(TimeProvider.System);
        var first = sources.Rent();
        sources.Set(first, TimeSpan.FromMinutes(10));
        var oldRegistrationCalled = false;
        first.Token.Register(() => oldRegistrationCalled = true);
        sources.Return(first, timer: null);

        var reused = sources.Rent();
        sources.Set(reused, TimeSpan.FromMilliseconds(50));
        var fired = new TaskCompletionSource();
        reused.Token.Register(fired.SetResult);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Same(first, reused);
        Assert.False(oldRegistrationCalled);
    }

    [Fact]
    public void On_a_fake_clock_a_set_source_fires_exactly_at_its_own_timeout_to_the_tick()
    {
        var clock = new FakeTimeProvider();
        var sources = new TimeoutSources(clock);
        var source = sources.Rent();
        clock.Advance(TimeSpan.FromHours(1));
        Assert.False(source.IsCancellationRequested);

        // 1.5 ms: a timer of whole milliseconds would fire at 1 ms, or at 2.
        var timeout = TimeSpan.FromTicks(15_000);
        var timer = sources.Set(source, timeout);
        clock.Advance(timeout - Tick);
        Assert.False(source.IsCancellationRequested);
        clock.Advance(Tick);

        Assert.True(source.IsCancellationRequested);
        sources.Return(source, timer);
    }

    [Fact]
    public void A_source_handed_back_no_longer_fires_its_old_timeout_and_one_set_on_a_fake_clock_is_not_reused()
    {
        var clock = new FakeTimeProvider();
        var sources = new TimeoutSources(clock);
        var source = sources.Rent();
        var timer = sources.Set(source, TimeSpan.FromSeconds(1));
        Assert.NotNull(timer);
        sources.Return(source, timer);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(source.IsCancellationRequested);
        Assert.NotSame(source, sources.Rent());
    }

    [Fact]
    public void A_source_set_with_no_time_left_is_cancelled_at_once()
    {
        var sources = new TimeoutSources(new FakeTimeProvider());
        var source = sources.Rent();

        var timer = sources.Set(source, TimeSpan.Zero);

        Assert.Null(timer);
        Assert.True(source.IsCancellationRequested);
    }

    [Fact]
    public void A_cancelled_source_is_not_reused()
    {
        var sources = new TimeoutSources(TimeProvider.System);
        var cancelled = sources.Rent();
        cancelled.Cancel();
        sources.Return(cancelled, timer: null);

        var next = sources.Rent();

        Assert.NotSame(cancelled, next);
        Assert.False(next.IsCancellationRequested);
        sources.Return(next, timer: null);
    }
}
