using System.Collections.Frozen;

namespace SmsConnectors.Telemetry;

/// <summary>
/// The country calling code of an E.164 number (<c>49</c> for <c>+4915112345678</c>), for a bounded
/// tag that says where messages go without saying to whom.
/// </summary>
internal static class CallingCodes
{
    /// <summary>The calling codes of ITU-T E.164 that are two digits long; all others of more than one digit are three.</summary>
    private static readonly FrozenSet<string> TwoDigit = new[]
    {
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The calling code of <paramref name="number"/>: <c>1</c> and <c>7</c> are one digit; then the two-digit codes; else three digits.</summary>
    public static string Of(SmsPhoneNumber number)
    {
        var digits = number.Digits;
        if (digits.Length == 0)
        {
            return "unknown";
        }

        if (digits[0] is '1' or '7')
        {
            return digits[..1];
        }

        return digits.Length >= 2 && TwoDigit.Contains(digits[..2]) ? digits[..2] : digits[..Math.Min(3, digits.Length)];
    }
}
