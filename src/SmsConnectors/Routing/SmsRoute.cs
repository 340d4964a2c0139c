namespace SmsConnectors.Routing;

/// <summary>One route of a Router connector.</summary>
public sealed class SmsRoute
{
    /// <summary>Gets or sets the E.164 prefix, for example <c>+86</c> (the <c>+</c> may be left out).</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>Gets or sets the name of the connector for numbers with this prefix.</summary>
    public string Connector { get; set; } = string.Empty;

    /// <summary>The prefix with its leading <c>+</c>.</summary>
    internal string NormalizedPrefix => Prefix.StartsWith('+') ? Prefix.Trim() : "+" + Prefix.Trim();
}
