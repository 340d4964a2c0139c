namespace SmsConnectors.Templates;

/// <summary>A template whose text is rendered here (Seven, SMSAero, Generic HTTP, Outbox).</summary>
public sealed class SmsTextTemplate : SmsTemplate
{
    /// <summary>Gets or sets the message text with <c>{{ placeholders }}</c>, for example <c>Your code is {{code}}</c>.</summary>
    public string Content { get; set; } = string.Empty;
}
