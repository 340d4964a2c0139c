namespace SmsConnectors.Transport;

/// <summary>
/// A connector's named <see cref="HttpClient"/>, taken from the factory once and then again once a
/// minute: a send creates no client, and the factory can still replace the handler under it when
/// the handler's lifetime ends (so DNS changes are picked up).
/// </summary>
/// <param name="factory">The factory the client comes from.</param>
/// <param name="name">The client's name.</param>
/// <param name="timeProvider">The clock that dates each client.</param>
internal sealed class ConnectorClient(IHttpClientFactory factory, string name, TimeProvider timeProvider)
{
    private static readonly TimeSpan Renewal = TimeSpan.FromMinutes(1);

    private Taken? _current;

    /// <summary>Returns the client in use, taking a new one when it is older than a minute.</summary>
    public HttpClient Get()
    {
        var current = Volatile.Read(ref _current);
        if (current is null || timeProvider.GetElapsedTime(current.At) >= Renewal)
        {
            current = new Taken(factory.CreateClient(name), timeProvider.GetTimestamp());
            Volatile.Write(ref _current, current);
        }

        return current.Client;
    }

    private sealed record Taken(HttpClient Client, long At);
}
