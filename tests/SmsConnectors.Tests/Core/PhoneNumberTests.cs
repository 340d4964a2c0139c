namespace SmsConnectors.Tests.Core;

public class PhoneNumberTests
{
    [Theory]
    [InlineData("+4915112345678", "+4915112345678")]
    [InlineData("+49 151 1234 5678", "+4915112345678")]
    [InlineData("+49-151-1234-5678", "+4915112345678")]
    [InlineData("+49.151.1234.5678", "+4915112345678")]
    [InlineData("+49 (151) 1234-5678", "+4915112345678")]
    [InlineData("(+49) 151 12345678", "+4915112345678")]
    [InlineData("  +49\t151\u00A012345678  ", "+4915112345678")]
    [InlineData("0049 151 12345678", "+4915112345678")]
    [InlineData("0049-(151)-1234.5678", "+4915112345678")]
    [InlineData("4915112345678", "+4915112345678")]
    [InlineData("8613800138000", "+8613800138000")]
    [InlineData("+1 (555) 010-0199", "+15550100199")]
    [InlineData("+7 912 345-67-89", "+79123456789")]
    [InlineData("+1234567", "+1234567")]
    [InlineData("1234567", "+1234567")]
    [InlineData("001234567", "+1234567")]
    [InlineData("+123456789012345", "+123456789012345")]
    [InlineData("00123456789012345", "+123456789012345")]
    public void Normalises_to_e164(string input, string expected)
    {
        var number = SmsPhoneNumber.Parse(input);

        Assert.Equal(expected, number.E164);
        Assert.Equal(expected, number.ToString());
        Assert.True(SmsPhoneNumber.TryParse(input, out var parsed));
        Assert.Equal(expected, parsed.E164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \n")]
    [InlineData("+")]
    [InlineData("00")]
    [InlineData("()-. ")]
    [InlineData("+49 151 ABC 5678")]
    [InlineData("+49151123456x")]
    [InlineData("tel:+4915112345678")]
    [InlineData("+49/151/12345678")]
    [InlineData("+49 151 12345678 ext. 12")]
    [InlineData("+123456")]
    [InlineData("123456")]
    [InlineData("00123456")]
    [InlineData("+1234567890123456")]
    [InlineData("1234567890123456")]
    [InlineData("001234567890123456")]
    [InlineData("+12345678901234567890")]
    [InlineData("+015112345678")]
    [InlineData("015112345678")]
    [InlineData("+0049 151 12345678")]
    [InlineData("++4915112345678")]
    [InlineData("+49+15112345678")]
    [InlineData("4915112345678+")]
    [InlineData("0+4915112345678")]
    [InlineData("+49١٥١12345678")]
    [InlineData("+４９１５１１２３４５６７８")]
    [InlineData("+49 151 1234 567８")]
    public void Rejects_malformed_numbers(string? input)
    {
        var exception = Assert.Throws<SmsConnectorException>(() => SmsPhoneNumber.Parse(input));

        Assert.Equal(SmsErrorCode.InvalidRequestParameters, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.False(SmsPhoneNumber.TryParse(input, out var number));
        Assert.Equal(default, number);
        Assert.Equal("", number.E164);
    }

    [Theory]
    [InlineData("+4915112345678x")]
    [InlineData("+49 151 1234 5678 ext. 12")]
    [InlineData("+49151123456789012")]
    [InlineData("004915112345678901")]
    [InlineData("+015112345678")]
    [InlineData("015112345678")]
    [InlineData("++4915112345678")]
    [InlineData("+49+15112345678")]
    [InlineData("+4915112345678١")]
    public void Error_message_never_contains_the_number(string input)
    {
        var exception = Assert.Throws<SmsConnectorException>(() => SmsPhoneNumber.Parse(input));

        Assert.DoesNotContain(input, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("15112345678", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(input, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_message_says_what_is_wrong()
    {
        Assert.Contains("7 to 15 digits", Failure("+123456").Message, StringComparison.Ordinal);
        Assert.Contains("empty", Failure(" ").Message, StringComparison.Ordinal);
        Assert.Contains("must not start with 0", Failure("+0151123456").Message, StringComparison.Ordinal);
        Assert.Contains("only digits", Failure("+49 151 ABC").Message, StringComparison.Ordinal);
    }

    private static SmsConnectorException Failure(string input) => Assert.Throws<SmsConnectorException>(() => SmsPhoneNumber.Parse(input));

    [Fact]
    public void Digits_are_the_number_without_plus()
    {
        Assert.Equal("4915112345678", SmsPhoneNumber.Parse("+49 151 1234 5678").Digits);
        Assert.Equal("", default(SmsPhoneNumber).Digits);
    }

    [Theory]
    [InlineData("+4915112345678", "+491********78")]
    [InlineData("+8613800138000", "+861********00")]
    [InlineData("+123456789012345", "+123**********45")]
    [InlineData("+1234567890", "+123*****90")]
    [InlineData("+123456789", "+12*****89")]
    [InlineData("+1234567", "+12***67")]
    public void Masked_keeps_only_the_first_and_last_digits(string input, string expected)
    {
        var number = SmsPhoneNumber.Parse(input);

        Assert.Equal(expected, number.Masked);
        Assert.Equal(expected, SmsPhoneNumber.Mask(input));
    }

    [Fact]
    public void Masked_hides_the_subscriber_number()
    {
        var masked = SmsPhoneNumber.Parse("+49 151 9876 5432").Masked;

        Assert.Equal(14, masked.Length);
        Assert.DoesNotContain("98765", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("4915198765432", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("123456", "******")]
    [InlineData("+12", "+**")]
    [InlineData("4915112345678", "491********78")]
    public void Mask_handles_raw_and_short_values(string? input, string expected)
    {
        Assert.Equal(expected, SmsPhoneNumber.Mask(input));
    }

    [Fact]
    public void Mask_of_an_unnormalised_number_does_not_reveal_it()
    {
        var masked = SmsPhoneNumber.Mask("+49 151 1234 5678");

        Assert.StartsWith("+49", masked, StringComparison.Ordinal);
        Assert.EndsWith("78", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("151", masked, StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_is_by_normalised_number()
    {
        var a = SmsPhoneNumber.Parse("0049 151 12345678");
        var b = SmsPhoneNumber.Parse("+49-151-1234-5678");
        var c = SmsPhoneNumber.Parse("+4915112345679");

        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.NotEqual(a, c);
    }
}
