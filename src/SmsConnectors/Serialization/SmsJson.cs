using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsConnectors.Serialization;

/// <summary>
/// Writes request bodies with <see cref="Utf8JsonWriter"/> (no reflection), and turns the loosely
/// typed payload values of a message into JSON the way JavaScript's <c>JSON.stringify</c> would.
/// </summary>
internal static class SmsJson
{
    /// <summary>
    /// Compact output that keeps non-ASCII text (Cyrillic, Chinese) as UTF-8 instead of <c>\u</c>
    /// escapes, like <c>JSON.stringify</c>; quotes, backslashes and control characters are escaped,
    /// characters outside the Basic Multilingual Plane (emoji) are written as surrogate escapes.
    /// The bodies are sent to HTTP APIs, never embedded in HTML, so HTML-sensitive characters are not escaped.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>The deepest nesting of payload values written or rendered; deeper (or cyclic) values are refused.</summary>
    public const int MaxPayloadDepth = 64;

    /// <summary>The largest buffer a thread keeps between documents; a larger one is left to the collector.</summary>
    private const int MaxKeptBufferBytes = 16 * 1024;

    [ThreadStatic]
    private static Scratch? _threadScratch;

    /// <summary>
    /// Writes a JSON document with <paramref name="write"/> and returns its UTF-8 bytes: one array of
    /// exactly the document's length. The buffer and writer are the thread's own and reused, so a
    /// document allocates nothing else; a nested call gets fresh ones.
    /// </summary>
    /// <exception cref="SmsConnectorException">The document would nest deeper than JSON writing allows (<see cref="SmsErrorCode.InvalidRequestParameters"/>).</exception>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var scratch = _threadScratch ?? new Scratch();
        _threadScratch = null;
        var (buffer, writer) = (scratch.Buffer, scratch.Writer);

        // Reset before each document, which also clears what a failed one left behind.
        buffer.ResetWrittenCount();
        writer.Reset();
        try
        {
            write(writer, state);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonWriter refuses a document nested deeper than its maximum depth.
            throw TooDeep(exception);
        }
        finally
        {
            if (buffer.Capacity <= MaxKeptBufferBytes)
            {
                _threadScratch = scratch;
            }
            else
            {
                writer.Dispose();
            }
        }
    }

    /// <summary>The failure for a payload nested too deeply (or referring to itself): nothing is sent.</summary>
    public static SmsConnectorException TooDeep(Exception? cause = null) =>
        new(SmsErrorCode.InvalidRequestParameters, $"The message payload is nested more than {MaxPayloadDepth} levels deep (or refers to itself); nothing was sent.", cause)
        {
            MayHaveBeenSent = false,
        };

    /// <summary>
    /// Writes a payload value: strings, booleans, numbers (NaN and infinities as <c>null</c>),
    /// dates (ISO 8601), <see cref="JsonElement"/> and <see cref="JsonNode"/> as they are,
    /// dictionaries as objects and other sequences as arrays; anything else as its invariant text.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value) => WriteValue(writer, value, depth: 0);

    private static void WriteObject<TEntries>(Utf8JsonWriter writer, TEntries entries, int depth)
        where TEntries : IEnumerator<KeyValuePair<string, object?>>
    {
        using (entries)
        {
            writer.WriteStartObject();
            while (entries.MoveNext())
            {
                var (key, value) = entries.Current;

                // A string is written with its name in one call, unless it is nested too deeply.
                if (value is string text && depth < MaxPayloadDepth)
                {
                    writer.WriteString(key, text);
                }
                else
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, value, depth + 1);
                }
            }

            writer.WriteEndObject();
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        if (depth > MaxPayloadDepth)
        {
            throw TooDeep();
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case Dictionary<string, object?> map:
                // Its own enumerator, not boxed; first after text, as a payload usually is one.
                WriteObject(writer, map.GetEnumerator(), depth);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case JsonElement element:
                if (element.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    element.WriteTo(writer);
                }

                return;
            case JsonNode node:
                node.WriteTo(writer);
                return;
            case SmsUsageType type:
                writer.WriteStringValue(type.Value);
                return;
            case int or long or short or sbyte:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case uint or ulong or ushort or byte:
                writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                return;
            case decimal number:
                writer.WriteNumberValue(number);
                return;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                return;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                return;
            case double or float:
                writer.WriteNullValue();
                return;
            case DateTime date:
                writer.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset date:
                writer.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture));
                return;
            case IReadOnlyDictionary<string, object?> map:
                WriteObject(writer, map.GetEnumerator(), depth);
                return;
            case IReadOnlyDictionary<string, string> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WriteString(key, item);
                }

                writer.WriteEndObject();
                return;
            case IDictionary map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                return;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                return;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
        }
    }

    /// <summary>A thread's buffer and the writer that writes into it.</summary>
    private sealed class Scratch
    {
        public Scratch() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);

        public ArrayBufferWriter<byte> Buffer { get; } = new(256);

        public Utf8JsonWriter Writer { get; }
    }
}
