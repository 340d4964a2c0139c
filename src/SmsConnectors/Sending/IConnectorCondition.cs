namespace SmsConnectors.Sending;

/// <summary>A connector that can tell its health check how it is.</summary>
internal interface IConnectorCondition
{
    /// <summary>Gets the connector's condition now.</summary>
    ConnectorCondition Condition();

    /// <summary>Gets the options in force, for the health check's own settings; <see langword="null"/> when there are none.</summary>
    object? OptionsInForce();
}
