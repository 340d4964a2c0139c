using SmsConnectors.Transport;

namespace SmsConnectors.Resilience.Internal;

/// <summary>Whether an attempt is under way and how far it got, so a timeout can tell whether the message may have been sent.</summary>
/// <param name="sendStarted">When the send started, as a timestamp of the connector's clock.</param>
internal sealed class AttemptTracker(long sendStarted)
{
    private volatile bool _inFlight;
    private volatile ConnectionProgress? _progress;

    /// <summary>Gets when the send started, as a timestamp of the connector's clock.</summary>
    public long SendStarted => sendStarted;

    /// <summary>Gets whether the attempt under way may have reached the vendor.</summary>
    public bool MayHaveBeenSent => _inFlight && _progress?.CertainlyNotSent != true;

    /// <summary>Gets whether an attempt is under way.</summary>
    public bool InFlight => _inFlight;

    public void Started() => (_inFlight, _progress) = (true, null);

    /// <summary>The attempt sends a request whose connection is followed by <paramref name="progress"/>.</summary>
    public void Sending(ConnectionProgress progress) => _progress = progress;

    public void EndedNotSent() => _inFlight = false;
}
