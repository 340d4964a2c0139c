using System.Net;
using System.Net.Http.Headers;

namespace SmsConnectors.Benchmarks;

/// <summary>A handler that answers every request at once with one fixed JSON body, and keeps the last request it saw.</summary>
public sealed class FixedAnswerHandler(string body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private readonly byte[] _body = System.Text.Encoding.UTF8.GetBytes(body);

    /// <summary>Gets or sets whether the next request is kept (with its body) in <see cref="Last"/>.</summary>
    public bool Capture { get; set; }

    public CapturedRequest? Last { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Capture)
        {
            Last = await CapturedRequest.FromAsync(request, cancellationToken);
            Capture = false;
        }
        else if (request.Content is { } content)
        {
            // Read what a network handler would write, so both sides pay for producing the body.
            await content.CopyToAsync(Stream.Null, cancellationToken);
        }

        var content2 = new ByteArrayContent(_body);
        content2.Headers.ContentType = Json;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content2, RequestMessage = request };
    }
}
