namespace SmsConnectors.Transport;

/// <summary>
/// What happened on one connector's connections: how many connections were opened and how many
/// exchanges ended. Either frees a connection that a waiting request may take, so an attempt can
/// be sure it never reached the vendor only while both stay as they were when it started.
/// </summary>
internal sealed class ConnectionActivity
{
    private long _connectionsOpened;
    private long _exchangesEnded;

    // A volatile read of a long is atomic everywhere, and on 64-bit costs no locked instruction as Interlocked.Read does.
    public long ConnectionsOpened => Volatile.Read(ref _connectionsOpened);

    public long ExchangesEnded => Volatile.Read(ref _exchangesEnded);

    public void ConnectionOpened() => Interlocked.Increment(ref _connectionsOpened);

    public void ExchangeEnded() => Interlocked.Increment(ref _exchangesEnded);
}
