using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SmsConnectors.Serialization;

/// <summary>
/// Reads a vendor's JSON answer in one pass with <see cref="Utf8JsonReader"/>, straight into its
/// model, accepting and rejecting what <see cref="JsonSerializer"/> does with default options: one
/// value and nothing after it but whitespace, no comments or trailing commas, at most 64 levels
/// deep, property names compared case-sensitively after unescaping, the last of a repeated
/// property kept, unknown properties skipped (but still checked).
/// </summary>
/// <remarks>
/// A value reader is called on the value's first token and leaves the reader on its last one;
/// a value of the wrong kind throws, which fails the whole read.
/// </remarks>
internal static class AnswerJson
{
    /// <summary>Reads one value, from its first token to its last.</summary>
    public delegate T ValueReader<T>(ref Utf8JsonReader reader);

    /// <summary>
    /// Reads <paramref name="json"/> as one value with <paramref name="read"/>; <see langword="false"/>
    /// when it is not JSON, something follows the value, or the value is not of the kind read.
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> json, ValueReader<T> read, [MaybeNullWhen(false)] out T value)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (reader.Read())
            {
                value = read(ref reader);
                if (!reader.Read())
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            // Not JSON, or not the model's shape; the reader's message, which may quote the body, is not kept.
        }

        value = default;
        return false;
    }

    /// <summary>Reads the property <paramref name="name"/> (the reader is on its value) into <paramref name="value"/>; <see langword="false"/> for one the model does not have, which is then skipped.</summary>
    public delegate bool PropertyReader<in T>(T value, scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader);

    /// <summary>
    /// An object made by <paramref name="create"/> (quicker than <c>new T()</c> in shared generic code)
    /// and read property by property with <paramref name="property"/>, or <see langword="null"/> for
    /// JSON null; any other value throws.
    /// </summary>
    public static T? Object<T>(ref Utf8JsonReader reader, Func<T> create, PropertyReader<T> property)
        where T : class
    {
        if (!StartObject(ref reader))
        {
            return null;
        }

        var value = create();
        while (NextProperty(ref reader, out var name))
        {
            if (!property(value, name, ref reader))
            {
                reader.Skip();
            }
        }

        return value;
    }

    /// <summary>Whether the value is an object (the reader is then on its start); <see langword="false"/> for null; any other value throws.</summary>
    public static bool StartObject(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw WrongKind(),
    };

    /// <summary>
    /// Moves to the next property of an object and onto its value; <see langword="false"/> at the
    /// object's end. The name is unescaped as the serializer does it: escapes undone, other bytes
    /// as they are; an escaped lone surrogate throws.
    /// </summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = default;
            return false;
        }

        name = Unescaped(ref reader);
        reader.Read();
        return true;
    }

    /// <summary>A string, or <see langword="null"/>; a string that is not valid UTF-8 throws.</summary>
    public static string? String(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.Null ? reader.GetString() : throw WrongKind();

    /// <summary>A string, the text of a number, or <see langword="null"/>, as <see cref="JsonStringOrNumberConverter"/> reads them.</summary>
    public static string? StringOrNumber(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw WrongKind(),
    };

    /// <summary><see langword="true"/>, <see langword="false"/> or <see langword="null"/>.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw WrongKind(),
    };

    /// <summary>A number, a string holding one (<c>AllowReadingFromString</c>), or <see langword="null"/>; out of range throws.</summary>
    public static int? Int32(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        int value;
        if (reader.TokenType == JsonTokenType.Number ? reader.TryGetInt32(out value) : IsNumericString(ref reader, out value))
        {
            return value;
        }

        throw WrongKind();
    }

    /// <summary>A number, a string holding one (<c>AllowReadingFromString</c>), or <see langword="null"/>; out of range throws.</summary>
    public static decimal? Decimal(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        decimal value;
        if (reader.TokenType == JsonTokenType.Number ? reader.TryGetDecimal(out value) : IsNumericString(ref reader, out value))
        {
            return value;
        }

        throw WrongKind();
    }

    /// <summary>An array of items read with <paramref name="item"/>, or <see langword="null"/>.</summary>
    public static List<T>? List<T>(ref Utf8JsonReader reader, ValueReader<T> item)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw WrongKind();
        }

        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return [];
        }

        // The usual list (one recipient's entry) gets no room for more; a longer one grows as the serializer's does.
        var first = item(ref reader);
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            return [first];
        }

        var items = new List<T>(capacity: 4) { first };
        do
        {
            items.Add(item(ref reader));
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);

        return items;
    }

    private static JsonException WrongKind() => new("The value is not of the kind the model declares.");

    /// <summary>Whether the value is a string that holds exactly a number of the type, as the serializer parses one (<c>AllowReadingFromString</c>).</summary>
    private static bool IsNumericString(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.String && Unescaped(ref reader) is var text && Utf8Parser.TryParse(text, out value, out var length) && length == text.Length;
    }

    /// <inheritdoc cref="IsNumericString(ref Utf8JsonReader, out int)"/>
    private static bool IsNumericString(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.String && Unescaped(ref reader) is var text && Utf8Parser.TryParse(text, out value, out var length) && length == text.Length;
    }

    /// <summary>
    /// The bytes of the current string or property name with its escapes undone, as the serializer
    /// compares and parses them; an escaped surrogate that is not half of a pair throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public static ReadOnlySpan<byte> Unescaped(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? Unescape(reader.ValueSpan) : reader.ValueSpan;

    /// <summary>
    /// Undoes the escapes of a string the reader has checked. Unlike <see cref="Utf8JsonReader.CopyString(Span{byte})"/>
    /// the other bytes are not checked as UTF-8, which the serializer does not do for a name or a
    /// numeric string either; an escaped surrogate that is not half of a pair throws, as it does there.
    /// </summary>
    private static ReadOnlySpan<byte> Unescape(ReadOnlySpan<byte> escaped)
    {
        var text = new byte[escaped.Length];
        var length = 0;
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != (byte)'\\')
            {
                text[length++] = escaped[i];
                continue;
            }

            switch (escaped[++i])
            {
                case (byte)'b':
                    text[length++] = (byte)'\b';
                    break;
                case (byte)'f':
                    text[length++] = (byte)'\f';
                    break;
                case (byte)'n':
                    text[length++] = (byte)'\n';
                    break;
                case (byte)'r':
                    text[length++] = (byte)'\r';
                    break;
                case (byte)'t':
                    text[length++] = (byte)'\t';
                    break;
                case (byte)'u':
                    var scalar = Hex(escaped.Slice(i + 1, 4));
                    i += 4;
                    if (scalar is >= 0xD800 and <= 0xDFFF)
                    {
                        var low = scalar < 0xDC00 && i + 6 < escaped.Length && escaped[i + 1] == (byte)'\\' && escaped[i + 2] == (byte)'u' ? Hex(escaped.Slice(i + 3, 4)) : 0;
                        if (low is < 0xDC00 or > 0xDFFF)
                        {
                            throw new InvalidOperationException("An escaped surrogate is not half of a pair.");
                        }

                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00);
                        i += 6;
                    }

                    length += new Rune(scalar).EncodeToUtf8(text.AsSpan(length));
                    break;
                default:
                    // \" \\ \/
                    text[length++] = escaped[i];
                    break;
            }
        }

        return text.AsSpan(0, length);
    }

    private static int Hex(ReadOnlySpan<byte> digits) => int.Parse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
