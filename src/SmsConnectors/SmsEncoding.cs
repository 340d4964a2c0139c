namespace SmsConnectors;

/// <summary>The alphabet an SMS text is sent in, which decides how much of it fits one message.</summary>
public enum SmsEncoding
{
    /// <summary>
    /// The GSM 03.38 7-bit default alphabet: every character takes one septet, the extension table
    /// characters (<c>^ { } \ [ ~ ] |</c>, <c>€</c> and form feed) take two (escape and character).
    /// 160 septets fit one message, 153 per part when the text is concatenated.
    /// </summary>
    Gsm7,

    /// <summary>
    /// UCS-2, sent as UTF-16: every UTF-16 code unit counts, so a character outside the Basic
    /// Multilingual Plane (an emoji) takes two. 70 code units fit one message, 67 per part when the
    /// text is concatenated. A single character outside the GSM 03.38 tables makes the whole text UCS-2.
    /// </summary>
    Ucs2,
}
