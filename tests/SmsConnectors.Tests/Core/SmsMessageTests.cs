namespace SmsConnectors.Tests.Core;

public class SmsMessageTests
{
    [Fact]
    public void For_code_puts_the_code_in_the_payload()
    {
        var message = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "907316");

        Assert.Equal("+4915112345678", message.To);
        Assert.Equal(SmsUsageType.SignIn, message.Type);
        Assert.Equal(new Dictionary<string, object?> { ["code"] = "907316" }, message.Payload);
        Assert.Null(message.Ip);
        Assert.Null(message.Locale);
    }

    [Fact]
    public void For_code_with_locale_adds_the_locale()
    {
        var message = SmsMessage.ForCode("+8613800138000", SmsUsageType.Register, "000000", "zh-CN");

        Assert.Equal(new Dictionary<string, object?> { ["code"] = "000000", ["locale"] = "zh-CN" }, message.Payload);
        Assert.Equal("zh-CN", message.Locale);
    }

    [Fact]
    public void For_code_requires_a_code()
    {
        Assert.Throws<ArgumentNullException>(() => SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, null!));
    }

    [Fact]
    public void Payload_defaults_to_empty()
    {
        var message = new SmsMessage { To = "+4915112345678", Type = SmsUsageType.Generic };

        Assert.NotNull(message.Payload);
        Assert.Empty(message.Payload);
    }

    [Fact]
    public void To_string_masks_the_number_and_omits_the_code()
    {
        var message = SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "907316", "de");

        var text = message.ToString();

        Assert.Equal("SmsMessage { To = +491********78, Type = SignIn, Payload = [code, locale] }", text);
        Assert.DoesNotContain("907316", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4915112345678", text, StringComparison.Ordinal);
    }

    [Fact]
    public void To_string_includes_the_ip_when_set()
    {
        var message = SmsMessage.ForCode("+4915112345678", SmsUsageType.Generic, "000000") with { Ip = "203.0.113.7" };

        Assert.Equal("SmsMessage { To = +491********78, Type = Generic, Payload = [code], Ip = 203.0.113.7 }", message.ToString());
    }

    [Fact]
    public void To_string_omits_every_payload_value()
    {
        var message = new SmsMessage
        {
            To = "+4915112345678",
            Type = SmsUsageType.OrganizationInvitation,
            Payload = new Dictionary<string, object?> { ["link"] = "https://example.test/secret-token", ["code"] = "4711" },
        };

        var text = message.ToString();

        Assert.DoesNotContain("secret-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", text, StringComparison.Ordinal);
        Assert.Contains("Payload = [link, code]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_compare_by_value()
    {
        var payload = new Dictionary<string, object?> { ["code"] = "1" };
        var a = new SmsMessage { To = "+4915112345678", Type = SmsUsageType.SignIn, Payload = payload };
        var b = new SmsMessage { To = "+4915112345678", Type = "SignIn", Payload = payload };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Ip = "::1" });
    }
}
