namespace SmsConnectors;

/// <summary>Settings every connector has, besides its vendor's own keys.</summary>
public abstract class SmsConnectorOptions
{
    /// <summary>
    /// Gets or sets whether a placeholder whose root key is missing from the payload may be sent as
    /// it is (Logto's behaviour). Off by default: such a send fails before any HTTP call, rather
    /// than texting the user a literal <c>{{code}}</c>.
    /// </summary>
    public bool AllowUnresolvedPlaceholders { get; set; }
}
