using SmsConnectors.Answers;

namespace SmsConnectors.Tests.Answers;

public class RedactorTests
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
        Assert.Equal(expected, Redactor.Redact(text, Number));

    [Theory]
    [InlineData("+4915112345678", "invalid number 015112345678", "invalid number 015*******78")]
    [InlineData("+79161234567", "number 89161234567 blocked", "number 891******67 blocked")]
    [InlineData("+79161234567", "number 89161234568 blocked", "number 89161234568 blocked")]
    public void Masks_a_national_form_with_its_trunk_prefix(string to, string text, string expected) =>
        Assert.Equal(expected, Redactor.Redact(text, SmsPhoneNumber.Parse(to)));

    [Theory]
    [InlineData("request 5000:1045710669157053657849499619")]
    [InlineData("another number +8618511122234")]
    [InlineData("short 122233")]
    public void Leaves_other_text_alone(string text) => Assert.Equal(text, Redactor.Redact(text, Number));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_text_is_null(string? text) => Assert.Null(Redactor.Redact(text, Number));

    [Fact]
    public void Secrets_are_hidden_and_a_default_number_changes_nothing() =>
        Assert.Equal("key *** for +8618511122233", Redactor.Redact("key s3cr3t for +8618511122233", default, "s3cr3t", null, ""));

    [Fact]
    public void A_send_redactor_hides_the_number_every_secret_and_the_passcode()
    {
        var redactor = new Redactor(Number, ["key-A1", "key-B2"], code: "583920");

        Assert.Equal(
            "to +861********33, keys *** and ***, code ***",
            redactor.Redact("to +8618511122233, keys key-A1 and key-B2, code 583920"));
    }

    [Fact]
    public void A_secret_containing_another_is_hidden_whole()
    {
        var redactor = new Redactor(Number, ["abc", "abcdef"]);

        Assert.Equal("token *** and ***", redactor.Redact("token abcdef and abc"));
    }

    [Fact]
    public void The_passcode_is_hidden_after_the_number_is_masked_so_its_digits_inside_the_number_break_nothing()
    {
        var redactor = new Redactor(Number, [], code: "1122");

        Assert.Equal("to +861********33, code ***", redactor.Redact("to +8618511122233, code 1122"));
    }

    [Fact]
    public void Missing_secrets_and_a_missing_passcode_change_nothing_but_the_number()
    {
        var redactor = new Redactor(Number, [null, string.Empty], code: string.Empty);

        Assert.Equal("plain text for +861********33", redactor.Redact("plain text for +8618511122233"));
        Assert.Null(redactor.Redact(string.Empty));
    }
}
