using System.Text;

namespace SmsConnectors;

/// <summary>
/// What a vendor reported about one message it was given: its status, in the vendor's words and
/// mapped to <see cref="SmsDeliveryStatus"/>. <see cref="ToString"/> masks the recipient, so a report
/// can be logged.
/// </summary>
public sealed record SmsDeliveryReport
{
    /// <summary>Gets the name of the connector whose vendor sent the report.</summary>
    public required string ConnectorName { get; init; }

    /// <summary>Gets the kind of that connector, its <c>Provider</c> value: <c>Seven</c>, <c>Tencent</c> or <c>Http</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>
    /// Gets the vendor's id for the message: the <see cref="SmsSendResult.MessageId"/> its send
    /// returned (Seven's message id, Tencent's <c>SerialNo</c>, the id your relay answered).
    /// </summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the status, mapped from <see cref="VendorStatus"/>.</summary>
    public required SmsDeliveryStatus Status { get; init; }

    /// <summary>Gets the status exactly as the vendor gave it (Seven <c>DELIVERED</c>, Tencent <c>SUCCESS</c>), when it gave one.</summary>
    public string? VendorStatus { get; init; }

    /// <summary>
    /// Gets the vendor's code for the outcome, when it gives one: Tencent's <c>errmsg</c> (the
    /// carrier's receipt code, <c>DELIVRD</c> when delivered), the <c>error</c> of a Generic HTTP
    /// report. Seven's reports have none.
    /// </summary>
    public string? VendorErrorCode { get; init; }

    /// <summary>
    /// Gets when the vendor says the status was reached, when it says: Seven's <c>timestamp</c>
    /// (local time in Germany), Tencent's <c>user_receive_time</c> (China Standard Time, UTC+8), a
    /// Generic HTTP report's <c>time</c>, each with its offset.
    /// </summary>
    public DateTimeOffset? VendorTime { get; init; }

    /// <summary>
    /// Gets the recipient's number as the vendor gave it, when it gave one (Tencent's
    /// <c>nationcode</c> and <c>mobile</c> as <c>+8613...</c>; Seven's reports have none). Never log
    /// it as it is: <see cref="SmsPhoneNumber.Mask(string)"/> masks it.
    /// </summary>
    public string? Recipient { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        // The recipient is masked, so the report can be logged.
        builder.Append("ConnectorName = ").Append(ConnectorName)
            .Append(", Provider = ").Append(Provider)
            .Append(", MessageId = ").Append(MessageId)
            .Append(", Status = ").Append(Status);
        if (VendorStatus is not null)
        {
            builder.Append(", VendorStatus = ").Append(VendorStatus);
        }

        if (VendorErrorCode is not null)
        {
            builder.Append(", VendorErrorCode = ").Append(VendorErrorCode);
        }

        if (VendorTime is { } time)
        {
            builder.Append(", VendorTime = ").Append(time.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Recipient is not null)
        {
            builder.Append(", Recipient = ").Append(SmsPhoneNumber.Mask(Recipient));
        }

        return true;
    }
}
