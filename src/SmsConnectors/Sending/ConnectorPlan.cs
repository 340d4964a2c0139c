using SmsConnectors.Templates;

namespace SmsConnectors.Sending;

/// <summary>
/// What a connector compiles from one options instance (its text templates, its base addresses),
/// once: a reload gives a new options instance and so a new plan, and nothing goes stale. Vendors
/// that compile more derive from it.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal class ConnectorPlan<TOptions>(TOptions options, IReadOnlyList<Uri> baseAddresses, TextTemplates? templates)
    where TOptions : class
{
    /// <summary>Gets the options the plan was compiled from.</summary>
    public TOptions Options { get; } = options;

    /// <summary>Gets the addresses to try in order; the next is tried only when the previous could not be connected to.</summary>
    public IReadOnlyList<Uri> BaseAddresses { get; } = baseAddresses;

    /// <summary>Gets the compiled text templates, for connectors that render their text.</summary>
    public TextTemplates? Templates { get; } = templates;
}
