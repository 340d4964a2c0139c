namespace SmsConnectors.Tests.Core;

public class PhoneNumberRedactionTests
{
    private static readonly PhoneNumber Number = PhoneNumber.Parse("+8618511122233");

    [Theory]
    [InlineData("bad number +8618511122233.", "bad number {0}.")]
    [InlineData("\"PhoneNumber\":\"8618511122233\"", "\"PhoneNumber\":\"{0}\"")]
    [InlineData("national 18511122233 refused", "national {0} refused")]
    [InlineData("tail 1122233", "tail {0}")]
    [InlineData("to 008618511122233", "to {0}")]
    [InlineData("+8618511122233,+8618511122233", "{0},{0}")]
    public void Masks_the_recipient_in_any_form(string text, string expected) =>
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, Number.Masked), Number.Redact(text));

    [Theory]
    [InlineData("request 5000:1045710669157053657849499619")]
    [InlineData("another number +8618511122234")]
    [InlineData("short 122233")]
    [InlineData("")]
    [InlineData(null)]
    public void Leaves_other_text_alone(string? text) => Assert.Equal(text, Number.Redact(text));

    [Fact]
    public void Default_number_changes_nothing() => Assert.Equal("+8618511122233", default(PhoneNumber).Redact("+8618511122233"));
}
