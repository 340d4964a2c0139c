using System.Text.RegularExpressions;

namespace SmsConnectors;

/// <summary>
/// Masks a recipient's number wherever a vendor repeats it (answer bodies, error texts), so that
/// exception messages and provider messages never carry the full number.
/// </summary>
internal static partial class PhoneNumberRedaction
{
    /// <summary>
    /// Returns <paramref name="text"/> with every run of seven or more digits (optionally after a
    /// <c>+</c>) that is <paramref name="number"/>, a national form of it (its trailing digits), or
    /// that contains it, replaced by <see cref="PhoneNumber.Masked"/>.
    /// </summary>
    /// <param name="number">The recipient.</param>
    /// <param name="text">The text to clean; <see langword="null"/> stays <see langword="null"/>.</param>
    /// <returns>The text with the number masked.</returns>
    public static string? Redact(this PhoneNumber number, string? text)
    {
        var digits = number.Digits;
        if (string.IsNullOrEmpty(text) || digits.Length == 0)
        {
            return text;
        }

        return DigitRun().Replace(text, match =>
        {
            var run = match.Value.AsSpan().TrimStart('+');
            return digits.AsSpan().EndsWith(run) || run.Contains(digits, StringComparison.Ordinal)
                ? number.Masked
                : match.Value;
        });
    }

    [GeneratedRegex(@"\+?[0-9]{7,}", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
