using System.Net;
using System.Net.Sockets;

namespace SmsConnectors.Transport;

/// <summary>The named <see cref="HttpClient"/> of each vendor connector and the handler under it.</summary>
internal static class ConnectorHttpHandler
{
    /// <summary>The name of the <see cref="HttpClient"/> a connector uses.</summary>
    public static string ClientName(string connectorName) => "SmsConnectors." + connectorName;

    /// <summary>
    /// The handler under a connector's client. Redirects are not followed: a vendor API that
    /// redirects a send is misconfigured, and following it could repeat or drop the message. Each
    /// connection is made within the connect timeout in force when it is opened (so a reloaded
    /// <c>ConnectTimeout</c> applies to the next connection), and a connection that cannot be made
    /// in time fails like a refused one: nothing sent, so the send may be retried.
    /// </summary>
    /// <param name="connectTimeout">Reads the connect timeout in force.</param>
    /// <param name="timeProvider">The clock the timeout runs on.</param>
    public static SocketsHttpHandler Create(Func<TimeSpan> connectTimeout, TimeProvider timeProvider) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(
            context.DnsEndPoint,
            context.InitialRequestMessage as VendorRequest,
            connectTimeout(),
            timeProvider,
            cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, VendorRequest? request, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        request?.Connecting();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = new CancellationTokenSource(timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await socket.ConnectAsync(endPoint, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            request?.Connected();
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
