using System.Text;
using SmsConnectors.Tencent;

namespace SmsConnectors.Tests.Tencent;

/// <summary>
/// Tencent's published TC3-HMAC-SHA256 worked example (a CVM call, same algorithm); every expected
/// value below is typed from that document.
/// </summary>
public class Tc3SignerTests
{
    private const string Host = "cvm.tencentcloudapi.com";
    private const string ContentType = "application/json; charset=utf-8";
    private const long Timestamp = 1551113065;
    private const string SecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";

    // The \u escapes are literal characters of the body, exactly as in Tencent's example.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""");

    [Fact]
    public void Body_of_the_example_is_the_documented_text()
    {
        Assert.Equal(86, Body.Length);
        Assert.Contains(@"[""\u672a\u547d\u540d""]", Encoding.UTF8.GetString(Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")]
    [InlineData("Gu5t9xGARNpq86cd98joQYCN3*******", "2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c")]
    public void Reproduces_the_published_vector(string secretKey, string signature)
    {
        var result = Tc3Signer.Sign(SecretId, secretKey, "cvm", Host, ContentType, Body, Timestamp);

        Assert.Equal("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", result.HashedPayload);
        Assert.Equal(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064",
            result.CanonicalRequest);
        Assert.Equal("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", result.HashedCanonicalRequest);
        Assert.Equal(
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
            result.StringToSign);
        Assert.Equal(signature, result.Signature);
        Assert.Equal(
            $"TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature={signature}",
            result.Authorization);
    }

    [Fact]
    public void Date_is_the_utc_day_of_the_timestamp()
    {
        Assert.Equal("2019-02-25", Tc3Signer.DateOf(Timestamp));
        Assert.Equal("2026-03-01", Tc3Signer.DateOf(1772409599)); // 23:59:59 UTC, already 03-02 in UTC+8
        Assert.Equal("2026-03-02", Tc3Signer.DateOf(1772409600));
    }

    [Theory]
    [InlineData("https://sms.tencentcloudapi.com", "sms.tencentcloudapi.com")]
    [InlineData("https://SMS.TencentCloudAPI.com:443/", "sms.tencentcloudapi.com")]
    [InlineData("https://sms.ap-guangzhou.tencentcloudapi.com:8443", "sms.ap-guangzhou.tencentcloudapi.com:8443")]
    [InlineData("http://127.0.0.1:5123/", "127.0.0.1:5123")]
    [InlineData("http://[::1]:5123", "[::1]:5123")]
    [InlineData("http://localhost", "localhost")]
    [InlineData("https://bücher.example", "xn--bcher-kva.example")]
    public void Host_is_the_authority_called_with_a_port_only_when_not_default(string address, string host) =>
        Assert.Equal(host, Tc3Signer.HostOf(new Uri(address)));

    [Fact]
    public void Signature_depends_on_every_signed_part()
    {
        var baseline = Tc3Signer.Sign(SecretId, "k", "sms", "sms.tencentcloudapi.com", ContentType, Body, Timestamp).Signature;
        Assert.NotEqual(baseline, Tc3Signer.Sign(SecretId, "k", "sms", "sms.tencentcloudapi.com:8443", ContentType, Body, Timestamp).Signature);
        Assert.NotEqual(baseline, Tc3Signer.Sign(SecretId, "k", "sms", "sms.tencentcloudapi.com", "application/json", Body, Timestamp).Signature);
        Assert.NotEqual(baseline, Tc3Signer.Sign(SecretId, "k", "sms", "sms.tencentcloudapi.com", ContentType, Body.AsSpan(1), Timestamp).Signature);
        Assert.NotEqual(baseline, Tc3Signer.Sign(SecretId, "k", "sms", "sms.tencentcloudapi.com", ContentType, Body, Timestamp + 1).Signature);
        Assert.NotEqual(baseline, Tc3Signer.Sign(SecretId, "k2", "sms", "sms.tencentcloudapi.com", ContentType, Body, Timestamp).Signature);
        Assert.NotEqual(baseline, Tc3Signer.Sign(SecretId, "k", "cvm", "sms.tencentcloudapi.com", ContentType, Body, Timestamp).Signature);
    }

    [Fact]
    public void Printing_the_result_shows_no_signature()
    {
        var result = Tc3Signer.Sign(SecretId, "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "cvm", Host, ContentType, Body, Timestamp);
        Assert.DoesNotContain(result.Signature, result.ToString(), StringComparison.Ordinal);
    }
}
