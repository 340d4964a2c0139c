namespace SmsConnectors.Guard;

/// <summary>Where a number goes, as the destination policy sees it.</summary>
/// <param name="Region">The ISO region code (<c>DE</c>), <c>001</c> for a non-geographic network, or <c>ZZ</c> when unknown.</param>
/// <param name="Type">The number's type.</param>
internal readonly record struct Destination(string Region, SmsNumberType Type);
