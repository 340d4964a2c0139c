using System.Text.Json;
using SmsConnectors.Templates;

namespace SmsConnectors.Tests.Templates;

public class TemplateSelectorTests
{
    private static SmsTextTemplate T(string usageType, string? locale = null) =>
        new() { UsageType = usageType, Locale = locale, Content = $"{usageType}/{locale ?? "-"}" };

    private static string Pick(IReadOnlyList<SmsTextTemplate> templates, SmsUsageType type, string? locale = null) =>
        TemplateSelector.Select(templates, type, locale).Content;

    // Usage type.

    [Fact]
    public void Exact_usage_type_wins_over_generic_listed_first()
    {
        Assert.Equal("SignIn/-", Pick([T("Generic"), T("Register"), T("SignIn")], SmsUsageType.SignIn));
    }

    [Fact]
    public void Generic_is_the_fallback()
    {
        Assert.Equal("Generic/-", Pick([T("SignIn"), T("Generic"), T("Register")], SmsUsageType.ForgotPassword));
    }

    [Fact]
    public void Custom_usage_type_is_matched_exactly()
    {
        Assert.Equal("MagicLink/-", Pick([T("Generic"), T("MagicLink")], new SmsUsageType("MagicLink")));
    }

    [Fact]
    public void Usage_types_are_case_sensitive()
    {
        Assert.Equal("Generic/-", Pick([T("signin"), T("SIGNIN"), T("Generic")], SmsUsageType.SignIn));
        Assert.Null(TemplateSelector.TrySelect<SmsTextTemplate>([T("signin"), T("generic")], SmsUsageType.SignIn, null));
    }

