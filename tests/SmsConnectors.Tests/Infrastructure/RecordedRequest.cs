using System.Net;
using System.Text;
using RichardSzalay.MockHttp;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A request as a mocked handler received it: method, URL, every header and the exact body bytes.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<string> Headers, byte[]? Body, long? ContentLength)
{
    public string BodyText => Body is null ? string.Empty : Encoding.UTF8.GetString(Body);

    /// <summary>The value of one header (request or content), or null.</summary>
    public string? Header(string name) =>
        Headers.Where(h => h.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase)).Select(h => h[(name.Length + 2)..]).SingleOrDefault();

    public static async Task<RecordedRequest> FromAsync(HttpRequestMessage request)
    {
        // The raw strings, as they go on the wire: the parsed view could re-format a value added without validation.
        var headers = request.Headers.NonValidated.Select(h => $"{h.Key}: {h.Value}").ToList();
        byte[]? body = null;
        long? length = null;
        if (request.Content is { } content)
        {
            body = await content.ReadAsByteArrayAsync();
            length = content.Headers.ContentLength;
            headers.AddRange(content.Headers.NonValidated.Where(h => h.Key != "Content-Length").Select(h => $"{h.Key}: {h.Value}"));
        }

        return new RecordedRequest(request.Method, request.RequestUri!, headers, body, length);
    }
}

public static class MockHttpRecording
{
    /// <summary>Answers every request with <paramref name="status"/> and <paramref name="body"/>, recording each request first.</summary>
    public static List<RecordedRequest> RecordAll(this MockHttpMessageHandler mock, HttpStatusCode status = HttpStatusCode.OK, string body = "", string contentType = "application/json") =>
        mock.Fallback.Record(status, body, contentType);

    /// <summary>Answers the requests <paramref name="mocked"/> matches with <paramref name="status"/> and <paramref name="body"/>, recording each first.</summary>
    public static List<RecordedRequest> Record(this MockedRequest mocked, HttpStatusCode status = HttpStatusCode.OK, string body = "", string contentType = "application/json")
    {
        var requests = new List<RecordedRequest>();
        mocked.Respond(async request =>
        {
            var recorded = await RecordedRequest.FromAsync(request);
            lock (requests)
            {
                requests.Add(recorded);
            }

            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        });
        return requests;
    }
}
