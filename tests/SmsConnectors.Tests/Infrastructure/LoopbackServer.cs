using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A request as a loopback server received it.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with an ephemeral port that plays a vendor: every request is
/// recorded (method, path, query, headers, exact body bytes), then answered by the handler.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>The number of distinct TCP connections the server accepted.</summary>
    public int ConnectionCount => _connections.Count;

    private readonly ConcurrentDictionary<string, bool> _connections = new();

    /// <summary>The number of requests whose head the server received (counted before the body is read).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    private int _requestCount;

    /// <summary>Starts a server whose answers come from <paramref name="handler"/>, which sees the recorded request.</summary>
    public static Task<LoopbackServer> StartAsync(Func<HttpContext, ReceivedRequest, Task> handler) =>
        StartRawAsync(async (server, context, _) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                context.Request.QueryString.Value ?? string.Empty,
                headers,
                body.ToArray());
            server._requests.Enqueue(received);
            await handler(context, received);
        });

    /// <summary>
    /// Starts a server that hands each request to <paramref name="handler"/> as soon as its head
    /// arrives, with its index (0 for the first), before the body is read: for injecting faults.
    /// </summary>
    public static async Task<LoopbackServer> StartRawAsync(Func<LoopbackServer, HttpContext, int, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(context =>
        {
            server._connections.TryAdd(context.Connection.Id, true);
            var index = Interlocked.Increment(ref server._requestCount) - 1;
            return handler(server, context, index);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A server that answers every request with a fixed status, content type and body.</summary>
    public static Task<LoopbackServer> StartAsync(int status, string contentType, string body) =>
        StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
