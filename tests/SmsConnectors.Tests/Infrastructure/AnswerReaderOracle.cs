using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SmsConnectors.Answers;
using SmsConnectors.Serialization;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>
/// <see cref="JsonSerializer"/>, with a vendor's source-generated context, as the oracle of the
/// vendor's one-pass answer reader: both read the same body into the same model, and must agree
/// on whether it reads, with the same problem when it does not, and on every field of the model
/// when it does.
/// </summary>
internal static class AnswerReaderOracle
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// What the serializer makes of <paramref name="body"/>, as a send's answer was read before the
    /// one-pass readers: a byte order mark skipped, any failure "not the JSON the vendor documents",
    /// JSON null a failure of its own; otherwise every field of the model.
    /// </summary>
    public static string BySerializer<T>(byte[] body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(WithoutBom(body), typeInfo);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return "failed: it is not the JSON the vendor documents";
        }

        return value is null ? "failed: it is JSON null" : "read " + Describe(value);
    }

    /// <summary>What <paramref name="read"/> makes of <paramref name="body"/> through <see cref="VendorAnswer"/>, in the same words as <see cref="BySerializer{T}"/>.</summary>
    public static string ByReader<T>(byte[] body, AnswerJson.ValueReader<T?> read)
        where T : class =>
        new VendorAnswer(200, null, body).TryReadJson(read, out var value, out var problem) ? "read " + Describe(value) : "failed: " + problem;

    /// <summary>Asserts that the reader and the serializer agree on every body; returns how many read and how many failed.</summary>
    public static (int Read, int Failed) AssertAgree<T>(IEnumerable<byte[]> bodies, JsonTypeInfo<T> typeInfo, AnswerJson.ValueReader<T?> read)
        where T : class =>
        AssertAgree(bodies, body => BySerializer(body, typeInfo), body => ByReader(body, read));

    /// <summary>Asserts that <paramref name="actual"/> says what <paramref name="expected"/> says of every body; returns how many read and how many failed.</summary>
    public static (int Read, int Failed) AssertAgree(IEnumerable<byte[]> bodies, Func<byte[], string> expected, Func<byte[], string> actual)
    {
        var (read, failed) = (0, 0);
        var disagreements = new List<string>();
        foreach (var body in bodies)
        {
            var (want, got) = (expected(body), actual(body));
            if (want != got)
            {
                disagreements.Add($"{Show(body)}\n  serializer: {want}\n  reader:     {got}");
            }

            if (want.StartsWith("read ", StringComparison.Ordinal))
            {
                read++;
            }
            else
            {
                failed++;
            }
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {read + failed} bodies are read differently; the first:\n{string.Join("\n", disagreements.Take(5))}");
        return (read, failed);
    }

    /// <summary>The body without a leading UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> WithoutBom(byte[] body) => body.AsSpan().StartsWith(Utf8Bom) ? body.AsSpan(Utf8Bom.Length) : body;

    /// <summary>
    /// Every property of a model, nested models and lists included, written out so that two reads
    /// are equal exactly when their texts are: strings escaped, decimals with their scale, elements
    /// with their kind and raw bytes.
    /// </summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string text => Quote(text),
        decimal number => $"{number.ToString(CultureInfo.InvariantCulture)} ({string.Join(',', decimal.GetBits(number))})",
        int number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        JsonElement { ValueKind: JsonValueKind.Undefined } => "(absent)",
        JsonElement element => $"{element.ValueKind} {Convert.ToHexString(JsonMarshal.GetRawUtf8Value(element))}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Describe)) + "]",
        _ when value.GetType().Assembly == typeof(AnswerJson).Assembly => value.GetType().Name + " { " + string.Join(", ", value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(property => property.Name, StringComparer.Ordinal)
            .Select(property => $"{property.Name} = {Describe(property.GetValue(value))}")) + " }",
        _ => throw new NotSupportedException($"A model field of type {value.GetType()} is not described yet."),
    };

    /// <summary>A string with every character outside printable ASCII escaped, so that lone surrogates and replacement characters show.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c is >= ' ' and < '\u007F' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return quoted.Append('"').ToString();
    }

    private static string Show(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var hex = Convert.ToHexString(body);
        return $"body {Quote(text.Length > 300 ? text[..300] + "..." : text)} (hex {(hex.Length > 200 ? hex[..200] + "..." : hex)})";
    }
}
