using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmsConnectors.Serialization;
using static SmsConnectors.Tests.Http.HttpTestHost;

namespace SmsConnectors.Tests.Http;

/// <summary>Logto's <c>http-sms</c> body with a payload of strings, against the serializer's, and the payload's depth limit.</summary>
public class HttpSmsBodyTests
{
    /// <summary>Characters JSON escapes or a writer may mishandle: quotes, controls, surrogates (paired and lone), HTML-sensitive and non-ASCII text.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", "code", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\0", "\u001f", "\u007f",
        "<", ">", "&", "'", "+", "\u00a0", "\u00e9", "\u2028", "\ufeff", "\uffff",
        "Привет", "腾讯云", "😀", "\ud83d", "\ude00", "\udc00\ud800",
    ];

    private static readonly string[] Types = ["SignIn", "Register", "ForgotPassword", "Generic", "Test", "Ünïcode \"type\" 😀"];

    [Fact]
    public async Task Payloads_of_strings_go_out_as_the_serializer_writes_them()
    {
        using var host = Create(_ => { });
        var random = new Random(20260302);
        for (var i = 0; i < 300; i++)
        {
            var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var count = random.Next(6); entries.Count < count;)
            {
                entries.TryAdd(Text(random, 4), random.Next(8) == 0 ? null : Text(random, 20));
            }

            var type = Types[random.Next(Types.Length)];
            var ip = random.Next(3) == 0 ? null : Text(random, 3);
            await SendsAsTheSerializerWritesAsync(host, type, entries, ip);
        }
    }

    [Fact]
    public async Task Plain_payloads_and_ones_with_a_single_character_that_is_not_go_out_as_the_serializer_writes_them()
    {
        // Printable ASCII, which is written without a writer, with now and then a character next to it that is not.
        string[] pieces = [.. Enumerable.Range(0x20, 0x5F).Select(c => ((char)c).ToString()), "\u001f", "\u007f", "\u0080", "\u00e9", "\ud83d"];
        using var host = Create(_ => { });
        var random = new Random(20261123);
        string Text(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(random.Next(60) == 0 ? pieces.Length : 0x5F)]));
        for (var i = 0; i < 300; i++)
        {
            var entries = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var count = random.Next(4); entries.Count < count;)
            {
                // Now and then a value long enough to take the body past the length written without a writer.
                entries.TryAdd(Text(random.Next(1, 6)), random.Next(30) == 0 ? null : Text(random.Next(8) == 0 ? random.Next(380, 480) : random.Next(12)));
            }

            var type = random.Next(4) == 0 ? "T" + Text(random.Next(10)) : "SignIn";
            var ip = random.Next(3) == 0 ? null : Text(random.Next(16));
            await SendsAsTheSerializerWritesAsync(host, type, entries, ip);
        }
    }

    [Fact]
    public void A_string_at_the_deepest_payload_level_is_written_and_one_deeper_is_refused()
    {
        var deepest = string.Concat(Enumerable.Repeat("""{"n":""", SmsJson.MaxPayloadDepth)) + "\"leaf\"" + new string('}', SmsJson.MaxPayloadDepth);
        Assert.Equal(Encoding.UTF8.GetBytes(deepest), SmsJson.Write(Nested(SmsJson.MaxPayloadDepth), static (writer, value) => SmsJson.WriteValue(writer, value)));

        var error = Assert.Throws<SmsConnectorException>(() => SmsJson.Write(Nested(SmsJson.MaxPayloadDepth + 1), static (writer, value) => SmsJson.WriteValue(writer, value)));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, error.Code);
    }

    /// <summary>A string inside <paramref name="levels"/> dictionaries, so at depth <paramref name="levels"/>.</summary>
    private static Dictionary<string, object?> Nested(int levels)
    {
        var value = new Dictionary<string, object?> { ["n"] = "leaf" };
        for (var level = 1; level < levels; level++)
        {
            value = new Dictionary<string, object?> { ["n"] = value };
        }

        return value;
    }

    private static string Text(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(maxPieces + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    /// <summary>Sends a message of <paramref name="type"/>, <paramref name="entries"/> and <paramref name="ip"/>, and checks its body is the serializer's.</summary>
    private static async Task SendsAsTheSerializerWritesAsync(HttpTestHost host, string type, Dictionary<string, string?> entries, string? ip)
    {
        await host.SendAsync(new SmsMessage
        {
            To = Number,
            Type = new SmsUsageType(type),
            Ip = ip,
            Payload = entries.ToDictionary(entry => entry.Key, entry => (object?)entry.Value, StringComparer.Ordinal),
        });

        Assert.Equal(Serialized(new HttpSmsBody(Number, type, entries, ip)), host.Requests[^1].Body);
    }

    private static byte[] Serialized(HttpSmsBody body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, SmsJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, body, HttpSmsBodyJsonContext.Default.HttpSmsBody);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Logto's <c>http-sms</c> body as the serializer writes it.</summary>
internal sealed record HttpSmsBody(
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("payload")] Dictionary<string, string?> Payload,
    [property: JsonPropertyName("ip"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ip);

[JsonSerializable(typeof(HttpSmsBody))]
internal sealed partial class HttpSmsBodyJsonContext : JsonSerializerContext;
