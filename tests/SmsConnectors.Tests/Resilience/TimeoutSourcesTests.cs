using Microsoft.Extensions.Time.Testing;
using SmsConnectors.Resilience.Internal;

namespace SmsConnectors.Tests.Resilience;

/// <summary>
/// The attempts' timeout sources: a source handed back before its timeout is reused (on the
/// system clock, whose timers can be reset), a rented source fires exactly at its own timeout, and
/// nothing of an earlier use reaches the next.
/// </summary>
public sealed class TimeoutSourcesTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void On_the_system_clock_a_source_handed_back_is_reused()
    {
        var sources = new TimeoutSources(TimeProvider.System);
        var first = sources.Rent(TimeSpan.FromMinutes(10));
        sources.Return(first);

        var second = sources.Rent(TimeSpan.FromMinutes(10));

        Assert.Same(first, second);
        Assert.False(second.IsCancellationRequested);
        sources.Return(second);
    }

    [Fact]
    public async Task A_reused_source_fires_at_its_new_timeout_and_not_for_the_old_registrations()
    {
        var sources = new TimeoutSources(TimeProvider.System);
        var first = sources.Rent(TimeSpan.FromMinutes(10));
        var oldRegistrationCalled = false;
        first.Token.Register(() => oldRegistrationCalled = true);
        sources.Return(first);

        var reused = sources.Rent(TimeSpan.FromMilliseconds(50));
        var fired = new TaskCompletionSource();
        reused.Token.Register(fired.SetResult);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Same(first, reused);
        Assert.False(oldRegistrationCalled);
    }

    [Fact]
    public void On_a_fake_clock_each_rented_source_fires_exactly_at_its_own_timeout()
    {
        var clock = new FakeTimeProvider();
        var sources = new TimeoutSources(clock);
        sources.Return(sources.Rent(TimeSpan.FromSeconds(10)));

        var source = sources.Rent(TimeSpan.FromSeconds(3));
        clock.Advance(TimeSpan.FromSeconds(3) - Tick);
        Assert.False(source.IsCancellationRequested);
        clock.Advance(Tick);

        Assert.True(source.IsCancellationRequested);
    }

    [Fact]
    public void A_source_handed_back_no_longer_fires_its_old_timeout()
    {
        var clock = new FakeTimeProvider();
        var sources = new TimeoutSources(clock);
        var source = sources.Rent(TimeSpan.FromSeconds(1));
        sources.Return(source);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(source.IsCancellationRequested);
    }

    [Fact]
    public void A_cancelled_source_is_not_reused()
    {
        var sources = new TimeoutSources(TimeProvider.System);
        var cancelled = sources.Rent(TimeSpan.FromMinutes(10));
        cancelled.Cancel();
        sources.Return(cancelled);

        var next = sources.Rent(TimeSpan.FromMinutes(10));

        Assert.NotSame(cancelled, next);
        Assert.False(next.IsCancellationRequested);
        sources.Return(next);
    }
}
