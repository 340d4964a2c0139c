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

    /// <summary>Gets how many SMS segments the rendered text takes (see <see cref="SmsSegments"/>), when the library rendered it (not for Tencent, whose text lives at Tencent).</summary>
    public int? Segments { get; init; }

    /// <summary>Gets the encoding the rendered text needs, when the library rendered it.</summary>
    public SmsEncoding? Encoding { get; init; }

    /// <summary>Gets how many messages the vendor billed, when it says (Seven <c>parts</c>, Tencent <c>Fee</c>).</summary>
    public int? BilledParts { get; init; }

    /// <summary>Gets what the message cost in the account's currency, when the vendor says (Seven <c>total_price</c>, SMSAero <c>cost</c>).</summary>
    public decimal? Price { get; init; }

    /// <summary>Gets whether this is the result of an earlier send with the same <see cref="SmsMessage.IdempotencyKey"/>, returned without sending again.</summary>
    public bool IsReplay { get; init; }
}
