using System.Runtime.InteropServices;
using System.Text.Json;
using SmsConnectors.Answers;
using SmsConnectors.Serialization;
using SmsConnectors.SmsAero;
using SmsConnectors.Tests.Conformance;
using SmsConnectors.Tests.Faults;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Infrastructure.JsonMutations;

namespace SmsConnectors.Tests.SmsAero;

/// <summary>SMSAero's answer to a send read in one pass (<see cref="SmsAeroResponseReader"/>) against the serializer with <see cref="SmsAeroJsonContext"/>.</summary>
public sealed class SmsAeroResponseReaderTests : AnswerReaderConformanceTests
{
    /// <summary>SMSAero's example answer to <c>POST /v2/sms/send</c>.</summary>
    private const string Documented =
        """{"success":true,"data":{"id":1,"from":"SMS Aero","number":"79990000000","text":"Hello, World!","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49","dateCreate":1697533302,"dateSend":1697533302},"message":null}""";

    protected override IReadOnlyList<string> DocumentedAnswers =>
    [
        Documented,
        """{"success":false,"data":null,"message":"Your request was made with invalid credentials."}""",
        """{"success":false,"data":{"number":["incorrect"],"text":["too short","required"]},"message":"Validation error."}""",
        """{"result":"reject","reason":"incorrect destination adress"}""",
    ];

    protected override IEnumerable<byte[]> OtherAnswers
    {
        get
        {
            var kit = VendorKit.Get("SmsAero");
            string[] played =
            [
                .. SmsAeroResponseTests.Successes.Select(row => (string)row[0]!),
                .. SmsAeroResponseTests.Rejections.Select(row => (string)row[1]!),
                .. SmsAeroResponseTests.Unreadable.Select(row => (string)row[2]!),
                """{"success":false,"data":null,"message":"Internal error"}""",
                """{"success":false,"data":{"number":["79990000000 is in the blacklist"]},"message":"Validation error."}""",
                """{"success":true,"data":{"id":1,"from":"SMSAero","number":"79990000000","text":"x","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49","dateCreate":1697533302,"dateSend":1697533302},"message":null}""",
                """{"success":true,"data":{"id":424242,"from":"SMSAero","number":"4915112345678","text":"x","status":8,"extendStatus":"moderation","channel":"FREE SIGN","cost":"4.49"},"message":null}""",
                """{"result":"no credits"}""",
                """{"success":false,"data":{"number":["incorrect"]},"message":"Validation error."}""",
                """{"success":false,"data":null,"message":"Validation error."}""",
                """{"success":false,"data":null,"message":"Not found."}""",
                """{"success":false,"data":{"number":["79990001122 is incorrect"]},"message":"Validation error."}""",
                """{"success":false,"data":null,"message":"A \"quoted\" \\ \u00e9 \ud83d\ude00 text"}""",
                kit.SuccessBody,
                .. kit.FailureBodies,
            ];
            return played.Select(Utf8).Concat(kit.InvalidUtf8Answers.Select(answer => answer.Body));
        }
    }

    [Fact]
    public void Reads_the_documented_answer_field_by_field()
    {
        var answer = new VendorAnswer(200, null, Utf8(Documented));

        Assert.True(answer.TryReadJson(SmsAeroResponseReader.Read, out var response, out _));

        Assert.True(response.Success);
        Assert.Equal(new SmsAeroSentEntry("1", 4.49m, NotUtf8: false), response.Sent);
        Assert.Null(response.Message);
        Assert.Null(response.Result);
        Assert.Null(response.Reason);
        Assert.Null(response.Id);
    }

    [Fact]
    public void Reads_the_older_shape_with_a_numeric_id()
    {
        var answer = new VendorAnswer(200, null, """{"result":"accepted","id":54321}"""u8.ToArray());

        Assert.True(answer.TryReadJson(SmsAeroResponseReader.Read, out var response, out _));

        Assert.Equal("accepted", response.Result);
        Assert.Equal("54321", response.Id);
        Assert.Null(response.Success);
        Assert.Equal(default(SmsAeroSentEntry), response.Sent);
    }

