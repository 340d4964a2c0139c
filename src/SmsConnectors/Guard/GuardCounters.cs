namespace SmsConnectors.Guard;

/// <summary>The counters one send counts against, in the order they are checked, and the reason each refuses for.</summary>
internal sealed class GuardCounters : List<SmsGuardCounter>
{
    public GuardCounters()
        : base(5)
    {
    }

    /// <summary>Gets the reason of each counter, by index.</summary>
    public List<SmsGuardReason> Reasons { get; } = new(5);

    public void Add(SmsGuardCounter counter, SmsGuardReason reason)
    {
        Add(counter);
        Reasons.Add(reason);
    }
}
