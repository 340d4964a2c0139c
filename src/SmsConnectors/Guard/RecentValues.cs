using System.Collections.Concurrent;

namespace SmsConnectors.Guard;

/// <summary>
/// Values worked out from a key (where a number goes, its store keys), kept for the keys seen
/// lately so that a number sent to again costs a lookup: at most <c>capacity</c> keys, after
/// which the values start afresh.
/// </summary>
/// <typeparam name="TValue">The value kept.</typeparam>
/// <param name="capacity">The most keys kept.</param>
internal sealed class RecentValues<TValue>(int capacity)
{
    private ConcurrentDictionary<string, TValue> _values = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Returns the value of <paramref name="key"/>, worked out by <paramref name="create"/> when it is not kept.</summary>
    public TValue GetOrAdd<TState>(string key, TState state, Func<TState, TValue> create)
    {
        var values = Volatile.Read(ref _values);
        if (values.TryGetValue(key, out var value))
        {
            return value;
        }

        value = create(state);
        if (Interlocked.Increment(ref _count) > capacity)
        {
            values = new ConcurrentDictionary<string, TValue>(StringComparer.Ordinal);
            Volatile.Write(ref _values, values);
            Volatile.Write(ref _count, 1);
        }

        values.TryAdd(key, value);
        return value;
    }
}
