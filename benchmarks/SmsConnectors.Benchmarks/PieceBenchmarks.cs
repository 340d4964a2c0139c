using System.Text;
using BenchmarkDotNet.Attributes;
using SmsConnectors.Guard;
using SmsConnectors.Templates;
using SmsConnectors.Tencent;

namespace SmsConnectors.Benchmarks;

/// <summary>
/// The pieces of a send on their own: render a template, sign a Tencent request, count segments;
/// and what the guard works out the first time it sees a number and a client address: where the
/// number goes, and their hashed store keys.
/// </summary>
[MemoryDiagnoser]
public class PieceBenchmarks
{
    private static readonly MessageTemplate Template = MessageTemplate.Parse("Your sign-in code is {{code}}. It expires in {{minutes}} minutes.");
    private static readonly IReadOnlyDictionary<string, object?> Payload = new Dictionary<string, object?> { ["code"] = "482913", ["minutes"] = 5 };
    private static readonly GuardKeys Keys = new(secret: null);
    private static readonly SmsPhoneNumber Number = SmsPhoneNumber.Parse("+4915112345678");
    private static readonly byte[] TencentBody = Encoding.UTF8.GetBytes("""{"PhoneNumberSet":["+8613711112222"],"SmsSdkAppId":"1400006666","SignName":"腾讯云","TemplateId":"1110","TemplateParamSet":["482913"]}""");

    [Benchmark]
    public string Render() => Template.Render(Payload);

    [Benchmark]
    public string SignTencent() =>
        Tc3Signer.Sign(Vendors.TencentSecretId, Vendors.TencentSecretKey, TencentConnector.Service, "sms.tencentcloudapi.com", TencentConnector.ContentType, TencentBody, 1_763_800_000).Authorization;

    [Benchmark]
    public SmsSegmentCount SegmentsGsm() => SmsSegments.Count("Your sign-in code is 482913. It expires in 5 minutes.");

    [Benchmark]
    public SmsSegmentCount SegmentsUcs2() => SmsSegments.Count("Ваш код для входа: 482913. Он действует 5 минут.");

    [Benchmark]
    public string PlaceNumber() => DestinationPolicy.Locate(Number).Region;

    [Benchmark]
    public string? GuardNumberKey() => Keys.NumberAndCooldown(Number, cooldown: false).Number;

    [Benchmark]
    public string GuardIpKey() => Keys.Ip("198.18.0.1");
}
