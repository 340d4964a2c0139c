namespace SmsConnectors.Routing;

/// <summary>Settings of a Router connector (<c>"Provider": "Router"</c>): a connector per number prefix.</summary>
public sealed class RouterOptions : SmsConnectorOptions
{
    /// <summary>Gets or sets the routes; the longest prefix that matches the normalised number wins.</summary>
    public List<SmsRoute> Routes { get; set; } = [];

    /// <summary>Gets or sets the connector for numbers no route matches; without one, such a send fails.</summary>
    public string? Fallback { get; set; }
}

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
