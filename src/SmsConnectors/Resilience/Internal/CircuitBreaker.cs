namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// Stops calls to a vendor that keeps failing without accepting messages. Closed, it counts
/// outcomes over a sliding <c>SamplingDuration</c> (ten windows); once at least
/// <c>MinimumThroughput</c> outcomes were counted and the failures reach <c>FailureRatio</c> it
/// opens. Open, every call is refused until <c>BreakDuration</c> has passed; then one call goes
/// through as a trial (half-open): its success closes the circuit, its failure opens it again, and
/// a trial abandoned by its caller lets the next call try. Only failures that left nothing sent and
/// may pass count as failures; any other outcome shows that the vendor answered.
/// </summary>
internal sealed class CircuitBreaker
{
    private const int Windows = 10;

    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _failureRatio;
    private readonly int _minimumThroughput;
    private readonly TimeSpan _samplingDuration;
    private readonly TimeSpan _windowDuration;
    private readonly TimeSpan _breakDuration;
    private readonly Window[] _windows = [.. Enumerable.Range(0, Windows).Select(_ => new Window())];
    private int _current = -1;
    private volatile Window? _open;
    private volatile Status _status;
    private long _blockedUntil;

    public CircuitBreaker(SmsCircuitBreakerOptions options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _failureRatio = options.FailureRatio;
        _minimumThroughput = options.MinimumThroughput;
        _samplingDuration = options.SamplingDuration;
        _windowDuration = options.SamplingDuration / Windows;
        _breakDuration = options.BreakDuration;
    }

    /// <summary>The circuit's state.</summary>
    public enum Status
    {
        /// <summary>Calls go through and their outcomes are counted.</summary>
        Closed,

        /// <summary>Calls are refused.</summary>
        Open,

        /// <summary>One trial call is under way; others are refused.</summary>
        HalfOpen,
    }

    /// <summary>Gets the circuit's state.</summary>
    public Status State => _status;

    /// <summary>
    /// Lets a call through, or refuses it with how long until the circuit lets one through.
    /// </summary>
    /// <param name="retryAfter">When refused, how long until the next trial may start.</param>
    /// <returns><see langword="true"/> when the call may go ahead.</returns>
    public bool TryEnter(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_status == Status.Closed)
        {
            return true;
        }

        lock (_lock)
        {
            if (_status == Status.Closed)
            {
                return true;
            }

            var now = _timeProvider.GetTimestamp();
            if (now >= _blockedUntil)
            {
                // A trial; another one may start if it has not ended within a break.
                _status = Status.HalfOpen;
                _blockedUntil = now + Ticks(_breakDuration);
                return true;
            }

            retryAfter = _timeProvider.GetElapsedTime(now, _blockedUntil);
            return false;
        }
    }

    /// <summary>
    /// A call that succeeded ended at <paramref name="endedAt"/>, a timestamp of the breaker's clock
    /// the caller has already read: counted without the lock or another clock read while the circuit
    /// is closed and its window still open then.
    /// </summary>
    public void RecordSuccess(long endedAt)
    {
        if (!TryCountSuccess(endedAt))
        {
            Record(failed: false);
        }
    }

    /// <summary>A call ended; <paramref name="failed"/> when it failed without being sent and may pass.</summary>
    public void Record(bool failed)
    {
        if (!failed && TryCountSuccess(_timeProvider.GetTimestamp()))
        {
            return;
        }

        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            switch (_status)
            {
                case Status.HalfOpen when failed:
                    Open(now);
                    break;
                case Status.HalfOpen:
                    Close();
                    break;
                case Status.Closed:
                    Count(failed, now);
                    break;
            }
        }
    }

    /// <summary>A call was cancelled by its caller before it had an outcome: a trial under way gives way to the next call.</summary>
    public void Abandon()
    {
        lock (_lock)
        {
            if (_status == Status.HalfOpen)
            {
                _blockedUntil = _timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>The usual case, a success at <paramref name="at"/> while closed, counted without the lock in the window open then; <see langword="false"/> when it needs the lock.</summary>
    private bool TryCountSuccess(long at)
    {
        if (_status != Status.Closed || _open is not { } window || _timeProvider.GetElapsedTime(window.Started, at) >= _windowDuration)
        {
            return false;
        }

        Interlocked.Increment(ref window.Successes);
        return true;
    }

    private void Count(bool failed, long now)
    {
        if (_current < 0 || _timeProvider.GetElapsedTime(_windows[_current].Started, now) >= _windowDuration)
        {
            // Each window starts at least a window's duration after the one before, so the one
            // replaced started at least a sampling duration ago.
            _current = (_current + 1) % Windows;
            _windows[_current].Restart(now);
            _open = _windows[_current];
        }

        var current = _windows[_current];
        if (failed)
        {
            current.Failures++;
        }
        else
        {
            Interlocked.Increment(ref current.Successes);
            return;
        }

        var (failures, total) = (0, 0);
        foreach (var window in _windows)
        {
            // A window never used counts nothing.
            if (_timeProvider.GetElapsedTime(window.Started, now) < _samplingDuration)
            {
                failures += window.Failures;
                total += window.Failures + Volatile.Read(ref window.Successes);
            }
        }

        if (total >= _minimumThroughput && failures >= _failureRatio * total)
        {
            Open(now);
        }
    }

    private void Open(long now)
    {
        _status = Status.Open;
        _blockedUntil = now + Ticks(_breakDuration);
    }

    private void Close()
    {
        foreach (var window in _windows)
        {
            window.Restart(0);
        }

        (_current, _open) = (-1, null);
        _status = Status.Closed;
    }

    /// <summary>A duration in timestamp units, rounded up so that a break never ends early.</summary>
    private long Ticks(TimeSpan duration) =>
        (long)Math.Ceiling((decimal)duration.Ticks * _timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond);

    /// <summary>The outcomes counted in one tenth of the sampling duration; successes are counted without the lock.</summary>
    private sealed class Window
    {
        public long Started;
        public int Successes;
        public int Failures;

        public void Restart(long started) => (Started, Successes, Failures) = (started, 0, 0);
    }
}
