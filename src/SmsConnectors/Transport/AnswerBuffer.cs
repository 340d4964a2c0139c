using System.Buffers;
using SmsConnectors.Answers;

namespace SmsConnectors.Transport;

/// <summary>
/// Where an answer's body is copied as it arrives: a buffer from the shared pool that grows up to
/// the connector's cap and refuses more. The content writes straight into it, so reading an
/// answer creates no stream and no copy of its own; the buffer goes back to the pool when its
/// answer is released.
/// </summary>
internal sealed class AnswerBuffer : Stream
{
    private const int InitialBytes = 4 * 1024;

    [ThreadStatic]
    private static AnswerBuffer? _threadBuffer;

    private byte[] _buffer = [];
    private int _length;
    private int _maxBytes;
    private int _status;
    private string _vendor = string.Empty;

    private AnswerBuffer()
    {
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The thread's buffer (or a new one while it is in use), ready for a body of <paramref name="expected"/> bytes when known.</summary>
    /// <param name="expected">The declared length, when there is one; at most <paramref name="maxBytes"/>.</param>
    /// <param name="maxBytes">The largest body accepted.</param>
    /// <param name="vendor">The vendor's name, for the error.</param>
    /// <param name="status">The answer's status, for the error.</param>
    public static AnswerBuffer Rent(long? expected, int maxBytes, string vendor, int status)
    {
        var buffer = _threadBuffer ?? new AnswerBuffer();
        _threadBuffer = null;
        (buffer._maxBytes, buffer._vendor, buffer._status) = (maxBytes, vendor, status);
        buffer._buffer = ArrayPool<byte>.Shared.Rent(expected is { } length ? (int)length : Math.Min(maxBytes + 1, InitialBytes));
        return buffer;
    }

    /// <summary>Hands the bytes written over to an answer, which returns them to the pool when released, and keeps this buffer for the thread's next answer.</summary>
    public VendorAnswer Detach(int status, System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        var answer = VendorAnswer.Pooled(status, headers, _buffer, _length);
        Reset();
        return answer;
    }

    /// <summary>Gives the bytes back to the pool when the body could not be read, and keeps this buffer for the thread's next answer.</summary>
    public void Abandon()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        Reset();
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var total = _length + buffer.Length;
        if (total > _maxBytes)
        {
            throw VendorFailure.TooLarge(_vendor, _status, _maxBytes);
        }

        if (total > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_maxBytes, Math.Max(total, _buffer.Length * 2)));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        buffer.CopyTo(_buffer.AsSpan(_length));
        _length = total;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Reset()
    {
        (_buffer, _length, _vendor) = ([], 0, string.Empty);
        _threadBuffer = this;
    }
}
