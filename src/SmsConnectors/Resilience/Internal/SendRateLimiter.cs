namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// A connector's token bucket on its <see cref="TimeProvider"/>: up to <c>PermitsPerSecond</c>
/// sends start at once, then one more every 1/<c>PermitsPerSecond</c> of a second; up to
/// <c>QueueLength</c> sends wait in order. A reload changes the rate and the queue length of the
/// same bucket: waiting sends keep their place, and the tokens already spent stay spent, so the
/// configured rate holds across reloads.
/// </summary>
internal sealed class SendRateLimiter : IDisposable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _timeProvider;
    private readonly LinkedList<TaskCompletionSource<bool>> _waiting = new();
    private ITimer? _timer;
    private double _tokens;
    private long _refilledAt;
    private volatile int _permitsPerSecond;
    private volatile int _queueLength;
    private volatile bool _disposed;

    public SendRateLimiter(int permitsPerSecond, int queueLength, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _permitsPerSecond = permitsPerSecond;
        _queueLength = queueLength;
        _tokens = permitsPerSecond;
        _refilledAt = timeProvider.GetTimestamp();
    }

    /// <summary>Gets the rate in force; 0 means no limit.</summary>
    public int PermitsPerSecond
    {
        get
        {
            lock (_lock)
            {
                return _permitsPerSecond;
            }
        }
    }

    /// <summary>Applies a reloaded rate and queue length; 0 permits per second lets every waiting send go.</summary>
    public void Update(int permitsPerSecond, int queueLength)
    {
        if (_permitsPerSecond == permitsPerSecond && _queueLength == queueLength)
        {
            // Unchanged, the usual case: no lock.
            return;
        }

        List<TaskCompletionSource<bool>> released;
        lock (_lock)
        {
            if (_permitsPerSecond == permitsPerSecond && _queueLength == queueLength)
            {
                return;
            }

            Refill();

            // A limit that starts afresh has a full bucket; a changed limit keeps what was spent.
            _tokens = _permitsPerSecond == 0 ? permitsPerSecond : Math.Min(_tokens, permitsPerSecond);
            _permitsPerSecond = permitsPerSecond;
            _queueLength = queueLength;
            released = permitsPerSecond == 0 ? ReleaseAll() : GrantWaiting();
        }

        Complete(released);
    }

    /// <summary>Takes a permit, waiting in the queue when there is room; <see langword="false"/> when there is none.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    /// <exception cref="ObjectDisposedException">The connector was disposed.</exception>
    public ValueTask<bool> AcquireAsync(CancellationToken cancellationToken) =>
        _permitsPerSecond == 0 && !_disposed ? new ValueTask<bool>(true) : AcquireLimitedAsync(cancellationToken);

    private ValueTask<bool> AcquireLimitedAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_permitsPerSecond == 0)
            {
                return new ValueTask<bool>(true);
            }

            Refill();
            if (_waiting.Count == 0 && _tokens >= 1)
            {
                _tokens -= 1;
                return new ValueTask<bool>(true);
            }

            if (_waiting.Count >= _queueLength)
            {
                return new ValueTask<bool>(false);
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiting.AddLast(waiter);
            ScheduleNextToken();
        }

        return new ValueTask<bool>(WaitAsync(waiter, node, cancellationToken));
    }

    /// <summary>Waits in the queue for a permit; cancelling leaves the queue.</summary>
    private async Task<bool> WaitAsync(TaskCompletionSource<bool> waiter, LinkedListNode<TaskCompletionSource<bool>> node, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                if (node.List is not null)
                {
                    _waiting.Remove(node);
                }
            }

            waiter.TrySetCanceled(cancellationToken);
        });
        return await waiter.Task.ConfigureAwait(false);
    }

    public void Dispose()
    {
        List<TaskCompletionSource<bool>> waiting;
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        foreach (var waiter in waiting)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(SendRateLimiter)));
        }
    }

    private void OnTimer()
    {
        List<TaskCompletionSource<bool>> released;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Refill();
            released = GrantWaiting();
        }

        Complete(released);
    }

    /// <summary>Adds the tokens earned since the last refill, up to a full bucket. Called under the lock.</summary>
    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        var earned = _timeProvider.GetElapsedTime(_refilledAt, now).TotalSeconds * _permitsPerSecond;
        _tokens = Math.Min(_permitsPerSecond, _tokens + earned);
        _refilledAt = now;
    }

    /// <summary>Gives the waiting sends the tokens there are, in order, and sets the timer for the next. Called under the lock.</summary>
    private List<TaskCompletionSource<bool>> GrantWaiting()
    {
        List<TaskCompletionSource<bool>> granted = [];
        while (_waiting.First is { } first && _tokens >= 1)
        {
            _tokens -= 1;
            _waiting.RemoveFirst();
            granted.Add(first.Value);
        }

        ScheduleNextToken();
        return granted;
    }

    private List<TaskCompletionSource<bool>> ReleaseAll()
    {
        List<TaskCompletionSource<bool>> all = [.. _waiting];
        _waiting.Clear();
        return all;
    }

    /// <summary>Sets the timer for when the next token is earned, while sends wait. Called under the lock.</summary>
    private void ScheduleNextToken()
    {
        if (_waiting.Count == 0 || _permitsPerSecond == 0)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = TimeSpan.FromSeconds(Math.Max(0, 1 - _tokens) / _permitsPerSecond);
        _timer ??= _timeProvider.CreateTimer(static state => ((SendRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private static void Complete(List<TaskCompletionSource<bool>> waiters)
    {
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(true);
        }
    }
}
