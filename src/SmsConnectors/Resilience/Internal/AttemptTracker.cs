using SmsConnectors.Transport;

namespace SmsConnectors.Resilience.Internal;

/// <summary>
/// Whether an attempt is under way and how far it got, so a timeout can tell whether the message
/// may have been sent. The send path's context is one, so a send tracks its attempts without an
/// object of its own.
/// </summary>
internal class AttemptTracker
{
    private volatile bool _inFlight;
    private volatile VendorRequest? _request;

    /// <summary>Gets when the send started, as a timestamp of the connector's clock; set as the pipeline begins.</summary>
    public long SendStarted { get; private set; }

    /// <summary>Gets whether the attempt under way may have reached the vendor.</summary>
    public bool MayHaveBeenSent => _inFlight && _request?.CertainlyNotSent != true;

    /// <summary>Gets whether an attempt is under way.</summary>
    public bool InFlight => _inFlight;

    /// <summary>The send starts at <paramref name="timestamp"/> of the connector's clock.</summary>
    public void Begin(long timestamp) => SendStarted = timestamp;

    public void Started() => (_inFlight, _request) = (true, null);

    /// <summary>The attempt sends <paramref name="request"/>, whose connection it follows.</summary>
    public void Sending(VendorRequest request) => _request = request;

    public void EndedNotSent() => _inFlight = false;
}