    [Theory]
    [InlineData("""{"success":true,"data":{"id":1,"id":"2","cost":"1.5","cost":3}}""", "2", "3")]
    [InlineData("""{"success":true,"data":[{"id":7,"cost":"0.5"},{"id":8}]}""", "7", "0.5")]
    [InlineData("""{"success":true,"data":[]}""", null, null)]
    [InlineData("""{"success":true,"data":["x",{"id":8}]}""", null, null)]
    [InlineData("""{"success":true,"data":{"i\u0064":"9","cost":" 1,000.5 "}}""", "9", "1000.5")]
    [InlineData("""{"success":true,"data":{"id":{"x":1},"cost":true}}""", null, null)]
    public void Takes_the_sent_entry_as_a_parsed_document_would_look_it_up(string body, string? id, string? cost)
    {
        Assert.True(new VendorAnswer(200, null, Utf8(body)).TryReadJson(SmsAeroResponseReader.Read, out var response, out _));

        Assert.Equal(new SmsAeroSentEntry(id, cost is null ? null : decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), NotUtf8: false), response.Sent);
        Assert.Equal(SentEntryOf(JsonSerializer.Deserialize(body, SmsAeroJsonContext.Default.SmsAeroResponse)!.Data), response.Sent);
    }

    /// <summary>Costs as JSON values: numbers and strings parsed from the body's bytes or, escaped, through a string.</summary>
    public static TheoryData<string> Costs => new()
    {
        "\"4.49\"", "4.49", "\" 1,000.5 \"", "\"-0.5\"", "\"+7.\"", "\".5\"", "\"1,2,3\"", "\"\"", "\"NaN\"", "\"Infinity\"",
        "\"1e3\"", "1e3", "-0", "0.0000", "\"79228162514264337593543950336\"", "79228162514264337593543950335",
        "1.00000000000000000000000000005", "\"0x10\"", "\"(1)\"", "\"1-\"", "\"4.49 \"",
        "\"\u0664\u066B\u0664\u0669\"", "\"4.49\u00a0\"", "\"\u00a04.49\"", "\"\u22121\"", "\"\uff14.49\"", "\"4.49\U0001F600\"",
        "\"4\\u002e49\"", "\"\\u0034.49\"", "\"4.49\\u0000\"", "\"\\t4.49\\n\"", "\"\\u00a04.49\"", "\"\\ud800\"",
        "null", "true", "[1]", "{\"a\":1}",
    };

    [Theory]
    [MemberData(nameof(Costs))]
    public void Reads_a_cost_as_a_parsed_document_would_look_it_up(string cost)
    {
        var body = """{"success":true,"data":{"id":1,"cost":""" + cost + "}}";

        Assert.True(new VendorAnswer(200, null, Utf8(body)).TryReadJson(SmsAeroResponseReader.Read, out var response, out _));

        Assert.Equal(SentEntryOf(JsonSerializer.Deserialize(body, SmsAeroJsonContext.Default.SmsAeroResponse)!.Data), response.Sent);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xC0, 0xAE })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x80 })]
    public void Marks_a_cost_that_is_not_utf8_as_a_parsed_document_would(byte[] bytes)
    {
        var body = (byte[])[.. """{"success":true,"data":{"id":1,"cost":"4"""u8, .. bytes, .. """.49"}}"""u8];

        Assert.True(new VendorAnswer(200, null, body).TryReadJson(SmsAeroResponseReader.Read, out var response, out _));

        Assert.Equal(new SmsAeroSentEntry("1", null, NotUtf8: true), response.Sent);
        Assert.Equal(SentEntryOf(JsonSerializer.Deserialize(body, SmsAeroJsonContext.Default.SmsAeroResponse)!.Data), response.Sent);
    }

    /// <summary>The serializer's model with <c>data</c> looked up in its element, as the connector looked it up before the one-pass read.</summary>
    private protected override string BySerializer(byte[] body)
    {
        var read = AnswerReaderOracle.BySerializer(body, SmsAeroJsonContext.Default.SmsAeroResponse);
        return read.StartsWith("read ", StringComparison.Ordinal)
            ? Describe(JsonSerializer.Deserialize(AnswerReaderOracle.WithoutBom(body), SmsAeroJsonContext.Default.SmsAeroResponse)!, SentEntryOf)
            : read;
    }

    /// <summary>The reader's model; where it leaves <c>data</c> to a document (a name that does not unescape), the connector looks it up as before.</summary>
    private protected override string ByReader(byte[] body) =>
        new VendorAnswer(200, null, body).TryReadJson(SmsAeroResponseReader.Read, out var response, out var problem)
            ? Describe(response, _ => response.Sent ?? SentEntryOf(JsonSerializer.Deserialize(AnswerReaderOracle.WithoutBom(body), SmsAeroJsonContext.Default.SmsAeroResponse)!.Data))
            : "failed: " + problem;

    private static string Describe(SmsAeroResponse response, Func<JsonElement, SmsAeroSentEntry> sent)
    {
        var entry = sent(response.Data);
        return "read " + string.Join(", ", new object?[] { response.Success, response.Message, response.Result, response.Reason, response.Id, entry.Id, entry.Cost, entry.NotUtf8 }.Select(AnswerReaderOracle.Describe));
    }

    /// <summary>
    /// <c>data.id</c> and <c>data.cost</c> (of the first entry when <c>data</c> is an array) looked up
    /// in the serializer's element, as the connector did before it read answers in one pass; a
    /// string that is not UTF-8 is marked, where the element threw.
    /// </summary>
    private static SmsAeroSentEntry SentEntryOf(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Array)
        {
            data = data.EnumerateArray().FirstOrDefault();
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        var (id, idNotUtf8) = Lookup(data, "id");
        var (cost, costNotUtf8) = Lookup(data, "cost");
        decimal? price = decimal.TryParse(cost, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        return new SmsAeroSentEntry(id, price, idNotUtf8 || costNotUtf8);

        // The lookup unescapes the names it passes, and the value's text may not be UTF-8: either throws.
        static (string? Text, bool NotUtf8) Lookup(JsonElement data, string name)
        {
            try
            {
                return (data.TryGetProperty(name, out var element) ? JsonStringOrNumberConverter.TextOf(element) : null, false);
            }
            catch (InvalidOperationException)
            {
                return (null, true);
            }
        }
    }
}
