namespace SmsConnectors.Guard;

/// <summary>
/// One counter's sends in the memory store, oldest first: each send's time (UTC ticks) and a
/// 64-bit hash of its id, in a ring that grows by doubling. The ring holds no references, so the
/// garbage collector never scans it however many sends a window holds, and an expired send leaves
/// by moving the ring's start, not by moving the sends after it. A log's first send sits in the
/// log itself: most numbers are sent to once, and their logs need no ring.
/// </summary>
internal sealed class SendLog
{
    private Entry _single;
    private Entry[]? _entries;
    private int _start;
    private int _count;

    /// <summary>Gets when (UTC ticks) the newest send leaves the longest window it was counted in.</summary>
    public long ExpiresAt { get; private set; } = long.MinValue;

    /// <summary>Gets how many sends the log holds.</summary>
    public int Count => _count;

    /// <summary>Drops the sends older than <paramref name="counter"/>'s window, then says how long until it has room for one more send, or <see langword="null"/> when it has room now.</summary>
    public TimeSpan? RetryAfter(SmsGuardCounter counter, long now)
    {
        var windowStart = now - counter.Window.Ticks;
        while (_count > 0 && EntryAt(0).At <= windowStart)
        {
            _start = (_start + 1) & (Capacity - 1);
            _count--;
        }

        return _count < counter.Limit ? null : TimeSpan.FromTicks(EntryAt(_count - counter.Limit).At + counter.Window.Ticks - now);
    }

    /// <summary>Adds a send at <paramref name="at"/>, kept in order of time: sends arrive with the time each caller read.</summary>
    public void Add(long at, string id, TimeSpan window)
    {
        if (_count == Capacity)
        {
            Grow();
        }

        var index = _count;
        while (index > 0 && EntryAt(index - 1).At > at)
        {
            EntryAt(index) = EntryAt(index - 1);
            index--;
        }

        EntryAt(index) = new Entry(at, HashOf(id));
        _count++;
        if (at + window.Ticks > ExpiresAt)
        {
            ExpiresAt = at + window.Ticks;
        }
    }

    /// <summary>Removes every send with the id <paramref name="id"/>; returns whether there was one.</summary>
    public bool Remove(string id)
    {
        var hash = HashOf(id);
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (EntryAt(i).Id != hash)
            {
                EntryAt(kept++) = EntryAt(i);
            }
        }

        var removed = kept < _count;
        _count = kept;
        return removed;
    }

    /// <summary>FNV-1a over the id's characters: a collision within one counter's window is as unlikely as 2^-64 per pair.</summary>
    private static long HashOf(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private int Capacity => _entries?.Length ?? 1;

    private ref Entry EntryAt(int index) => ref _entries is null ? ref _single : ref _entries[(_start + index) & (_entries.Length - 1)];

    private void Grow()
    {
        var grown = new Entry[Capacity * 2];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = EntryAt(i);
        }

        (_entries, _start) = (grown, 0);
    }

    private readonly record struct Entry(long At, long Id);
}
