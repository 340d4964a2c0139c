namespace SmsConnectors;

/// <summary>
/// What a delivery report says became of a message, mapped from the vendor's own status (the raw
/// value is <see cref="SmsDeliveryReport.VendorStatus"/>).
/// </summary>
public enum SmsDeliveryStatus
{
    /// <summary>The vendor's status is one this library does not map (or the vendor itself does not know).</summary>
    Unknown = 0,

    /// <summary>The message reached the handset.</summary>
    Delivered,

    /// <summary>The message is on its way: accepted, transmitted or buffered by the carrier; a later report says how it ended.</summary>
    Pending,

    /// <summary>The message could not be delivered.</summary>
    Failed,

    /// <summary>The message was not delivered before its validity period ran out.</summary>
    Expired,

    /// <summary>The carrier or the vendor refused the message.</summary>
    Rejected,
}
