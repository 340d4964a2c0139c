using System.Numerics;

namespace SmsConnectors.Guard;

/// <summary>
/// Values worked out from a key (where a number goes, its store keys), kept for the keys seen
/// lately so that a number sent to again costs a lookup: at most <c>capacity</c> keys, after
/// which the values start afresh. The keys sit in a table of at least twice as many slots, found
/// by probing on from their hash, which is allocated once and emptied in place to start afresh:
/// a new key costs one small object, and no table grows or is copied. Lookups take no lock; a key
/// added or emptied by another thread at the same moment may be missed and its value worked out
/// again.
/// </summary>
/// <typeparam name="TValue">The value kept.</typeparam>
/// <param name="capacity">The most keys kept.</param>
internal sealed class RecentValues<TValue>(int capacity)
{
    private readonly Entry?[] _entries = new Entry?[Slots(capacity)];

    /// <summary>The hash of each slot's key, beside the slots so that probing past other keys reads no entry.</summary>
    private readonly int[] _hashes = new int[Slots(capacity)];

    private int _count;

    /// <summary>Returns the value of <paramref name="key"/>, worked out by <paramref name="create"/> when it is not kept.</summary>
    public TValue GetOrAdd<TState>(string key, TState state, Func<TState, TValue> create)
    {
        var hash = key.GetHashCode(StringComparison.Ordinal);
        var mask = _entries.Length - 1;
        for (int slot = hash & mask, probed = 0; probed <= mask && Volatile.Read(ref _entries[slot]) is { } entry; slot = (slot + 1) & mask, probed++)
        {
            if (_hashes[slot] == hash && string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }

        var value = create(state);
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Array.Clear(_entries);
            Volatile.Write(ref _count, 1);
        }

        // Threads adding while another empties the table can take more slots than the count says: a
        // key that finds no free slot is not kept.
        var added = new Entry(key, value);
        for (int slot = hash & mask, probed = 0; probed <= mask; slot = (slot + 1) & mask, probed++)
        {
            if (Interlocked.CompareExchange(ref _entries[slot], added, null) is null)
            {
                _hashes[slot] = hash;
                break;
            }
        }

        return value;
    }

    /// <summary>A power of two at least twice <paramref name="capacity"/>: probing stays short while at most half the slots are taken.</summary>
    private static int Slots(int capacity) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, capacity) * 2);

    private sealed record Entry(string Key, TValue Value);
}
