using System.Text;
using System.Text.Json;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>
/// Systematic variations of JSON answers, for comparing a reader with the serializer: every value
/// set to every kind of JSON value, properties removed, repeated, renamed and nested too deep,
/// strings with bytes that are not UTF-8, the body cut at every byte, framed by a byte order mark
/// or followed by something, and seeded random edits.
/// </summary>
public static class JsonMutations
{
    private static readonly JsonSerializerOptions IndentedOptions = new() { WriteIndented = true };

    /// <summary>JSON values of every kind, with numbers at and beyond the edges of int and decimal, numeric strings, and escapes.</summary>
    public static IReadOnlyList<string> Values { get; } =
    [
        "null", "true", "false",
        "0", "1", "-1", "-0", "1.5", "0.075", "1e2", "1E+2", "1e-400", "1E400", "2147483647", "2147483648", "-2147483648", "-2147483649",
        "79228162514264337593543950335", "79228162514264337593543950336", "0.0000000000000000000000000001", "12345678901234567890",
        "\"\"", "\"x\"", "\"100\"", "\"900\"", "\"Ok\"", "\"1\"", "\"1.5\"", "\" 1\"", "\"1 \"", "\"+1\"", "\"-0\"", "\"1e2\"", "\"0x10\"", "\"NaN\"", "\"Infinity\"",
        "\"2147483648\"", "\"-2147483649\"", "\"79228162514264337593543950336\"", "\"1E29\"", "\"\\u0031\\u0032\"", "\"\\u0031.5\"", "\"\\uD800\"", "\"\\uDC00\"",
        "\"\\uD83D\\uDE00\"", "\"caf\\u00e9 \\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "\"true\"", "\"null\"",
        "[]", "[null]", "[1]", "[\"x\"]", "[{}]", "[null,{}]", "[{\"id\":1,\"Code\":\"Ok\"}]", "[[]]", "[1,[2,[3]]]",
        "{}", "{\"id\":1}", "{\"id\":\"x\",\"parts\":2,\"success\":true}", "{\"Code\":\"Ok\",\"Fee\":\"1\"}", "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    ];

    /// <summary>Byte sequences that are not UTF-8: a stray byte, an overlong form, an encoded surrogate, a cut sequence, a code point beyond U+10FFFF.</summary>
    public static IReadOnlyList<byte[]> InvalidUtf8 { get; } = [[0xFF], [0xC0, 0x80], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]];

    /// <summary>The UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Every value of <paramref name="json"/> (the root, each property's, each array item) replaced by each of <see cref="Values"/>.</summary>
    public static IEnumerable<byte[]> EveryValueOfEveryKind(byte[] json)
    {
        foreach (var slot in Slots(json))
        {
            foreach (var value in Values)
            {
                yield return Splice(json, slot.ValueStart, slot.ValueEnd, Utf8(value));
            }
        }
    }

    /// <summary>Each property removed, repeated before and after itself with another value and with its own, and its name escaped or in another case.</summary>
    public static IEnumerable<byte[]> EveryPropertyMissingRepeatedAndRenamed(byte[] json)
    {
        foreach (var slot in Slots(json).Where(slot => slot.NameStart >= 0))
        {
            yield return WithoutProperty(json, slot);

            var property = json[slot.NameStart..slot.ValueEnd];
            var name = json[slot.NameStart..slot.NameEnd];
            yield return Splice(json, slot.ValueEnd, slot.ValueEnd, [(byte)',', .. property]);
            foreach (var value in (string[])["null", "\"1\"", "2", "true", "[]", "{}"])
            {
                yield return Splice(json, slot.NameStart, slot.NameStart, [.. name, (byte)':', .. Utf8(value), (byte)',']);
                yield return Splice(json, slot.ValueEnd, slot.ValueEnd, [(byte)',', .. name, (byte)':', .. Utf8(value)]);
            }

            var first = json[slot.NameStart + 1];
            if (first is >= 0x20 and < 0x7F and not (byte)'\\')
            {
                yield return Splice(json, slot.NameStart + 1, slot.NameStart + 2, Utf8($"\\u{first:x4}"));
                yield return Splice(json, slot.NameStart + 1, slot.NameStart + 2, Utf8($"\\u{first:X4}"));
            }

            if (char.IsAsciiLetter((char)first))
            {
                yield return Splice(json, slot.NameStart + 1, slot.NameStart + 2, [(byte)(first ^ 0x20)]);
            }

            yield return Splice(json, slot.NameEnd - 1, slot.NameEnd - 1, Utf8("\\uD83D\\uDE00"));
            yield return Splice(json, slot.NameEnd - 1, slot.NameEnd - 1, Utf8("\\uD800"));
            yield return Splice(json, slot.NameEnd - 1, slot.NameEnd - 1, Utf8(" "));
        }
    }

