using System.Runtime.InteropServices;
using System.Text.Json;
using SmsConnectors.Answers;
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
        Assert.Equal(JsonValueKind.Object, response.Data.ValueKind);
        Assert.Equal(Documented[(Documented.IndexOf("{\"id\"", StringComparison.Ordinal))..Documented.IndexOf(",\"message\"", StringComparison.Ordinal)], System.Text.Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(response.Data)));
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
        Assert.Equal(JsonValueKind.Undefined, response.Data.ValueKind);
    }

    private protected override string BySerializer(byte[] body) => AnswerReaderOracle.BySerializer(body, SmsAeroJsonContext.Default.SmsAeroResponse);

    private protected override string ByReader(byte[] body) => AnswerReaderOracle.ByReader<SmsAeroResponse>(body, SmsAeroResponseReader.Read);
}
