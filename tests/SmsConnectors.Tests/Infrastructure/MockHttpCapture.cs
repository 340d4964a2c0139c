using System.Collections.Concurrent;
using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A request as it reached a <see cref="MockHttpMessageHandler"/>: every header and the exact body bytes.</summary>
public sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> ContentHeaders, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>Answers mocked requests while recording what was sent.</summary>
public static class MockHttpCapture
{
    /// <summary>Answers with <paramref name="status"/>, <paramref name="mediaType"/> and <paramref name="body"/>; every request is added to the returned list.</summary>
    public static IReadOnlyCollection<CapturedRequest> RespondAndCapture(this MockedRequest mocked, HttpStatusCode status, string mediaType, string body)
    {
        var captured = new ConcurrentQueue<CapturedRequest>();
        mocked.Respond(async request =>
        {
            captured.Enqueue(await CaptureAsync(request));
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        });
        return captured;
    }

    public static async Task<CapturedRequest> CaptureAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        return new CapturedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
            request.Content?.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase) ?? [],
            body);
    }
}
