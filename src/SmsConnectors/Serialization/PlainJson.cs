using System.Buffers;
using System.Text;

namespace SmsConnectors.Serialization;

/// <summary>
/// Writes a small JSON document of plain strings (printable ASCII other than the quote and the
/// backslash, which <see cref="SmsJson"/>'s relaxed escaping writes as they are) straight into a
/// buffer, byte for byte what that writer makes of it, with no writer; a body's usual values (E.164 numbers,
/// codes, usage types, ASCII texts) are plain. A value that is not, or a document longer than the
/// buffer, makes <see cref="ToArray"/> return <see langword="null"/>, and the caller writes the
/// document with <see cref="SmsJson"/> instead.
/// </summary>
/// <param name="buffer">Where the document is written.</param>
internal ref struct PlainJson(Span<byte> buffer)
{
    /// <summary>A length of buffer that holds a usual body.</summary>
    public const int BufferLength = 512;

    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly Span<byte> _buffer = buffer;
    private int _length;
    private bool _failed;

    /// <summary>Appends JSON text as it is: punctuation and names, in UTF-8.</summary>
    public void Raw(scoped ReadOnlySpan<byte> json)
    {
        if (!_failed && json.TryCopyTo(_buffer[_length..]))
        {
            _length += json.Length;
        }
        else
        {
            _failed = true;
        }
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string, if it is plain; <see langword="null"/> is not.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            _failed = true;
            return;
        }

        String(value.AsSpan());
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string, if it is plain.</summary>
    public void String(scoped ReadOnlySpan<char> value)
    {
        if (_failed || value.ContainsAnyExcept(Plain) || _length + value.Length + 2 > _buffer.Length)
        {
            _failed = true;
            return;
        }

        _buffer[_length] = (byte)'"';
        Ascii.FromUtf16(value, _buffer[(_length + 1)..], out var written);
        _length += written + 2;
        _buffer[_length - 1] = (byte)'"';
    }

    /// <summary>Gives up: a value that is not a plain string follows.</summary>
    public void Fail() => _failed = true;

    /// <summary>The document written, or <see langword="null"/> when a value was not plain or it did not fit.</summary>
    public readonly byte[]? ToArray() => _failed ? null : _buffer[.._length].ToArray();
}
