namespace SmsConnectors.Tests.Core;

public class RedactionTests
{
    private static readonly SmsPhoneNumber Number = SmsPhoneNumber.Parse("+8618511122233");

    [Theory]
    [InlineData("bad number +8618511122233.", "bad number +861********33.")]
    [InlineData("\"SmsPhoneNumber\":\"8618511122233\"", "\"SmsPhoneNumber\":\"861********33\"")]
    [InlineData("national 18511122233 refused", "national 185******33 refused")]
    [InlineData("tail 1122233", "tail 11***33")]
    [InlineData("to 008618511122233", "to 008**********33")]
    [InlineData("+8618511122233,+8618511122233", "+861********33,+861********33")]
    public void Masks_the_recipient_in_any_form(string text, string expected) =>
        Assert.Equal(expected, SmsConnectors.Answers.Redactor.Redact(text, Number));

    [Theory]
    [InlineData("request 5000:1045710669157053657849499619")]
    [InlineData("another number +8618511122234")]
    [InlineData("short 122233")]
    public void Leaves_other_text_alone(string text) => Assert.Equal(text, SmsConnectors.Answers.Redactor.Redact(text, Number));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_text_is_null(string? text) => Assert.Null(SmsConnectors.Answers.Redactor.Redact(text, Number));

    [Fact]
    public void Secrets_are_hidden_and_a_default_number_changes_nothing() =>
        Assert.Equal("key *** for +8618511122233", SmsConnectors.Answers.Redactor.Redact("key s3cr3t for +8618511122233", default, "s3cr3t", null, ""));
}
