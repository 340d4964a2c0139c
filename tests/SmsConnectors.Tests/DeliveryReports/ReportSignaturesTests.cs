using System.Text;
using SmsConnectors.DeliveryReports;

namespace SmsConnectors.Tests.DeliveryReports;

/// <summary>The shared checks of signatures and tokens.</summary>
public class ReportSignaturesTests
{
    /// <summary>RFC 4231, test case 2: HMAC-SHA256 of "what do ya want for nothing?" keyed with "Jefe".</summary>
    private const string Rfc4231Case2 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    [Fact]
    public void Hmac_sha256_matches_rfc_4231()
    {
        Assert.Equal(Rfc4231Case2, ReportSignatures.LowerHex(ReportSignatures.HmacSha256("Jefe", Encoding.UTF8.GetBytes("what do ya want for nothing?"))));
    }

    [Theory]
    [InlineData(Rfc4231Case2, true)]
    [InlineData("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843", true)]
    [InlineData("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3844", false)]
    [InlineData("5bdcc146", false)]
    [InlineData("zz", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Hex_matches_only_the_same_bytes(string? hex, bool expected)
    {
        Assert.Equal(expected, ReportSignatures.HexMatches(hex, Convert.FromHexString(Rfc4231Case2)));
    }

    [Theory]
    [InlineData("token-0123456789abcdef", true)]
    [InlineData("token-0123456789abcdeF", false)]
    [InlineData("token-0123456789abcde", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Secrets_are_equal_only_when_identical(string? given, bool expected)
    {
        Assert.Equal(expected, ReportSignatures.SecretsEqual(given, "token-0123456789abcdef"));
    }
}
