namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// A few cancellation sources with a timer on one clock, kept between attempts: an attempt that
/// ends before its timeout hands its source back, reset, for the next attempt to set again. A
/// source that was cancelled is never reused.
/// </summary>
/// <param name="timeProvider">The clock the timers run on.</param>
internal sealed class TimeoutSources(TimeProvider timeProvider)
{
    private readonly CancellationTokenSource?[] _kept = new CancellationTokenSource?[Math.Min(Environment.ProcessorCount * 4, 64)];

    /// <summary>Returns a source that cancels itself after <paramref name="timeout"/>.</summary>
    public CancellationTokenSource Rent(TimeSpan timeout)
    {
        for (var i = 0; i < _kept.Length; i++)
        {
            if (Volatile.Read(ref _kept[i]) is not null && Interlocked.Exchange(ref _kept[i], null) is { } source)
            {
#pragma warning disable RS0030 // The source was made with the clock, so it sets that clock's timer.
                source.CancelAfter(timeout);
#pragma warning restore RS0030
                return source;
            }
        }

        return new CancellationTokenSource(timeout, timeProvider);
    }

    /// <summary>Takes a source back: kept when it can be reset and there is room, disposed otherwise.</summary>
    public void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
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
