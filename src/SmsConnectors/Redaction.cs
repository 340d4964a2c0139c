namespace SmsConnectors;

/// <summary>Removes the recipient's number and secrets from vendor text kept on an exception (vendors often echo both).</summary>
internal static class Redaction
{
    private const string Hidden = "***";

    /// <summary>
    /// Returns <paramref name="text"/> with the number (E.164 and digits-only forms) masked and
    /// every non-empty secret replaced; <see langword="null"/> when the text is null or empty.
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

        if (to.E164.Length > 0)
        {
            text = text.Replace(to.E164, to.Masked, StringComparison.Ordinal)
                .Replace(to.Digits, to.Masked[1..], StringComparison.Ordinal);
        }

        return text;
    }
}
