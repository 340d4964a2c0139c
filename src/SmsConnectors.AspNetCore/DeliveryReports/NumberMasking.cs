using System.Text;

namespace SmsConnectors.AspNetCore.DeliveryReports;

/// <summary>Keeps a report's phone number out of text the endpoint logs that it did not write itself (a handler's exception).</summary>
internal static class NumberMasking
{
    /// <summary>The fewest digits a run must have to be taken for the number (or its national part).</summary>
    private const int MinDigits = 7;

    /// <summary>The most digits a country calling code has: a national form leaves at most these out.</summary>
    private const int MaxCountryCodeDigits = 3;

    /// <summary>
    /// <paramref name="text"/> with <paramref name="recipient"/> masked wherever it appears, in any of
    /// its forms: as given, and as any run of at least seven digits (with or without <c>+</c>) that
    /// ends with all of its digits but the country code, such as the national number with or without
    /// its trunk prefix (<c>015112345678</c> for <c>+4915112345678</c>).
    /// </summary>
    public static string Redact(string text, string? recipient)
    {
        if (string.IsNullOrEmpty(recipient))
        {
            return text;
        }

        text = text.Replace(recipient, SmsPhoneNumber.Mask(recipient), StringComparison.Ordinal);
        var digits = string.Concat(recipient.Where(char.IsAsciiDigit));
        if (digits.Length < MinDigits)
        {
            return text;
        }

        var shared = Math.Max(MinDigits, digits.Length - MaxCountryCodeDigits);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                result.Append(text[i++]);
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var run = text[start..i];
            result.Append(run.Length >= MinDigits && CommonSuffixLength(run, digits) >= Math.Min(shared, run.Length)
                ? SmsPhoneNumber.Mask(run)
                : run);
        }

        return result.ToString();
    }

    private static int CommonSuffixLength(string left, string right)
    {
        var length = 0;
        while (length < left.Length && length < right.Length && left[^(length + 1)] == right[^(length + 1)])
        {
            length++;
        }

        return length;
    }
}
