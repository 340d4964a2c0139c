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
