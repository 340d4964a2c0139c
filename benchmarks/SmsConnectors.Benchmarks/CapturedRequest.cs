namespace SmsConnectors.Benchmarks;

/// <summary>One request a connector made, so that a raw <see cref="HttpClient"/> can send the same bytes.</summary>
public sealed class CapturedRequest
{
    private CapturedRequest(HttpMethod method, Uri uri, List<KeyValuePair<string, string>> headers, List<KeyValuePair<string, string>> contentHeaders, byte[]? body)
    {
        (Method, Uri, Headers, ContentHeaders, Body) = (method, uri, headers, contentHeaders, body);
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    public List<KeyValuePair<string, string>> Headers { get; }

    public List<KeyValuePair<string, string>> ContentHeaders { get; }

    public byte[]? Body { get; }

    public static async Task<CapturedRequest> FromAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        return new CapturedRequest(
            request.Method,
            request.RequestUri!,
            [.. request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))],
            request.Content is null ? [] : [.. request.Content.Headers.Where(h => h.Key != "Content-Length").Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))],
            body);
    }

    /// <summary>Captures the request <paramref name="vendor"/>'s connector sends for its message.</summary>
    public static async Task<CapturedRequest> OfAsync(Vendor vendor, Uri baseAddress)
    {
        var handler = new FixedAnswerHandler(Vendors.SuccessAnswer(vendor)) { Capture = true };
        await using var provider = Vendors.Build(vendor, baseAddress, () => handler);
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ISmsConnector>(provider).SendAsync(Vendors.MessageFor(vendor));
        return handler.Last!;
    }
}
