using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsConnectors.Benchmarks;

/// <summary>A Kestrel stub on 127.0.0.1 that reads each request's body and answers with the vendor's success answer, chosen by path.</summary>
public sealed class LoopbackVendor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackVendor(WebApplication app, Uri baseAddress) => (_app, BaseAddress) = (app, baseAddress);

    public Uri BaseAddress { get; }

    /// <summary>Gets how many requests the stub answered.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private static long _requests;

    public static async Task<LoopbackVendor> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var answers = Enum.GetValues<Vendor>().ToDictionary(v => v, v => System.Text.Encoding.UTF8.GetBytes(Vendors.SuccessAnswer(v)));
        app.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            var path = context.Request.Path.Value ?? "/";
            var vendor = path.StartsWith("/api", StringComparison.Ordinal) ? Vendor.Seven
                : path.StartsWith("/v2", StringComparison.Ordinal) ? Vendor.SmsAero
                : path.StartsWith("/sms", StringComparison.Ordinal) ? Vendor.Http
                : Vendor.Tencent;
            Interlocked.Increment(ref _requests);
            var body = answers[vendor];
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackVendor(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
