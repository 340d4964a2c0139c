namespace SmsConnectors.Transport;

/// <summary>
/// What a connector sends through: the handler of its named client, taken from the factory once
/// and then again once a minute, so a send creates nothing and the factory can still replace the
/// handler when its lifetime ends (so DNS changes are picked up). There is no
/// <see cref="HttpClient"/> on top: the connector's resilience owns every timeout and
/// cancellation, and the client's own layer would only add a linked cancellation source and an
/// async step to each request.
/// </summary>
/// <param name="factory">The factory the handler comes from.</param>
/// <param name="name">The name of the connector's client.</param>
/// <param name="timeProvider">The clock that dates each handler.</param>
internal sealed class ConnectorClient(IHttpMessageHandlerFactory factory, string name, TimeProvider timeProvider)
{
    private static readonly TimeSpan Renewal = TimeSpan.FromMinutes(1);

    private Taken? _current;

    /// <summary>Returns the invoker in use, taking a new handler when the last was taken more than a minute before <paramref name="now"/>.</summary>
    /// <param name="now">A timestamp of the clock the caller read lately (the send's start), so a send reads the clock once.</param>
    public HttpMessageInvoker Get(long now)
    {
        var current = Volatile.Read(ref _current);
        if (current is null || timeProvider.GetElapsedTime(current.At, now) >= Renewal)
        {
            // The factory disposes the handler once its lifetime is over and nothing holds it any more.
            current = new Taken(new HttpMessageInvoker(factory.CreateHandler(name), disposeHandler: false), now);
            Volatile.Write(ref _current, current);
        }

        return current.Invoker;
    }

    private sealed record Taken(HttpMessageInvoker Invoker, long At);
}
