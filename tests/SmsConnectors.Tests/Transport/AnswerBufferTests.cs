using System.Net;
using SmsConnectors.Answers;
using SmsConnectors.Transport;

namespace SmsConnectors.Tests.Transport;

/// <summary>An answer's body is copied into a pooled buffer: whole, capped, never shared between answers still in use.</summary>
public class AnswerBufferTests
{
    private const string Vendor = "Acme";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(70_000)]
    public async Task A_body_of_any_length_within_the_cap_is_read_whole_with_or_without_a_declared_length(int length)
    {
        var body = Bytes(length, seed: length);

        var declared = await ReadAsync(new ByteArrayContent(body), cap: 100_000);
        var streamed = await ReadAsync(new StreamContent(new TrickleStream(body, 1000)), cap: 100_000);

        Assert.Equal(body, declared.Body.ToArray());
        Assert.Equal(body, streamed.Body.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_cap_itself_is_read_and_one_byte_more_is_refused(bool declaresItsLength)
    {
        var atCap = await ReadAsync(Content(Bytes(5000, 1), declaresItsLength), cap: 5000);
        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => ReadAsync(Content(Bytes(5001, 1), declaresItsLength), cap: 5000));

        Assert.Equal(5000, atCap.Body.Length);
        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Contains("larger than 5000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_shorter_than_its_declared_length_is_cut_short()
    {
        var content = new StreamContent(new TrickleStream(Bytes(100, 2), 30));
        content.Headers.ContentLength = 150;

        var error = await Assert.ThrowsAsync<SmsConnectorException>(() => ReadAsync(content, cap: 1000));

        Assert.Equal(SmsErrorCode.InvalidResponse, error.Code);
        Assert.Contains("broke off before its end", error.Message, StringComparison.Ordinal);
        Assert.True(error.MayHaveBeenSent);
    }

    [Fact]
    public async Task Answers_in_use_at_once_keep_their_own_bytes_and_a_released_one_is_empty()
    {
        var first = Bytes(300, 3);
        var second = Bytes(300, 4);

        var a = await ReadAsync(new ByteArrayContent(first), cap: 1000);
        var b = await ReadAsync(new ByteArrayContent(second), cap: 1000);
        a.Release();
        var c = await ReadAsync(new ByteArrayContent(first), cap: 1000);

        Assert.Equal(second, b.Body.ToArray());
        Assert.Equal(first, c.Body.ToArray());
        Assert.True(a.Body.IsEmpty);
        b.Release();
        b.Release();
        Assert.True(b.Body.IsEmpty);
        Assert.Equal(first, c.Body.ToArray());
    }

    private static HttpContent Content(byte[] body, bool declaresItsLength) =>
        declaresItsLength ? new ByteArrayContent(body) : new StreamContent(new TrickleStream(body, 700));

    private static async Task<VendorAnswer> ReadAsync(HttpContent content, int cap)
    {
        using var invoker = new HttpMessageInvoker(new Answering(content));
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/");
        return await VendorTransport.SendAsync(invoker, request, Vendor, cap, CancellationToken.None);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private sealed class Answering(HttpContent content) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    /// <summary>A stream of unknown length that gives at most <paramref name="chunk"/> bytes a read, finishing some reads asynchronously.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(Math.Min(chunk, buffer.Length), bytes.Length - _position);
            bytes.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position % 2 == 0)
            {
                await Task.Yield();
            }

            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
