namespace SmsConnectors.Routing;

/// <summary>Settings of a Router connector (<c>"Provider": "Router"</c>): a connector per number prefix.</summary>
public sealed class RouterOptions
{
    /// <summary>Gets or sets the routes; the longest prefix that matches the normalised number wins.</summary>
    public List<SmsRoute> Routes { get; set; } = [];

    /// <summary>Gets or sets the connector for numbers no route matches; without one, such a send fails.</summary>
    public string? Fallback { get; set; }
}
