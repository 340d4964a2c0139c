using System.Text;
using Microsoft.AspNetCore.Http;
using SmsConnectors.Tests.Infrastructure;
using SmsConnectors.Transport;

namespace SmsConnectors.Tests.Transport;

/// <summary>One request sent and its answer read whole up to a cap, against servers on 127.0.0.1; every transport failure says whether the request may have reached the vendor.</summary>
public sealed class VendorTransportTests : IDisposable
{
    private const string Vendor = "Acme";
    private readonly HttpMessageInvoker _client = new(ConnectorHttpHandler.Create(() => TimeSpan.FromSeconds(5), TimeProvider.System));

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData(true, 100, 100)]
    [InlineData(false, 100, 100)]
    [InlineData(true, 100, 1000)]
    [InlineData(false, 10_000, 64 * 1024)]
    public async Task An_answer_within_the_cap_is_read_exactly(bool declaresItsLength, int length, int cap)
    {
        var body = Body(length);
        await using var server = await Answering(200, body, declaresItsLength);

        var answer = await SendAsync(server.BaseAddress, cap);

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal(body, answer.Body.ToArray());
    }

    [Theory]
    [InlineData(true, 200, 65, true)]
    [InlineData(false, 200, 65, true)]
    [InlineData(true, 400, 65, false)]
    [InlineData(false, 400, 65, false)]
    [InlineData(false, 200, 10_000, true)]
    public async Task An_answer_over_the_cap_is_an_invalid_response_sent_or_not_by_its_status(bool declaresItsLength, int status, int length, bool mayHaveBeenSent)
    {
        await using var server = await Answering(status, Body(length), declaresItsLength);

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(server.BaseAddress, cap: 64));

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(mayHaveBeenSent, error.MayHaveBeenSent);
        Assert.Contains("larger than 64 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(400, false)]
    public async Task A_body_cut_short_is_a_connector_failure_sent_or_not_by_its_status(int status, bool mayHaveBeenSent)
    {
        await using var server = new RawTcpServer(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"partial\":"));

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(server.BaseAddress, cap: 1024));

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(mayHaveBeenSent, error.MayHaveBeenSent);
        Assert.Contains("broke off before its end", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task A_refused_connection_is_service_unavailable_not_sent_and_transient()
    {
        var address = RefusedAddress.Create();

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(address, cap: 1024));

        Assert.Equal(SmsErrorCode.ServiceUnavailable, error.Code);
        Assert.False(error.MayHaveBeenSent);
        Assert.True(error.IsTransient);
        Assert.Null(error.HttpStatus);
        Assert.Contains(address.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_reset_before_any_answer_may_have_been_sent()
    {
        await using var server = await LoopbackServer.StartAsync((context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(server.BaseAddress, cap: 1024));

        Assert.Equal(SmsErrorCode.General, error.Code);
        Assert.True(error.MayHaveBeenSent);
        Assert.False(error.IsTransient);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_an_operation_cancelled()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var cancellation = new CancellationTokenSource();

        var send = SendAsync(server.BaseAddress, cap: 1024, cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
    }

    [Fact]
    public async Task The_answer_keeps_its_status_and_headers()
    {
        await using var server = await LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "3";
            await context.Response.WriteAsync("slow down");
        });

        var answer = await SendAsync(server.BaseAddress, cap: 1024);

        Assert.Equal(429, answer.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), answer.Headers?.RetryAfter?.Delta);
        Assert.Equal("slow down", answer.Text);
    }

    private async Task<SmsConnectors.Answers.VendorAnswer> SendAsync(Uri address, int cap, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new StringContent("""{"to":"+4915112345678"}""") };
        return await VendorTransport.SendAsync(_client, request, Vendor, cap, cancellationToken);
    }

    private static byte[] Body(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26)))];

    /// <summary>A server that answers with <paramref name="body"/>, declaring its length or sending it in chunks.</summary>
    private static Task<LoopbackServer> Answering(int status, byte[] body, bool declaresItsLength) =>
        LoopbackServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/octet-stream";
            if (declaresItsLength)
            {
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body);
                return;
            }

            foreach (var chunk in body.Chunk(1000))
            {
                await context.Response.Body.WriteAsync(chunk);
                await context.Response.Body.FlushAsync();
            }
        });
}