    /// <summary>
    /// Each value replaced by arrays, objects and both nested to one level under, at and over the
    /// serializer's limit of 64, and a property holding them added to every object.
    /// </summary>
    public static IEnumerable<byte[]> DeepNesting(byte[] json)
    {
        foreach (var slot in Slots(json))
        {
            var room = 64 - slot.Depth;
            foreach (var levels in (int[])[room - 1, room, room + 1])
            {
                foreach (var nested in Nested(levels))
                {
                    yield return Splice(json, slot.ValueStart, slot.ValueEnd, Utf8(nested));
                    if (json[slot.ValueStart] == (byte)'{')
                    {
                        // One level deeper than the object itself.
                        foreach (var inside in Nested(levels - 1))
                        {
                            yield return Splice(json, slot.ValueStart + 1, slot.ValueStart + 1, Utf8($"\"deep\":{inside}{(json[slot.ValueStart + 1] == (byte)'}' ? string.Empty : ",")}"));
                        }
                    }
                }
            }
        }
    }

    /// <summary>Bytes that are not UTF-8, and escaped surrogates alone and in pairs, at the start, middle and end of every string and property name.</summary>
    public static IEnumerable<byte[]> BadStrings(byte[] json)
    {
        foreach (var at in StringInsides(json))
        {
            foreach (var bytes in InvalidUtf8)
            {
                yield return Splice(json, at, at, bytes);
            }

            foreach (var escape in (string[])["\\uD800", "\\uDBFF\\uDFFF", "\\uDC00", "\\uD800\\u0041", "\\uD800\\\\u0041", "\\uD800x", "\\u0000"])
            {
                yield return Splice(json, at, at, Utf8(escape));
            }
        }
    }

    /// <summary>The body cut after every byte (the empty body and the whole one included).</summary>
    public static IEnumerable<byte[]> Truncations(byte[] json)
    {
        for (var length = 0; length <= json.Length; length++)
        {
            yield return json[..length];
        }
    }

    /// <summary>The body with byte order marks and whitespace before it, and whitespace, garbage, comments and a second value after it.</summary>
    public static IEnumerable<byte[]> Framings(byte[] json)
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        yield return json;
        yield return [.. bom, .. json];
        yield return [.. bom, .. bom, .. json];
        yield return [(byte)' ', .. bom, .. json];
        yield return [.. bom, (byte)' ', (byte)'\n', .. json];
        yield return [0xEF, 0xBB, .. json];
        yield return [.. json, .. bom];
        foreach (var before in (string[])[" ", "\t\r\n ", "\u00A0", "\u2028", "/* c */", "// c\n", ",", "\0"])
        {
            yield return [.. Utf8(before), .. json];
        }

        foreach (var after in (string[])[" ", "\t\r\n ", "\u00A0", "x", "0", "null", "{}", "[]", ",", "]", "}", "\"", "/* c */", "// c", "\0", " 1", "\n{\"success\":\"100\"}"])
        {
            yield return [.. json, .. Utf8(after)];
        }

