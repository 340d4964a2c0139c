namespace SmsConnectors.SmsAero;

/// <summary>
/// The sent message's entry in SMSAero's <c>data</c> (the object, or the first of an array), as far
/// as a send needs it.
/// </summary>
/// <param name="Id">Its <c>id</c> (a string or the text of a number), the last one when repeated.</param>
/// <param name="Cost">Its <c>cost</c> (a number or a numeric string), the last one when repeated.</param>
/// <param name="NotUtf8">Whether the <c>id</c> or the <c>cost</c> kept is a string that is not valid UTF-8.</param>
internal readonly record struct SmsAeroSentEntry(string? Id, decimal? Cost, bool NotUtf8);
