using System.Text;

namespace SmsConnectors.Seven;

/// <summary>
/// Encodes form fields exactly as <see cref="FormUrlEncodedContent"/> does (every character but
/// the unreserved ones percent-encoded as UTF-8, spaces as <c>+</c>), once per message, straight
/// into one array of the body's length.
/// </summary>
internal static class FormBody
{
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

    private static int EncodedLength(string text)
    {
        var length = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            length += IsKept(rune) ? 1 : 3 * rune.Utf8SequenceLength;
        }

        return length;
    }

    private static int Write(string text, byte[] body, int at)
    {
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsKept(rune))
            {
                body[at++] = rune.Value == ' ' ? (byte)'+' : (byte)rune.Value;
                continue;
            }

            var count = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..count])
            {
                body[at++] = (byte)'%';
                body[at++] = (byte)"0123456789ABCDEF"[b >> 4];
                body[at++] = (byte)"0123456789ABCDEF"[b & 0xF];
            }
        }

        return at;
    }

    /// <summary>Whether a character is written as it is: the unreserved characters of RFC 3986, and the space (as <c>+</c>).</summary>
    private static bool IsKept(Rune rune) =>
        rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '-' or '.' or '_' or '~' or ' ');
}
