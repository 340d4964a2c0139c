using System.Buffers;
using System.Text;
using System.Text.Json;
using SmsConnectors.Serialization;
using SmsConnectors.SmsAero;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>The body the connector writes (<see cref="SmsAeroConnector.Body"/>) against the serializer's of <see cref="SmsAeroSendRequest"/> with <see cref="SmsAeroJsonContext"/>.</summary>
public class SmsAeroBodyTests
{
    /// <summary>Characters JSON escapes or a writer may mishandle, one per string: quotes, controls, surrogates (paired and lone), HTML-sensitive and non-ASCII text.</summary>
    private static readonly string[] Pieces =
    [
        "a", "Z", "7", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\0", "\u0001", "\u001f", "\u007f",
        "<", ">", "&", "'", "+", "=", "`", "\u00a0", "\u00e9", "\u00ff", "\u0080", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff",
        "Привет", "код", "腾讯云", "مرحبا", "😀", "👍🏽", "\ud83d", "\ude00", "\udbff\udfff", "\ud800\ud800", "\udc00\ud800",
    ];

    public static TheoryData<string, string, string> Chosen => new()
    {
        { "+79990000000", "SMSAero", "Sign-in code 123456" },
        { "+4915112345678", "MyShop", "Code 123456: \"quoted\" & a=b + c\nnew line \\ 😀 Привет <b>" },
        { "+8613711112222", "腾讯云", "验证码 482913，5分钟内有效。" },
        { "+79990000000", "Знак \"1\"", "Ваш код: 555111 \u2028 \t\u0000" },
        { "+1234567", "\ud800", "\udfff lone \ud83d and reversed \ude00\ud83d" },
        { "+123456789012345", string.Empty, string.Empty },
    };

    [Theory]
    [MemberData(nameof(Chosen))]
    public void Chosen_bodies_are_the_serializers(string number, string sign, string text) =>
        Assert.Equal(Serialized(number, sign, text), SmsAeroConnector.Body(SmsPhoneNumber.Parse(number), sign, text));

    [Fact]
    public void Random_bodies_are_the_serializers()
    {
        var random = new Random(20260301);
        for (var i = 0; i < 5_000; i++)
        {
            var number = "+" + random.Next(1, 10) + string.Concat(Enumerable.Range(0, random.Next(6, 15)).Select(_ => random.Next(10)));
            var (sign, text) = (Text(random, 12), Text(random, 80));

            Assert.Equal(Serialized(number, sign, text), SmsAeroConnector.Body(SmsPhoneNumber.Parse(number), sign, text));
        }
    }

    [Fact]
    public void Random_plain_bodies_and_ones_with_a_single_character_that_is_not_are_the_serializers()
    {
        // Printable ASCII, which is written without a writer, with now and then a character next to it that is not.
        string[] pieces = [.. Enumerable.Range(0x20, 0x5F).Select(c => ((char)c).ToString()), "\u001f", "\u007f", "\u0080", "\u00e9", "\ud83d"];
        var random = new Random(20261123);
        for (var i = 0; i < 5_000; i++)
        {
            var number = "+" + random.Next(1, 10) + string.Concat(Enumerable.Range(0, random.Next(6, 15)).Select(_ => random.Next(10)));
            string Text(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => pieces[random.Next(random.Next(40) == 0 ? pieces.Length : 0x5F)]));

            // Texts around the length of body written without a writer.
            var (sign, text) = (Text(random.Next(12)), Text(random.Next(4) == 0 ? random.Next(440, 520) : random.Next(80)));

            Assert.Equal(Serialized(number, sign, text), SmsAeroConnector.Body(SmsPhoneNumber.Parse(number), sign, text));
        }
    }

    [Fact]
    public void A_missing_sign_is_null_as_the_serializer_writes_it() =>
        Assert.Equal(Serialized("+79990000000", null!, "x"), SmsAeroConnector.Body(SmsPhoneNumber.Parse("+79990000000"), null!, "x"));

    [Fact]
    public void The_serializer_escapes_as_the_documented_bodies_show()
    {
        // The oracle itself, against a body written by hand: only '"', '\' and controls escaped, the
        // emoji as its surrogate escapes, a lone surrogate as the replacement character's escape,
        // Cyrillic and HTML-sensitive characters as UTF-8.
        Assert.Equal(
            Encoding.UTF8.GetBytes("""{"number":"79990000000","sign":"\"A\" & B","text":"Привет <b>\n\\ \uD83D\uDE00 \uFFFD"}"""),
            Serialized("+79990000000", "\"A\" & B", "Привет <b>\n\\ 😀 \ud800"));
    }

    private static string Text(Random random, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(maxPieces + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    private static byte[] Serialized(string number, string sign, string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, SmsJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, new SmsAeroSendRequest(number[1..], sign, text), SmsAeroJsonContext.Default.SmsAeroSendRequest);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
