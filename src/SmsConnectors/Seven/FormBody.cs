using System.Buffers;
using System.Text;

namespace SmsConnectors.Seven;

/// <summary>
/// Encodes form fields exactly as <see cref="FormUrlEncodedContent"/> does (every character but
/// the unreserved ones percent-encoded as UTF-8, spaces as <c>+</c>), once per message, straight
/// into one array of the body's length.
/// </summary>
internal static class FormBody
{
    /// <summary>The characters written as they are: the unreserved characters of RFC 3986, and the space (as <c>+</c>).</summary>
    private static readonly SearchValues<char> Kept = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~ ");

    public static byte[] Encode(params ReadOnlySpan<KeyValuePair<string, string>> fields)
    {
        var length = fields.Length - 1;
        foreach (var (name, value) in fields)
        {
            length += EncodedLength(name) + 1 + EncodedLength(value);
        }

        var body = new byte[Math.Max(length, 0)];
        var written = 0;
        foreach (var (name, value) in fields)
        {
            if (written > 0)
            {
                body[written++] = (byte)'&';
            }

            written = Write(name, body, written);
            body[written++] = (byte)'=';
            written = Write(value, body, written);
        }

        return body;
    }

    /// <summary>A kept character takes one byte; any other character three for each of its UTF-8 bytes.</summary>
    private static int EncodedLength(string text)
    {
        var length = 0;
        var rest = text.AsSpan();
        while (true)
        {
            var kept = KeptRun(rest);
            length += kept.Length;
            rest = rest[kept.Length..];
            if (rest.IsEmpty)
            {
                return length;
            }

            var escaped = EscapedRun(rest);
            length += 3 * Encoding.UTF8.GetByteCount(escaped);
            rest = rest[escaped.Length..];
        }
    }

    /// <summary>Writes each run of kept characters at once, and the characters between the runs as their escaped UTF-8 bytes.</summary>
    private static int Write(string text, byte[] body, int at)
    {
        var rest = text.AsSpan();
        while (true)
        {
            var kept = KeptRun(rest);
            var target = body.AsSpan(at, kept.Length);
            Ascii.FromUtf16(kept, target, out _);
            target.Replace((byte)' ', (byte)'+');
            at += kept.Length;
            rest = rest[kept.Length..];
            if (rest.IsEmpty)
            {
                return at;
            }

            var escaped = EscapedRun(rest);
            at = WriteEscaped(escaped, body, at);
            rest = rest[escaped.Length..];
        }
    }

    /// <summary>
    /// Writes each UTF-8 byte of <paramref name="text"/> (a lone surrogate as U+FFFD's) as <c>%XX</c>.
    /// The bytes are first put at the end of the room their escapes take, where each is read
    /// before an escape reaches it.
    /// </summary>
    private static int WriteEscaped(ReadOnlySpan<char> text, byte[] body, int at)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        var utf8 = body.AsSpan(at + (2 * count), count);
        Encoding.UTF8.GetBytes(text, utf8);
        foreach (var b in utf8)
        {
            body[at++] = (byte)'%';
            body[at++] = (byte)"0123456789ABCDEF"[b >> 4];
            body[at++] = (byte)"0123456789ABCDEF"[b & 0xF];
        }

        return at;
    }

    private static ReadOnlySpan<char> KeptRun(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(Kept) is var end and >= 0 ? text[..end] : text;

    /// <summary>The characters up to the next kept one; a kept character is never half of a surrogate pair, so no pair is cut.</summary>
    private static ReadOnlySpan<char> EscapedRun(ReadOnlySpan<char> text) => text.IndexOfAny(Kept) is var end and >= 0 ? text[..end] : text;
}
