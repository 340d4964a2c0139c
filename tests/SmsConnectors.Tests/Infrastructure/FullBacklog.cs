namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A listener that never accepts, with its accept queue filled, so that a new connection hangs.</summary>
public sealed class FullBacklog : IDisposable
{
    private readonly System.Net.Sockets.Socket _listener;
    private readonly List<System.Net.Sockets.Socket> _queued = [];

    private FullBacklog(System.Net.Sockets.Socket listener) => _listener = listener;

    public Uri Address => new($"http://{_listener.LocalEndPoint}/");

    public static FullBacklog Create()
    {
        var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(0);
        var backlog = new FullBacklog(listener);
        for (var i = 0; i < 16; i++)
        {
            var client = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
            backlog._queued.Add(client);
            if (!client.ConnectAsync(listener.LocalEndPoint!).Wait(TimeSpan.FromMilliseconds(100)))
            {
                return backlog;
            }
        }

        throw new InvalidOperationException("The accept queue did not fill up.");
    }

    public void Dispose()
    {
        foreach (var socket in _queued)
        {
            socket.Dispose();
        }

        _listener.Dispose();
    }
}
