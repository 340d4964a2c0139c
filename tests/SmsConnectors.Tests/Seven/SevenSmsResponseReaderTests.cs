using System.Text.Json;
using SmsConnectors.Answers;
using SmsConnectors.Seven;
using SmsConnectors.Tests.Conformance;
using SmsConnectors.Tests.Faults;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Infrastructure.JsonMutations;

namespace SmsConnectors.Tests.Seven;

/// <summary>
/// Seven's answer read in one pass (<see cref="SevenSmsResponseReader"/>) against the serializer
/// with <see cref="SevenJsonContext"/>: the object answer into <see cref="SevenSmsResponse"/>, and a
/// bare result code as the <see cref="JsonElement"/> read gave it.
/// </summary>
public sealed class SevenSmsResponseReaderTests : AnswerReaderConformanceTests
{
    /// <summary>Seven's example answer to <c>POST /sms</c> with <c>json=1</c>.</summary>
    private const string Documented =
        """{"success":"100","total_price":0.075,"balance":9.63,"debug":"false","sms_type":"direct","messages":[{"id":"77229135982","sender":"913","recipient":"4917612121212","text":"Hello","encoding":"gsm","label":null,"parts":1,"udh":null,"is_binary":false,"price":0.075,"success":true,"error":null,"error_text":null}]}""";

    protected override IReadOnlyList<string> DocumentedAnswers =>
    [
        Documented,
        """{"success":"101","total_price":0,"balance":9.63,"debug":"false","sms_type":"direct","messages":[{"id":null,"sender":"913","recipient":"4917612121212","text":"Hello","encoding":"gsm","label":null,"parts":1,"udh":null,"is_binary":false,"price":0,"success":false,"error":"202","error_text":"Invalid recipient"},null]}""",
        "900",
        "\"900\"",
    ];

    protected override IEnumerable<byte[]> OtherAnswers
    {
        get
        {
            var kit = VendorKit.Get("Seven");
            string[] played =
            [
                .. SevenResponseTests.Successes.Select(row => (string)row[0]!),
                .. SevenResponseTests.Unreadable.Select(row => (string)row[2]!),
                .. SevenResponseTests.DocumentedCodes.Select(row => (string)row[0]!)
                    .SelectMany(code => (string[])[code, $"\"{code}\"", $"{code}\n", $$"""{"success":"{{code}}","total_price":0,"balance":0,"debug":"false","sms_type":"direct","messages":[]}"""]),
                """{"success":"100","messages":[{"id":null,"recipient":"4915112345678","success":false,"error":"202","error_text":"Invalid recipient 4915112345678"}]}""",
                """{"success":"101","messages":[{"id":"1","success":false,"error":500,"error_text":"Insufficient credits"}]}""",
                """{"success":"100","messages":[{"id":"1","success":false,"error":null,"error_text":null}]}""",
                "123",
                "{\"success\":\"999\"}",
                "{\"success\":\"100\",\"pad\":\"" + new string('x', 2048) + "\"}",
                """{"success":"100","total_price":0.075,"balance":12.3,"debug":"false","sms_type":"direct","messages":[{"id":"77229318","sender":"Logto","recipient":"4915112345678","text":"x","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""",
                """{"success":"100","total_price":0.075,"balance":9.9,"debug":"false","sms_type":"direct","messages":[{"id":"77230001","sender":"Logto","recipient":"4915112345678","text":"x","encoding":"gsm","label":null,"parts":1,"price":0.075,"success":true,"error":null,"error_text":null}]}""",
                """{"success":"202","messages":[{"id":null,"success":false,"error":"202","error_text":"Invalid recipient"}]}""",
                """{"success":"202","messages":[{"id":null,"success":false,"error":"202","error_text":"Invalid recipient \"quoted\" \\ \u00e9"}]}""",
                "500", "301", "305",
                kit.SuccessBody,
                .. kit.FailureBodies,
                kit.MayHaveBeenSent503Body!,
            ];
            return played.Select(Utf8).Concat(kit.InvalidUtf8Answers.Select(answer => answer.Body));
        }
    }

