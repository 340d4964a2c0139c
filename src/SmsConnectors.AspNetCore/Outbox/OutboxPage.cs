using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using SmsConnectors.Outbox;

namespace SmsConnectors.AspNetCore.Outbox;

/// <summary>The Outbox page's endpoints, over the application's <see cref="ISmsOutbox"/>.</summary>
/// <param name="outbox">The kept messages.</param>
/// <param name="timeProvider">The application's clock, for the streams' periodic look at the outbox.</param>
/// <param name="lifetime">Ends the streams when the application stops, so that an open page does not hold up its shutdown.</param>
internal sealed class OutboxPage(ISmsOutbox outbox, TimeProvider timeProvider, IHostApplicationLifetime? lifetime)
{
    /// <summary>
    /// How often a stream looks at the outbox when no message came: a message always wakes it at
    /// once, and this brings a clear made elsewhere (another page, a test) to every open page.
    /// </summary>
    internal static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>How soon the page's <c>EventSource</c> reconnects after the stream ends (the app restarted, say).</summary>
    private static readonly TimeSpan ReconnectAfter = TimeSpan.FromSeconds(1);

    /// <summary><c>GET {pattern}</c>: the page, with a policy that lets it load nothing but its own script and style.</summary>
    public static Task ServePageAsync(HttpContext context)
    {
        var response = context.Response;
        NoStore(response);
        response.Headers.ContentSecurityPolicy = OutboxPageHtml.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = OutboxPageHtml.Utf8.Length;
        return response.Body.WriteAsync(OutboxPageHtml.Utf8, context.RequestAborted).AsTask();
    }

    /// <summary><c>GET {pattern}/messages</c>: the kept messages as JSON, newest first.</summary>
    public Task ServeMessagesAsync(HttpContext context)
    {
        NoStore(context.Response);
        return context.Response.WriteAsJsonAsync(
            OutboxPageMessage.NewestFirst(outbox.Messages), OutboxPageJson.Default.OutboxPageMessageArray, contentType: null, context.RequestAborted);
    }

    /// <summary>
    /// <c>GET {pattern}/events</c>: server-sent events, each a <c>messages</c> event with the whole
    /// list as <see cref="ServeMessagesAsync"/> has it, the first at once and then one per change.
    /// </summary>
    public Task StreamAsync(HttpContext context) =>
        TypedResults.ServerSentEvents(ChangesAsync(context.RequestAborted)).ExecuteAsync(context);

    /// <summary>
    /// <c>DELETE {pattern}/messages</c>: clears the outbox, only for a request with an
    /// <c>X-Requested-With</c> header (which a form or a link on another site cannot send, and a
    /// script on another site cannot send without a CORS preflight) and, when the request has an
    /// <c>Origin</c>, from the page's own origin.
    /// </summary>
    public async Task ClearAsync(HttpContext context)
    {
        if (CrossSiteRefusal(context.Request) is { } refusal)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(refusal, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        outbox.Clear();
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>Why a clear request is refused as possibly cross-site, or <see langword="null"/>.</summary>
    private static string? CrossSiteRefusal(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.Headers.XRequestedWith))
        {
            return "The Outbox is cleared only by a request with an X-Requested-With header, as the Outbox page sends it.";
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The Outbox is cleared only from the Outbox page's own origin, not from {origin}.";
    }

    private static void NoStore(HttpResponse response) => response.Headers.CacheControl = "no-store";

    private async IAsyncEnumerable<SseItem<string>> ChangesAsync([EnumeratorCancellation] CancellationToken requestAborted)
    {
        // Ends the stream when the page goes away or the app stops (an open stream would hold up a graceful
        // shutdown), and ends its wait for the next message however the stream ends.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime?.ApplicationStopping ?? CancellationToken.None);
        try
        {
            IReadOnlyList<OutboxMessage>? shown = null;
            Task<OutboxMessage>? next = null;
            while (!stop.IsCancellationRequested)
            {
                // The wait starts before the look, so a message kept in between is in what is sent or ends the wait: none is missed.
                next ??= outbox.WaitForNextAsync(stop.Token);
                var messages = outbox.Messages;
                if (shown is null || !messages.SequenceEqual(shown, ReferenceEqualityComparer.Instance))
                {
                    shown = messages;
                    var json = JsonSerializer.Serialize(OutboxPageMessage.NewestFirst(messages), OutboxPageJson.Default.OutboxPageMessageArray);
                    yield return new SseItem<string>(json, "messages") { ReconnectionInterval = ReconnectAfter };
                }

                if (await ArrivesAsync(next, stop.Token).ConfigureAwait(false))
                {
                    next = null;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whether the awaited message came within <see cref="RecheckInterval"/>; false on a timeout or when the stream ends.</summary>
    private async Task<bool> ArrivesAsync(Task<OutboxMessage> next, CancellationToken cancellationToken)
    {
        try
        {
            await next.WaitAsync(RecheckInterval, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
