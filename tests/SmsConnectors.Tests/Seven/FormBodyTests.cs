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
}
