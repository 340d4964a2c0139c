namespace SmsConnectors.Templates;

/// <summary>A connector's text templates, each parsed once, and the one way every connector selects and renders them.</summary>
internal sealed class TextTemplates
{
    private readonly Dictionary<SmsTextTemplate, MessageTemplate> _parsed;

    private TextTemplates(IReadOnlyList<SmsTextTemplate> templates)
    {
        Sources = templates;
        _parsed = new Dictionary<SmsTextTemplate, MessageTemplate>(ReferenceEqualityComparer.Instance);
        foreach (var template in templates)
        {
            _parsed.TryAdd(template, MessageTemplate.Parse(template.Content ?? string.Empty));
        }
    }

    /// <summary>Gets the configured templates, in configuration order.</summary>
    public IReadOnlyList<SmsTextTemplate> Sources { get; }

    /// <summary>Parses <paramref name="templates"/>.</summary>
    public static TextTemplates Parse(IReadOnlyList<SmsTextTemplate>? templates) => new(templates ?? []);

    /// <summary>Gets the parsed form of one of <see cref="Sources"/>.</summary>
    public MessageTemplate this[SmsTextTemplate template] => _parsed[template];

    /// <summary>Selects the message's template and renders it with the message's payload.</summary>
    /// <exception cref="SmsConnectorException">No template fits, or a placeholder has no value while <paramref name="strict"/>.</exception>
    public string Render(SmsMessage message, bool strict) =>
        _parsed[TemplateSelector.Select(Sources, message.Type, message.Locale)].Render(message.Payload, strict);

    /// <summary>Selects the message's template, or <see langword="null"/> when none fits.</summary>
    public MessageTemplate? TrySelect(SmsMessage message) =>
        TemplateSelector.TrySelect(Sources, message.Type, message.Locale) is { } template ? _parsed[template] : null;
}
