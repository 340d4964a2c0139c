using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using SmsConnectors.Answers;
using SmsConnectors.Http;
using SmsConnectors.Seven;
using SmsConnectors.SmsAero;
using SmsConnectors.Tencent;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// Classifying each vendor's success answer (reading it and deciding the verdict), beside the
/// least any reader that checks the JSON pays: <see cref="Utf8JsonReader"/> stepping through every
/// token of the same bytes and keeping none.
/// </summary>
[MemoryDiagnoser]
public class AnswerBenchmarks
{
    private static readonly SmsPhoneNumber TencentNumber = SmsPhoneNumber.Parse(Vendors.TencentMessage.To);

    private VendorAnswer _answer = null!;
    private Func<VendorAnswer, VendorVerdict> _classify = null!;

    [Params(Vendor.Http, Vendor.Seven, Vendor.SmsAero, Vendor.Tencent)]
    public Vendor Vendor { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _answer = new VendorAnswer(200, headers: null, Encoding.UTF8.GetBytes(Vendors.SuccessAnswer(Vendor)));
        _classify = Vendor switch
        {
            Vendor.Http => HttpConnector.Classify,
            Vendor.Seven => SevenConnector.Classify,
            Vendor.SmsAero => SmsAeroConnector.Classify,
            _ => answer => TencentConnector.Classify(answer, TencentNumber),
        };
        if (_classify(_answer) is not { Kind: VerdictKind.Sent, MessageId: not null })
        {
            throw new InvalidOperationException($"The {Vendor} success answer was not classified as sent with a message id.");
        }
    }

    [Benchmark(Baseline = true)]
    public int ScanJson()
    {
        var reader = new Utf8JsonReader(_answer.Body.Span);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public string? Classify() => _classify(_answer).MessageId;
}
