namespace SmsConnectors.Outbox;

/// <summary>The thread-safe store behind <see cref="ISmsOutbox"/>, bounded per connector.</summary>
internal sealed class SmsOutbox : ISmsOutbox
{
    private readonly Lock _lock = new();
    private readonly LinkedList<OutboxMessage> _messages = new();
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<(Func<OutboxMessage, bool> Predicate, TaskCompletionSource<OutboxMessage> Completion)> _waiters = [];

    public IReadOnlyList<OutboxMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _messages.Clear();
            _counts.Clear();
        }
    }

    public void Add(OutboxMessage message, int capacity)
    {
        List<TaskCompletionSource<OutboxMessage>> completed = [];
        lock (_lock)
        {
            _messages.AddLast(message);
            var count = _counts[message.ConnectorName] = _counts.GetValueOrDefault(message.ConnectorName) + 1;
            for (var node = _messages.First; count > capacity && node is not null;)
            {
                var next = node.Next;
                if (node.Value.ConnectorName == message.ConnectorName)
                {
                    _messages.Remove(node);
                    _counts[message.ConnectorName] = --count;
                }

                node = next;
            }

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Predicate(message))
                {
                    completed.Add(_waiters[i].Completion);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var completion in completed)
        {
            completion.TrySetResult(message);
        }
    }

    public Task<OutboxMessage> WaitForNextAsync(CancellationToken cancellationToken = default) =>
        WaitAsync(static _ => true, includeKept: false, cancellationToken);

    public Task<OutboxMessage> WaitForMessageAsync(Func<OutboxMessage, bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WaitAsync(predicate, includeKept: true, cancellationToken);
    }

    private async Task<OutboxMessage> WaitAsync(Func<OutboxMessage, bool> predicate, bool includeKept, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var completion = new TaskCompletionSource<OutboxMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (predicate, completion);
        lock (_lock)
        {
            if (includeKept)
            {
                for (var node = _messages.Last; node is not null; node = node.Previous)
                {
                    if (predicate(node.Value))
                    {
                        return node.Value;
                    }
                }
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _waiters.Remove(waiter);
            }
        }
    }
}
