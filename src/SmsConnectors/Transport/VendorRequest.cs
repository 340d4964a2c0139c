namespace SmsConnectors.Transport;

/// <summary>
/// A request to a vendor that knows how far it got towards the vendor: the connection callback
/// reports the connection it opens for it, and the transport reports the end of its exchange.
/// </summary>
/// <param name="method">The HTTP method.</param>
/// <param name="uri">The address.</param>
internal sealed class VendorRequest(HttpMethod method, Uri uri) : HttpRequestMessage(method, uri)
{
    private ConnectionActivity? _activity;
    private long _connectionsOpenedAtStart;
    private long _exchangesEndedAtStart;
    private volatile bool _connecting;
    private volatile bool _ended;

    /// <summary>
    /// Gets whether the request certainly never reached the vendor: it is followed, the connection
    /// opened for it is still being made, and no other connection of the connector was opened or
    /// freed since it was followed (either could have carried the request instead).
    /// </summary>
    public bool CertainlyNotSent =>
        _activity is { } activity
        && _connecting
        && activity.ConnectionsOpened == _connectionsOpenedAtStart
        && activity.ExchangesEnded - (_ended ? 1 : 0) == _exchangesEndedAtStart;

    /// <summary>Follows the request on the connections of <paramref name="activity"/>, from now on.</summary>
    public void Follow(ConnectionActivity activity)
    {
        (_connectionsOpenedAtStart, _exchangesEndedAtStart) = (activity.ConnectionsOpened, activity.ExchangesEnded);
        _activity = activity;
    }

    /// <summary>A connection is being opened for the request.</summary>
    public void Connecting() => _connecting = true;

    /// <summary>The connection is open; the request may go out on it.</summary>
    public void Connected()
    {
        _connecting = false;
        _activity?.ConnectionOpened();
    }

    /// <summary>The exchange is over (answered or failed); its connection may serve another request.</summary>
    public void Ended()
    {
        _ended = true;
        _activity?.ExchangeEnded();
    }
}
