using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace SmsConnectors;

/// <summary>The shared services every connector is built with.</summary>
internal sealed class SmsConnectorServices(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    public IHttpClientFactory HttpClientFactory { get; } = httpClientFactory;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>The name of the <see cref="HttpClient"/> a connector uses.</summary>
    public static string HttpClientName(string connectorName) => "SmsConnectors." + connectorName;

    /// <summary>
    /// The handler under a connector's client. Redirects are not followed: a vendor API that
    /// redirects a send is misconfigured, and following it could repeat or drop the message. The
    /// connection is made with the connector's connect timeout, and a connection that cannot be
    /// made in time fails like a refused one (nothing sent, so the send may be retried).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(HttpSmsConnectorOptions? options)
    {
        var connectTimeout = options?.Resilience.ConnectTimeout ?? Resilience.SmsResilienceOptions.DefaultConnectTimeout;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, connectTimeout, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(endPoint, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
