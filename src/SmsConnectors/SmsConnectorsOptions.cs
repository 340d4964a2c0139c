namespace SmsConnectors;

/// <summary>The settings of the <c>SmsConnectors</c> section besides the connectors themselves.</summary>
public sealed class SmsConnectorsOptions
{
    /// <summary>
    /// Gets or sets the name of the connector resolved as the default <see cref="ISmsConnector"/>.
    /// Required when more than one connector is registered.
    /// </summary>
    public string? DefaultConnector { get; set; }

    /// <summary>Gets or sets the abuse guard; <see langword="null"/> (the default) leaves it off.</summary>
    public SmsGuardOptions? Guard { get; set; }
}
