using System.Net;
using System.Net.Sockets;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>Loopback addresses nobody listens on, so that connecting to them is refused at once.</summary>
public static class RefusedAddress
{
    /// <summary>An <c>http://127.0.0.1:PORT/</c> address whose port was free a moment ago: bound to port 0, noted, released.</summary>
    public static Uri Create()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