    [Fact]
    public void Reads_the_documented_answer_field_by_field()
    {
        var answer = new VendorAnswer(200, null, Utf8(Documented));

        Assert.True(answer.TryReadJson(SevenSmsResponseReader.Read, out var response, out _));

        Assert.Equal("100", response.Success);
        Assert.Equal(0.075m, response.TotalPrice);
        var message = Assert.Single(response.Messages!);
        Assert.NotNull(message);
        Assert.Equal("77229135982", message.Id);
        Assert.Equal(1, message.Parts);
        Assert.True(message.Success);
        Assert.Null(message.Error);
        Assert.Null(message.ErrorText);
    }

    [Fact]
    public void Reads_numeric_codes_and_ids_as_their_text_and_keeps_null_entries()
    {
        var answer = new VendorAnswer(200, null, """{"success":101,"messages":[null,{"id":77229318,"parts":"2","success":false,"error":500}]}"""u8.ToArray());

        Assert.True(answer.TryReadJson(SevenSmsResponseReader.Read, out var response, out _));

        Assert.Equal("101", response.Success);
        Assert.Equal(2, response.Messages!.Count);
        Assert.Null(response.Messages[0]);
        Assert.Equal("77229318", response.Messages[1]!.Id);
        Assert.Equal(2, response.Messages[1]!.Parts);
        Assert.Equal("500", response.Messages[1]!.Error);
    }

    [Fact]
    public void Lists_of_any_length_read_as_the_serializer_reads_them()
    {
        string[] entries = ["""{"id":"1","parts":1,"success":true}""", "null", """{"id":3,"success":false,"error":"202"}""", "{}", """{"id":"5","parts":"2"}"""];
        var bodies = Enumerable.Range(0, entries.Length + 1)
            .Select(count => Utf8($$"""{"success":"100","messages":[{{string.Join(",", entries.Take(count))}}]}"""))
            .ToList();

        var (read, _) = AnswerReaderOracle.AssertAgree(bodies.Concat(bodies.SelectMany(Truncations)), SevenJsonContext.Default.SevenSmsResponse, SevenSmsResponseReader.Read);

        Assert.True(read >= bodies.Count, "The lists were not read: the comparison proves nothing.");
    }

    [Theory]
    [InlineData("900", "900")]
    [InlineData("\"900\"", "900")]
    [InlineData(" 100\n", "100")]
    [InlineData("[]", "")]
    [InlineData("null", "")]
    [InlineData("true", "")]
    public void Reads_a_bare_answer_as_its_code(string body, string code)
    {
        Assert.True(new VendorAnswer(200, null, Utf8(body)).TryReadJson(SevenSmsResponseReader.ReadCode, out var read, out _));
        Assert.Equal(code, read);
    }

    [Fact]
    public void A_bare_answer_reads_as_the_element_read_did() =>
        AnswerReaderOracle.AssertAgree(AllVariations(), CodeBySerializer, CodeByReader);

    private protected override string BySerializer(byte[] body) => AnswerReaderOracle.BySerializer(body, SevenJsonContext.Default.SevenSmsResponse);

    private protected override string ByReader(byte[] body) => AnswerReaderOracle.ByReader<SevenSmsResponse>(body, SevenSmsResponseReader.Read);

    /// <summary>
    /// What a bare answer was read as before: a <see cref="JsonElement"/> whose text was a code when
    /// it was a string or a number, and no code otherwise (a string that is not UTF-8 included).
    /// </summary>
    private static string CodeBySerializer(byte[] body)
    {
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize(AnswerReaderOracle.WithoutBom(body), SevenJsonContext.Default.JsonElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or ArgumentException)
        {
            return "failed: it is not the JSON the vendor documents";
        }

        var code = root.ValueKind is JsonValueKind.String or JsonValueKind.Number ? SevenConnector.TextOf(root) : null;
        return "read " + AnswerReaderOracle.Quote(code ?? string.Empty);
    }

    private static string CodeByReader(byte[] body) =>
        new VendorAnswer(200, null, body).TryReadJson(SevenSmsResponseReader.ReadCode, out var code, out var problem)
            ? "read " + AnswerReaderOracle.Quote(code)
            : "failed: " + problem;
}
