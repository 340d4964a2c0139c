namespace SmsConnectors;

/// <summary>A vendor's acknowledgement that it accepted a message.</summary>
public sealed record SmsSendResult
{
    /// <summary>Gets the name of the connector that sent the message (for composites, the vendor connector that did).</summary>
    public required string ConnectorName { get; init; }

    /// <summary>Gets the vendor's id for the message (Seven message id, Tencent <c>SerialNo</c>, SMSAero id), when it gives one.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the vendor's id for the request, when it gives one (Tencent <c>RequestId</c>).</summary>
    public string? RequestId { get; init; }
}
