namespace SmsConnectors.Resilience.Internal;

/// <summary>Whether an attempt is under way, so a timeout can tell whether the message may have been sent.</summary>
internal sealed class AttemptTracker
{
    private volatile bool _inFlight;

    public bool InFlight => _inFlight;

    public void Started() => _inFlight = true;

    public void EndedNotSent() => _inFlight = false;
}
