namespace SmsConnectors;

/// <summary>What kind of line a phone number belongs to, as Google's libphonenumber metadata classifies it.</summary>
public enum SmsNumberType
{
    /// <summary>The metadata does not know the number's range (an invalid number, or a range newer than the metadata).</summary>
    Unknown = 0,

    /// <summary>A fixed line.</summary>
    FixedLine,

    /// <summary>A mobile line.</summary>
    Mobile,

    /// <summary>A number the metadata cannot tell apart as fixed line or mobile (as in the United States).</summary>
    FixedLineOrMobile,

    /// <summary>A free phone line.</summary>
    TollFree,

    /// <summary>A premium rate line, a classic SMS pumping target.</summary>
    PremiumRate,

    /// <summary>A shared cost line: the caller pays part of the cost.</summary>
    SharedCost,

    /// <summary>A voice over IP number.</summary>
    Voip,

    /// <summary>A personal number that forwards to another line.</summary>
    PersonalNumber,

    /// <summary>A pager.</summary>
    Pager,

    /// <summary>A universal access number, one number for a company's offices.</summary>
    Uan,

    /// <summary>A voicemail access number.</summary>
    Voicemail,
}
