namespace SmsConnectors;

/// <summary>How a vendor sends a text: in which alphabet, in how many messages, and how long it counts it.</summary>
/// <param name="Encoding">The alphabet the text is sent in.</param>
/// <param name="Segments">
/// The number of messages the vendor sends (and usually bills): 1 for a text that fits one message,
/// otherwise the number of parts of the concatenated message. Never less than 1, even for an empty text.
/// </param>
/// <param name="Characters">
/// The length the vendor counts: septets for <see cref="SmsEncoding.Gsm7"/> (an extension table
/// character counts two), UTF-16 code units for <see cref="SmsEncoding.Ucs2"/> (an emoji counts two).
/// </param>
public readonly record struct SmsSegmentCount(SmsEncoding Encoding, int Segments, int Characters);
