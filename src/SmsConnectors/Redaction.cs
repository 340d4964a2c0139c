using System.Text.RegularExpressions;

namespace SmsConnectors;

/// <summary>Removes the recipient's number and secrets from vendor text kept on an exception (vendors often echo both).</summary>
internal static partial class Redaction
{
    private const string Hidden = "***";

    /// <summary>
    /// Returns <paramref name="text"/> with the number masked and every non-empty secret replaced;
    /// <see langword="null"/> when the text is null or empty. The number is masked in any form a
    /// vendor may echo it: E.164, digits only, with a <c>00</c> prefix, or national (its trailing
    /// digits) — every run of seven or more digits that is a tail of the number or contains it.
    /// </summary>
    public static string? Redact(string? text, PhoneNumber to, params ReadOnlySpan<string?> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, Hidden, StringComparison.Ordinal);
            }
        }

        var digits = to.Digits;
        if (digits.Length > 0)
        {
            text = DigitRun().Replace(text, match =>
            {
                var run = match.Value.AsSpan().TrimStart('+');
                return digits.AsSpan().EndsWith(run) || run.Contains(digits, StringComparison.Ordinal)
                    ? PhoneNumber.Mask(match.Value)
                    : match.Value;
            });
        }

        return text;
    }

    [GeneratedRegex(@"\+?[0-9]{7,}", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