        yield return Utf8(Indented(json));
    }

    /// <summary>Random edits from a fixed seed: bytes flipped, replaced, inserted, removed and repeated.</summary>
    public static IEnumerable<byte[]> RandomEdits(byte[] json, int seed, int count)
    {
        byte[] interesting = [.. "{}[]\",:\\ 0123456789-+.eEtrufalsn"u8, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xEF, 0xFF];
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var edited = json.ToList();
            for (var edits = 1 + random.Next(3); edits > 0; edits--)
            {
                var at = random.Next(edited.Count + 1);
                var length = Math.Min(1 + random.Next(6), edited.Count - at);
                switch (random.Next(5))
                {
                    case 0 when at < edited.Count:
                        edited[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1 when at < edited.Count:
                        edited[at] = interesting[random.Next(interesting.Length)];
                        break;
                    case 2:
                        edited.Insert(at, interesting[random.Next(interesting.Length)]);
                        break;
                    case 3 when length > 0:
                        edited.RemoveRange(at, length);
                        break;
                    case 4 when length > 0:
                        edited.InsertRange(at, edited.GetRange(at, length));
                        break;
                }
            }

            yield return [.. edited];
        }
    }

    /// <summary>Where a value sits: its property name's quotes (-1 for the root and array items), the value itself, and the depth it is read at.</summary>
    private readonly record struct Slot(int NameStart, int NameEnd, int ValueStart, int ValueEnd, int Depth);

    private static List<Slot> Slots(byte[] json)
    {
        var slots = new List<Slot>();
        var reader = new Utf8JsonReader(json);
        var (nameStart, nameEnd) = (-1, -1);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    (nameStart, nameEnd) = ((int)reader.TokenStartIndex, (int)reader.BytesConsumed);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    continue;
            }

            var end = reader;
            end.Skip();
            slots.Add(new Slot(nameStart, nameEnd, (int)reader.TokenStartIndex, (int)end.BytesConsumed, reader.CurrentDepth));
            (nameStart, nameEnd) = (-1, -1);
        }

        return slots;
    }

    /// <summary>The start, the middle (of a string without escapes) and the end of every string and property name.</summary>
    private static List<int> StringInsides(byte[] json)
    {
        var positions = new List<int>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex + 1;
                var length = reader.ValueSpan.Length;
                positions.AddRange(new[] { start, start + (reader.ValueIsEscaped ? 0 : length / 2), start + length }.Distinct());
            }
        }

        return positions;
    }

    private static byte[] WithoutProperty(byte[] json, Slot slot)
    {
        var (start, end) = (slot.NameStart, slot.ValueEnd);
        var after = end;
        while (after < json.Length && json[after] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            after++;
        }

        if (after < json.Length && json[after] == (byte)',')
        {
            return Splice(json, start, after + 1, []);
        }

        var before = start - 1;
        while (before >= 0 && json[before] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            before--;
        }

        return before >= 0 && json[before] == (byte)',' ? Splice(json, before, end, []) : Splice(json, start, end, []);
    }

    private static IEnumerable<string> Nested(int levels)
    {
        if (levels < 1)
        {
            yield break;
        }

        yield return new string('[', levels) + new string(']', levels);
        yield return string.Concat(Enumerable.Repeat("{\"a\":", levels - 1)) + "{}" + new string('}', levels - 1);
        yield return string.Concat(Enumerable.Range(0, levels - 1).Select(i => i % 2 == 0 ? "[" : "{\"a\":")) + "[]"
            + string.Concat(Enumerable.Range(0, levels - 1).Reverse().Select(i => i % 2 == 0 ? "]" : "}"));
    }

    private static string Indented(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, IndentedOptions);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(json);
        }
    }

    private static byte[] Splice(byte[] json, int start, int end, byte[] insert) => [.. json.AsSpan(0, start), .. insert, .. json.AsSpan(end)];
}
