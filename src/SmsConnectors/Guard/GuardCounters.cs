using System.Collections;
using System.Runtime.CompilerServices;

namespace SmsConnectors.Guard;

/// <summary>The counters one send counts against (at most one of each reason), in the order they are checked, and the reason each refuses for.</summary>
internal sealed class GuardCounters : IReadOnlyList<SmsGuardCounter>
{
    private const int MaxCounters = 5;

    private Counters _counters;
    private Reasons _reasons;

    public int Count { get; private set; }

    public SmsGuardCounter this[int index] => (uint)index < (uint)Count ? _counters[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The reason counter <paramref name="index"/> refuses for.</summary>
    public SmsGuardReason ReasonAt(int index) => (uint)index < (uint)Count ? _reasons[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(SmsGuardCounter counter, SmsGuardReason reason)
    {
        if (Count == MaxCounters)
        {
            throw new InvalidOperationException($"A send counts against at most {MaxCounters} counters.");
        }

        (_counters[Count], _reasons[Count]) = (counter, reason);
        Count++;
    }

    public IEnumerator<SmsGuardCounter> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _counters[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [InlineArray(MaxCounters)]
    private struct Counters
    {
        private SmsGuardCounter _first;
    }

    [InlineArray(MaxCounters)]
    private struct Reasons
    {
        private SmsGuardReason _first;
    }
}
