namespace SmsConnectors.Routing;

/// <summary>Settings of a Failover connector (<c>"Provider": "Failover"</c>): other connectors tried in order.</summary>
public sealed class FailoverOptions
{
    /// <summary>Gets or sets the names of the connectors to try, in order (<c>"connectors": ["tencent", "seven"]</c>).</summary>
    public List<string> Connectors { get; set; } = [];

    /// <summary>
    /// Gets or sets whether to try the next connector also when the previous one failed with an
    /// unknown outcome (<see cref="SmsConnectorException.MayHaveBeenSent"/> true), at the risk of a
    /// second message. Off by default: only failures known not to have been sent fail over.
    /// </summary>
    public bool FailoverOnUnknownOutcome { get; set; }
}