    [Fact]
    public void No_match_and_no_generic_is_template_not_found_naming_requested_and_configured_types()
    {
        var exception = Assert.Throws<SmsConnectorException>(
            () => TemplateSelector.Select<SmsTextTemplate>([T("SignIn"), T("ForgotPassword"), T("SignIn", "de")], SmsUsageType.Register, null));

        Assert.Equal(SmsErrorCode.TemplateNotFound, exception.Code);
        Assert.False(exception.MayHaveBeenSent);
        Assert.Contains("'Register'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[SignIn, ForgotPassword]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_not_found_for_empty_list_names_no_configured_type()
    {
        var exception = Assert.Throws<SmsConnectorException>(() => TemplateSelector.Select(Array.Empty<SmsTextTemplate>(), SmsUsageType.Test, "en"));

        Assert.Equal(SmsErrorCode.TemplateNotFound, exception.Code);
        Assert.Contains("'Test'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Try_select_returns_null_when_nothing_matches()
    {
        Assert.Null(TemplateSelector.TrySelect<SmsTextTemplate>([T("SignIn")], SmsUsageType.Register, "en"));
    }

    [Fact]
    public void Exact_type_in_another_locale_beats_generic_in_the_right_locale()
    {
        Assert.Equal("SignIn/en", Pick([T("Generic", "de"), T("SignIn", "en")], SmsUsageType.SignIn, "de"));
    }

    // Locale.

    private static readonly SmsTextTemplate[] Localised =
    [
        T("SignIn"),
        T("SignIn", "en"),
        T("SignIn", "zh"),
        T("SignIn", "zh-CN"),
        T("SignIn", "pt-BR"),
        T("Generic", "de"),
    ];

    [Theory]
    [InlineData("zh-CN", "SignIn/zh-CN")]
    [InlineData("zh-TW", "SignIn/zh")]
    [InlineData("zh", "SignIn/zh")]
    [InlineData("en-GB", "SignIn/en")]
    [InlineData("fr-FR", "SignIn/-")]
    [InlineData("pt-PT", "SignIn/-")]
    [InlineData(null, "SignIn/-")]
    public void Locale_exact_then_language_then_no_locale(string? locale, string expected)
    {
        Assert.Equal(expected, Pick(Localised, SmsUsageType.SignIn, locale));
    }

    [Fact]
    public void Another_region_of_the_same_language_beats_an_unrelated_locale()
    {
        Assert.Equal("SignIn/pt-BR", Pick([T("SignIn", "en"), T("SignIn", "pt-BR")], SmsUsageType.SignIn, "pt-PT"));
    }

    [Fact]
    public void No_locale_beats_another_region_of_the_same_language()
    {
        Assert.Equal("SignIn/-", Pick([T("SignIn", "zh-TW"), T("SignIn")], SmsUsageType.SignIn, "zh-CN"));
    }

    [Fact]
    public void Language_template_beats_another_region()
    {
        Assert.Equal("SignIn/zh", Pick([T("SignIn", "zh-TW"), T("SignIn", "zh")], SmsUsageType.SignIn, "zh-CN"));
    }

    [Fact]
    public void First_configured_when_no_locale_matches()
    {
        Assert.Equal("SignIn/fr", Pick([T("SignIn", "fr"), T("SignIn", "en")], SmsUsageType.SignIn, "ja-JP"));
        Assert.Equal("SignIn/en", Pick([T("SignIn", "en"), T("SignIn", "fr")], SmsUsageType.SignIn, "ja-JP"));
    }

    [Fact]
    public void First_configured_when_message_has_no_locale_and_every_template_has_one()
    {
        Assert.Equal("SignIn/fr", Pick([T("SignIn", "fr"), T("SignIn", "en")], SmsUsageType.SignIn, null));
    }

    [Fact]
    public void Exact_locale_beats_earlier_language_and_no_locale_templates()
    {
        Assert.Equal("SignIn/zh-CN", Pick([T("SignIn"), T("SignIn", "zh"), T("SignIn", "zh-CN")], SmsUsageType.SignIn, "zh-CN"));
    }

    [Theory]
    [InlineData("zh_CN", "zh-CN")]
    [InlineData("zh-CN", "zh_CN")]
    [InlineData("zh_CN", "zh_CN")]
    public void Underscore_and_dash_are_the_same_separator(string templateLocale, string messageLocale)
    {
        Assert.Equal($"SignIn/{templateLocale}", Pick([T("SignIn"), T("SignIn", "zh"), T("SignIn", templateLocale)], SmsUsageType.SignIn, messageLocale));
    }

    [Fact]
    public void Underscore_locale_falls_back_to_its_language()
    {
        Assert.Equal("SignIn/zh", Pick([T("SignIn"), T("SignIn", "zh")], SmsUsageType.SignIn, "zh_TW"));
    }

    [Theory]
    [InlineData("ZH-cn", "zh-CN")]
    [InlineData("zh-cn", "ZH-CN")]
    public void Locale_tags_compare_case_insensitively(string templateLocale, string messageLocale)
    {
        Assert.Equal($"SignIn/{templateLocale}", Pick([T("SignIn"), T("SignIn", templateLocale)], SmsUsageType.SignIn, messageLocale));
    }

    [Fact]
    public void Language_match_is_case_insensitive()
    {
        Assert.Equal("SignIn/DE", Pick([T("SignIn"), T("SignIn", "DE")], SmsUsageType.SignIn, "de-AT"));
    }

    [Fact]
    public void Locale_selection_applies_to_the_generic_fallback()
    {
        Assert.Equal("Generic/de", Pick([T("Generic"), T("Generic", "de")], SmsUsageType.Register, "de-CH"));
    }

    [Fact]
    public void Blank_template_locale_counts_as_no_locale()
    {
        Assert.Equal("SignIn/ ", Pick([T("SignIn", "en"), T("SignIn", " ")], SmsUsageType.SignIn, "fr"));
    }

    // The message's locale.

    [Fact]
    public void Message_locale_comes_from_payload_locale()
    {
        Assert.Equal("zh-CN", SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1", "zh-CN").Locale);
    }

    [Fact]
    public void Message_locale_falls_back_to_first_ui_locale()
    {
        var message = Message(("code", "1"), ("uiLocales", "  fr-CA en de "));

        Assert.Equal("fr-CA", message.Locale);
    }

    [Fact]
    public void Payload_locale_wins_over_ui_locales()
    {
        Assert.Equal("de", Message(("locale", "de"), ("uiLocales", "fr en")).Locale);
    }

    [Fact]
    public void Empty_locale_falls_back_to_ui_locales()
    {
        Assert.Equal("en", Message(("locale", ""), ("uiLocales", "en")).Locale);
    }

    [Fact]
    public void No_locale_in_payload_is_null()
    {
        Assert.Null(Message(("code", "1")).Locale);
        Assert.Null(Message(("uiLocales", "   ")).Locale);
        Assert.Null(SmsMessage.ForCode("+4915112345678", SmsUsageType.SignIn, "1").Locale);
    }

    [Fact]
    public void Locale_given_as_json_strings_is_read()
    {
        using var document = JsonDocument.Parse("""{"locale":"pt-BR","uiLocales":"ja en"}""");
        var root = document.RootElement;

        Assert.Equal("pt-BR", Message(("locale", root.GetProperty("locale"))).Locale);
        Assert.Equal("ja", Message(("uiLocales", root.GetProperty("uiLocales"))).Locale);
    }

    [Fact]
    public void Message_locale_drives_selection()
    {
        var message = Message(("code", "1"), ("uiLocales", "zh-TW en"));

        Assert.Equal("SignIn/zh", Pick(Localised, message.Type, message.Locale));
    }

    private static SmsMessage Message(params (string Key, object? Value)[] payload) => new()
    {
        To = "+4915112345678",
        Type = SmsUsageType.SignIn,
        Payload = payload.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
    };
}
