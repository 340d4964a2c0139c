using System.Diagnostics.CodeAnalysis;

namespace SmsConnectors;

/// <summary>
/// A phone number in E.164 form. <see cref="Parse"/> is the one normaliser every connector uses:
/// it strips spaces, dashes, dots and parentheses, turns a leading <c>00</c> into <c>+</c>, treats
/// digits-only input as international (country code included, as Logto passes numbers), and accepts
/// only <c>+</c> followed by 7 to 15 digits, the first of which is not 0.
/// </summary>
public readonly struct SmsPhoneNumber : IEquatable<SmsPhoneNumber>
{
    private const int MinDigits = 7;
    private const int MaxDigits = 15;

    private readonly string? _e164;

    private SmsPhoneNumber(string e164) => _e164 = e164;

    /// <summary>Gets the number in E.164 form, for example <c>+4915112345678</c>.</summary>
    public string E164 => _e164 ?? string.Empty;

    /// <summary>Gets the digits without the leading <c>+</c>, for example <c>4915112345678</c>.</summary>
    public string Digits => E164.Length > 0 ? E164[1..] : string.Empty;

    /// <summary>Gets a form safe for logs: at most the first three and the last two digits, the rest masked (<c>+491********78</c>).</summary>
    public string Masked => Mask(E164);

    /// <summary>Normalises <paramref name="value"/> to E.164.</summary>
    /// <param name="value">The number as the user typed it.</param>
    /// <returns>The normalised number.</returns>
    /// <exception cref="SmsConnectorException">
    /// The number is missing or malformed (<see cref="SmsErrorCode.InvalidRequestParameters"/>); the
    /// message never repeats the full number.
    /// </exception>
    public static SmsPhoneNumber Parse(string? value)
    {
        if (TryParse(value, out var number, out var problem))
        {
            return number;
        }

        throw new SmsConnectorException(SmsErrorCode.InvalidRequestParameters, $"The phone number is invalid: {problem}.")
        {
            MayHaveBeenSent = false,
        };
    }

    /// <summary>Tries to normalise <paramref name="value"/> to E.164.</summary>
    /// <param name="value">The number as the user typed it.</param>
    /// <param name="number">The normalised number, when valid.</param>
    /// <returns><see langword="true"/> when the number is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out SmsPhoneNumber number) =>
        TryParse(value, out number, out _);

    private static bool TryParse(string? value, out SmsPhoneNumber number, out string problem)
    {
        // The usual input is already E.164: kept as it is, with no character looked at twice.
        if (value is ['+', >= '1' and <= '9', ..] && value.Length is >= MinDigits + 1 and <= MaxDigits + 1 && !value.AsSpan(2).ContainsAnyExceptInRange('0', '9'))
        {
            number = new SmsPhoneNumber(value);
            problem = string.Empty;
            return true;
        }

        number = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "it is empty";
            return false;
        }

        Span<char> buffer = stackalloc char[MaxDigits + 2]; // room for a leading "00"
        var length = 0;
        var plus = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '.' or '(' or ')')
            {
                continue;
            }

            if (c == '+' && length == 0 && !plus)
            {
                plus = true;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                problem = "it may contain only digits, a leading '+', spaces, dashes, dots and parentheses";
                return false;
            }

            if (length == buffer.Length)
            {
                problem = $"it has more than {MaxDigits} digits";
                return false;
            }

            buffer[length++] = c;
        }

        ReadOnlySpan<char> digits = buffer[..length];
        if (!plus && digits.StartsWith("00"))
        {
            digits = digits[2..];
        }

        if (digits.Length < MinDigits || digits.Length > MaxDigits)
        {
            problem = $"it must have {MinDigits} to {MaxDigits} digits including the country code, not {digits.Length}";
            return false;
        }

        if (digits[0] == '0')
        {
            problem = "the country code must not start with 0 (use the international format, for example +49...)";
            return false;
        }

        // A number already in E.164 is kept as it is.
        number = new SmsPhoneNumber(plus && value.Length == digits.Length + 1 && value[0] == '+' ? value : string.Concat("+", digits));
        problem = string.Empty;
        return true;
    }

    /// <summary>Masks a phone number for logs, keeping at most the first three and the last two digits.</summary>
    /// <param name="value">The number, normalised or not.</param>
    /// <returns>The masked number.</returns>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var start = value.StartsWith('+') ? 1 : 0;
        var digits = value.Length - start;
        var keepStart = digits >= 10 ? 3 : digits >= 7 ? 2 : 0;
        var keepEnd = digits >= 7 ? 2 : 0;
        return string.Create(value.Length, (value, start, keepStart, keepEnd), static (span, state) =>
        {
            var (text, offset, head, tail) = state;
            for (var i = 0; i < text.Length; i++)
            {
                var position = i - offset;
                span[i] = i < offset || position < head || i >= text.Length - tail ? text[i] : '*';
            }
        });
    }

    /// <inheritdoc />
    public bool Equals(SmsPhoneNumber other) => string.Equals(E164, other.E164, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SmsPhoneNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(E164);

    /// <summary>Returns the number in E.164 form.</summary>
    /// <returns>The E.164 form.</returns>
    public override string ToString() => E164;

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    public static bool operator ==(SmsPhoneNumber left, SmsPhoneNumber right) => left.Equals(right);

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    public static bool operator !=(SmsPhoneNumber left, SmsPhoneNumber right) => !left.Equals(right);
}
