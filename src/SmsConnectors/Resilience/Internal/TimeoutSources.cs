namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// The cancellation sources of attempts' timeouts on one clock. A source is rented without a
/// timeout and set only once its attempt has to wait, so an attempt that completes at once never
/// touches a timer; one handed back before it fired is reset and kept for the next attempt. A
/// source that was cancelled, or whose timer was the clock's own, is never reused.
/// </summary>
/// <param name="timeProvider">The clock the timers run on.</param>
internal sealed class TimeoutSources(TimeProvider timeProvider)
{
    /// <summary>
    /// One unset source kept by each thread, taken and given back without an interlocked step; a
    /// source is tied to no clock until it is set, so every pipeline's sources can share it.
    /// </summary>
    [ThreadStatic]
    private static CancellationTokenSource? _threadKept;

    private readonly CancellationTokenSource?[] _kept = new CancellationTokenSource?[Math.Min(Environment.ProcessorCount * 4, 64)];

    /// <summary>Returns a source that is not set to cancel; <see cref="Set"/> sets it.</summary>
    public CancellationTokenSource Rent()
    {
        if (_threadKept is { } mine)
        {
            _threadKept = null;
            return mine;
        }

        for (var i = 0; i < _kept.Length; i++)
        {
            if (Volatile.Read(ref _kept[i]) is not null && Interlocked.Exchange(ref _kept[i], null) is { } source)
            {
                return source;
            }
        }

        return new CancellationTokenSource();
    }

    /// <summary>
    /// Sets <paramref name="source"/> to cancel after <paramref name="timeout"/>, or cancels it now
    /// when no time is left. On the system clock the source's own timer does it, rounded up to the
    /// timer's whole milliseconds so it never fires early; on any other clock a timer of that clock
    /// does it to the tick, and is returned to be handed back with the source.
    /// </summary>
    public ITimer? Set(CancellationTokenSource source, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            source.Cancel();
            return null;
        }

        if (timeProvider == TimeProvider.System)
        {
#pragma warning disable RS0030 // On the system clock a source's own timer is the clock's timer.
            source.CancelAfter(TimeSpan.FromMilliseconds(Math.Ceiling(timeout.TotalMilliseconds)));
#pragma warning restore RS0030
            return null;
        }

        return timeProvider.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), source, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Takes a source back with the timer <see cref="Set"/> returned: kept when it can be reset and there is room, let go otherwise.</summary>
    public void Return(CancellationTokenSource source, ITimer? timer)
    {
        if (timer is not null)
        {
            // The timer's callback may already be on its way, so the source is neither reused nor disposed under it.
            timer.Dispose();
            return;
        }

        if (source.TryReset())
        {
            if (_threadKept is null)
            {
                _threadKept = source;
                return;
            }

            for (var i = 0; i < _kept.Length; i++)
            {
                if (Volatile.Read(ref _kept[i]) is null && Interlocked.CompareExchange(ref _kept[i], source, null) is null)
                {
                    return;
                }
            }
        }

        source.Dispose();
    }
}
