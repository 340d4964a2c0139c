using System.Text;
using SmsConnectors.Seven;

namespace SmsConnectors.Tests.Seven;

/// <summary>Seven's form body is byte for byte what .NET's own <see cref="FormUrlEncodedContent"/> writes for the same fields.</summary>
public sealed class FormBodyTests
{
    public static TheoryData<string> Texts => new()
    {
        "Your sign-in code is 482913.",
        "+4915112345678",
        "a&b=c+d %25 / ? # [ ] @ ! $ ' ( ) * , ; : ~ _ - .",
        "Код подтверждения: 4829",
        "验证码 482913，5分钟内有效",
        "emoji 😀 and é ü ß",
        "tab\tnew\r\nline",
        "Dein Bestätigungscode lautet 482913 und ist 5 Minuten gültig",
        "lone \uD83D high and \uDE00 low surrogates, \uDE00\uD83D reversed, \uD83D",
        "\uD83D",
        "   ",
        string.Empty,
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task A_field_is_encoded_as_FormUrlEncodedContent_encodes_it(string text)
    {
        KeyValuePair<string, string>[] fields = [new("to", "+4915112345678"), new("text", text), new("from", "Säge & Co")];
        using var content = new FormUrlEncodedContent(fields);

        var expected = await content.ReadAsByteArrayAsync();

        Assert.Equal(Encoding.ASCII.GetString(expected), Encoding.ASCII.GetString(FormBody.Encode(fields)));
        Assert.Equal(expected, FormBody.Encode(fields));
    }

    [Fact]
    public async Task Random_text_is_encoded_as_FormUrlEncodedContent_encodes_it()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 500; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)(random.Next(4) == 0 ? random.Next(0x80, 0xD7FF) : random.Next(0, 0x80)))]);
            KeyValuePair<string, string>[] fields = [new("text", text)];
            using var content = new FormUrlEncodedContent(fields);

            Assert.Equal(await content.ReadAsByteArrayAsync(), FormBody.Encode(fields));
        }
    }

    [Fact]
    public async Task Random_runs_of_kept_characters_between_escapes_are_encoded_as_FormUrlEncodedContent_encodes_them()
    {
        const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
        string[] others = [" ", "+", "%", "&", "=", "\n", "é", "ß", "Ж", "验", "😀", "\uD83D", "\uDE00", "\u0000", "\u007F", "\uFFFF"];
        var random = new Random(20261124);
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            for (var piece = random.Next(0, 8); piece > 0; piece--)
            {
                for (var run = random.Next(0, 40); run > 0; run--)
                {
                    text.Append(Unreserved[random.Next(Unreserved.Length)]);
                }

                for (var run = random.Next(0, 4); run > 0; run--)
                {
                    text.Append(others[random.Next(others.Length)]);
                }
            }

            KeyValuePair<string, string>[] fields = [new("to", "+4915112345678"), new("text", text.ToString())];
            using var content = new FormUrlEncodedContent(fields);

            Assert.Equal(await content.ReadAsByteArrayAsync(), FormBody.Encode(fields));
        }
    }
}
