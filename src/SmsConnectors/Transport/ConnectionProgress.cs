namespace SmsConnectors.Transport;

/// <summary>
/// How far one attempt's request got towards the vendor, carried by its <see cref="VendorRequest"/>
/// so that the connection callback can report the connection it opens for it.
/// </summary>
internal sealed class ConnectionProgress
{
    private readonly ConnectionActivity _activity;
    private readonly long _connectionsOpenedAtStart;
    private readonly long _exchangesEndedAtStart;
    private volatile bool _connecting;
    private volatile bool _ended;

    public ConnectionProgress(ConnectionActivity activity)
    {
        _activity = activity;
        _connectionsOpenedAtStart = activity.ConnectionsOpened;
        _exchangesEndedAtStart = activity.ExchangesEnded;
    }

    /// <summary>
    /// Gets whether the request certainly never reached the vendor: the connection opened for it
    /// is still being made, and no other connection of the connector was opened or freed since the
    /// attempt began (either could have carried the request instead).
    /// </summary>
    public bool CertainlyNotSent =>
        _connecting
        && _activity.ConnectionsOpened == _connectionsOpenedAtStart
        && _activity.ExchangesEnded - (_ended ? 1 : 0) == _exchangesEndedAtStart;

    /// <summary>A connection is being opened for the request.</summary>
    public void Connecting() => _connecting = true;

    /// <summary>The connection is open; the request may go out on it.</summary>
    public void Connected()
    {
        _connecting = false;
        _activity.ConnectionOpened();
    }

    /// <summary>The exchange is over (answered or failed); its connection may serve another request.</summary>
    public void Ended()
    {
        _ended = true;
        _activity.ExchangeEnded();
    }
}
