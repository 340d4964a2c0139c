namespace SmsConnectors.Templates;

/// <summary>What every template has: the usage type it serves and an optional locale.</summary>
public abstract class SmsTemplate
{
    /// <summary>
    /// Gets or sets the usage type this template serves (Logto's <c>usageType</c>, for example
    /// <c>SignIn</c>; case-sensitive); <c>Generic</c> serves every type without its own template.
    /// </summary>
    public string UsageType { get; set; } = string.Empty;

    /// <summary>Gets or sets the locale of this template (for example <c>zh-CN</c> or <c>de</c>); none serves every locale.</summary>
    public string? Locale { get; set; }
}

/// <summary>A template whose text is rendered here (Seven, SMSAero, Generic HTTP, Outbox).</summary>
public sealed class SmsTextTemplate : SmsTemplate
{
    private string _content = string.Empty;
    private MessageTemplate? _compiled;

    /// <summary>Gets or sets the message text with <c>{{ placeholders }}</c>, for example <c>Your code is {{code}}</c>.</summary>
    public string Content
    {
        get => _content;
        set
        {
            _content = value ?? string.Empty;
            _compiled = null;
        }
    }

    /// <summary>Returns the parsed <see cref="Content"/>, parsed once per options instance (at validation, on start and on reload).</summary>
    internal MessageTemplate Compile() => _compiled ??= MessageTemplate.Parse(_content);
}
