using SmsConnectors.Answers;
using SmsConnectors.Tencent;
using SmsConnectors.Tests.Conformance;
using SmsConnectors.Tests.Faults;
using SmsConnectors.Tests.Infrastructure;
using static SmsConnectors.Tests.Infrastructure.JsonMutations;

namespace SmsConnectors.Tests.Tencent;

/// <summary>Tencent's answer to <c>SendSms</c> read in one pass (<see cref="TencentEnvelopeReader"/>) against the serializer with <see cref="TencentJsonContext"/>.</summary>
public sealed class TencentEnvelopeReaderTests : AnswerReaderConformanceTests
{
    /// <summary>Tencent's example answer to <c>SendSms</c> (two numbers).</summary>
    private const string Documented =
        """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045710669157053657849499619","PhoneNumber":"+8618511122233","Fee":1,"SessionContext":"test","Code":"Ok","Message":"send success","IsoCode":"CN"},{"SerialNo":"5000:104571066915705365784949619","PhoneNumber":"+8618511122266","Fee":1,"SessionContext":"test","Code":"Ok","Message":"send success","IsoCode":"CN"}],"RequestId":"a0aabda6-cf91-4f3e-a81f-9198114a2279"}}""";

    protected override IReadOnlyList<string> DocumentedAnswers =>
    [
        Documented,
        """{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated. Please check your signature is correct."},"RequestId":"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6"}}""",
        """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8618511122233","Fee":0,"SessionContext":"","Code":"FailedOperation.InsufficientBalanceInSmsPackage","Message":"insufficient balance in SMS package","IsoCode":"CN"}],"RequestId":"b5cd3ff1-1f9c-4b4a-9d0f-4b6a8a1a2c3d"}}""",
    ];

    protected override IEnumerable<byte[]> OtherAnswers
    {
        get
        {
            var kit = VendorKit.Get("Tencent");
            string[] played =
            [
                .. TencentResponseTests.Families.Select(row => (string)row[0]!).SelectMany(code => (string[])[TencentTestHost.Error(code, "the reason", "req-42"), TencentTestHost.NumberFailure(code, "number refused", "req-43")]),
                TencentTestHost.Success(),
                TencentTestHost.Success("5000:1045710669157053657849499619", "a0aabda6-cf91-4f3e-a81f-9198114a2279", "ok"),
                TencentTestHost.Error("AuthFailure.SecretIdNotFound"),
                """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8618511122234","Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"},{"SerialNo":"1","PhoneNumber":"+8618511122233","Code":"Ok","Message":"send success"}],"RequestId":"r"}}""",
                """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+8618511122233","Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"}],"RequestId":"r"}}""",
                """{"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"bad"},"SendStatusSet":[{"SerialNo":"1","Code":"Ok"}],"RequestId":"r"}}""",
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                "",
                """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1045","PhoneNumber":"+86185111""",
                "null",
                "[]",
                "{}",
                """{"Response":{"RequestId":"r"}}""",
                """{"Response":{"SendStatusSet":[],"RequestId":"r"}}""",
                """{"Response":{"SendStatusSet":[{"SerialNo":"1"}],"RequestId":"r"}}""",
                """{"Response":{"Error":{"Message":"no code"},"RequestId":"r"}}""",
                """{"Response":{"SendStatusSet":[{"Code":1}],"RequestId":"r"}}""",
                "Bad Request",
                """{"Response":{"Error":{"Code":"AuthFailure.SecretIdNotFound","Message":"The SecretId is not found."},"RequestId":"r-1"}}""",
                """{"Response":{"Error":{"Code":"LimitExceeded.PhoneNumberDailyLimit","Message":"daily limit"},"RequestId":"r-3"}}""",
                """{"Response":{"SendStatusSet":[{"SerialNo":"","PhoneNumber":"+79991234567","Fee":0,"SessionContext":"","Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"bad number","IsoCode":"RU"}],"RequestId":"r-4"}}""",
                """{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"too fast"},"RequestId":"r-5"}}""",
                """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+79991234567","Fee":1,"SessionContext":"","Code":"Ok","Message":"send success","IsoCode":"RU"}],"RequestId":"r-6"}}""",
                """{"Response":{"SendStatusSet":[{"SerialNo":"5000:1","PhoneNumber":"+8618511122233","Co""",
                """{"Response":{"Error":{"Code":"InvalidParameterValue.IncorrectPhoneNumber","Message":"A \"quoted\" \\ \u00e9 \ud83d\ude00 text"},"RequestId":"r-echo"}}""",
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

        Assert.True(answer.TryReadJson(TencentEnvelopeReader.Read, out var envelope, out _));

        var response = envelope.Response!;
        Assert.Null(response.Error);
        Assert.Equal("a0aabda6-cf91-4f3e-a81f-9198114a2279", response.RequestId);
        Assert.Equal(2, response.SendStatusSet!.Count);
        var first = response.SendStatusSet[0]!;
        Assert.Equal("5000:1045710669157053657849499619", first.SerialNo);
        Assert.Equal("Ok", first.Code);
        Assert.Equal(1, first.Fee);
        Assert.Equal("send success", first.Message);
    }

    [Fact]
    public void Reads_an_error_and_a_fee_given_as_a_string()
    {
        var answer = new VendorAnswer(200, null, """{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"SendStatusSet":[null,{"Fee":"2"}],"RequestId":"r"}}"""u8.ToArray());

        Assert.True(answer.TryReadJson(TencentEnvelopeReader.Read, out var envelope, out _));

        Assert.Equal("RequestLimitExceeded", envelope.Response!.Error!.Code);
        Assert.Equal("slow down", envelope.Response.Error.Message);
        Assert.Null(envelope.Response.SendStatusSet![0]);
        Assert.Equal(2, envelope.Response.SendStatusSet[1]!.Fee);
    }

    private protected override string BySerializer(byte[] body) => AnswerReaderOracle.BySerializer(body, TencentJsonContext.Default.TencentEnvelope);

    private protected override string ByReader(byte[] body) => AnswerReaderOracle.ByReader<TencentEnvelope>(body, TencentEnvelopeReader.Read);
}
