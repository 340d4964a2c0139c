using System.Text.RegularExpressions;

namespace SmsConnectors.Answers;

/// <summary>
/// Removes what must never be repeated from text kept on an exception or written to a log: the
/// recipient's number (masked), the passcode, and the connector's declared secrets. Vendors often
/// echo all three.
/// </summary>
internal sealed partial class Redactor
{
    private const string Hidden = "***";

    /// <summary>The shortest <c>name=value</c> value of an Authorization header hidden on its own (a signature, not a flag).</summary>
    private const int MinRedactedSignatureLength = 16;

    /// <summary>Gets a redactor with nothing to hide, for an answer that has no error text.</summary>
    public static Redactor Nothing { get; } = new(default, []);

    /// <summary>The shortest passcode hidden in error texts; shorter values would hide unrelated digits.</summary>
    private const int MinRedactedCodeLength = 4;

    private readonly SmsPhoneNumber _to;
    private readonly IEnumerable<string?>? _declared;
    private readonly SmsVendorOptions? _options;
    private readonly SmsMessage? _message;
    private readonly string? _authorization;
    private string? _code;
    private string?[]? _secrets;

    /// <summary>
    /// Creates a redactor for one send. Nothing is computed until a text is redacted, which only a
    /// failure does: a send that succeeds pays for this object alone.
    /// </summary>
    /// <param name="to">The recipient.</param>
    /// <param name="secrets">The connector's declared secrets.</param>
    /// <param name="code">The message's passcode, hidden after the number is masked (its digits often occur inside the number).</param>
    public Redactor(SmsPhoneNumber to, IEnumerable<string?> secrets, string? code = null)
    {
        _to = to;
        _declared = secrets;
        _code = string.IsNullOrEmpty(code) ? null : code;
    }

    /// <summary>
    /// Creates a redactor for one attempt of a send, which reads the options' secrets and the
    /// message's passcode only when a text is redacted. It also hides the attempt's
    /// <c>Authorization</c> value, which a vendor may echo whole or in part: the value, its
    /// credentials after the scheme, and each long <c>name=value</c> part (a TC3 signature).
    /// </summary>
    /// <param name="to">The recipient.</param>
    /// <param name="options">The connector's options, whose declared secrets are hidden.</param>
    /// <param name="message">The message, whose <c>code</c> of at least four characters is hidden.</param>
    /// <param name="authorization">The attempt's <c>Authorization</c> value, if any.</param>
    public Redactor(SmsPhoneNumber to, SmsVendorOptions options, SmsMessage message, string? authorization)
    {
        _to = to;
        _options = options;
        _message = message;
        _authorization = authorization;
    }

    /// <summary>Longer values first, so that a secret containing another is hidden whole.</summary>
    private string?[] Secrets() => _secrets ??=
        [.. (_declared ?? _options!.Secrets()).Concat(AuthorizationSecrets(_authorization)).Where(secret => !string.IsNullOrEmpty(secret)).Distinct(StringComparer.Ordinal).OrderByDescending(secret => secret!.Length)];

    /// <summary>The passcode to hide: the one given, else the message's <c>code</c> when it is long enough to hide safely.</summary>
    private string? Code()
    {
        if (_code is null && _message is not null && _message.Payload.TryGetValue("code", out var value) && value is not null
            && Templates.MessageTemplate.Stringify(value) is { Length: >= MinRedactedCodeLength } code)
        {
            _code = code;
        }

        return _code;
    }

    private static IEnumerable<string?> AuthorizationSecrets(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            yield break;
        }

        yield return authorization;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            yield return authorization[(space + 1)..];
        }

        foreach (var part in authorization.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.IndexOf('=', StringComparison.Ordinal) is var equals and > 0 && part.Length - equals - 1 >= MinRedactedSignatureLength)
            {
                yield return part[(equals + 1)..];
            }
        }
    }

    /// <summary>Returns <paramref name="text"/> redacted, or <see langword="null"/> when it is null or empty.</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var redacted = Redact(text, _to, Secrets());
        var code = Code();
        return code is null ? redacted : redacted?.Replace(code, Hidden, StringComparison.Ordinal);
    }

    /// <summary>
    /// Returns <paramref name="text"/> with the number masked and every non-empty secret replaced;
    /// <see langword="null"/> when the text is null or empty. The number is masked in any form a
    /// vendor may echo it: E.164, digits only, with a <c>00</c> prefix, or national (its trailing
    /// digits, with or without a trunk prefix <c>0</c> or <c>8</c>) — every run of seven or more
    /// digits that is a tail of the number, a trunk prefix and such a tail, or contains the number.
    /// </summary>
    public static string? Redact(string? text, SmsPhoneNumber to, params ReadOnlySpan<string?> secrets)
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
                return digits.AsSpan().EndsWith(run) || run.Contains(digits, StringComparison.Ordinal) || IsTrunkForm(run, digits)
                    ? SmsPhoneNumber.Mask(match.Value)
                    : match.Value;
            });
        }

        return text;
    }

    /// <summary>A national form with a trunk prefix (<c>0151...</c> in Germany, <c>8916...</c> in Russia): the prefix, then a tail of the number.</summary>
    private static bool IsTrunkForm(ReadOnlySpan<char> run, string digits) =>
        run.Length > 7 && run[0] is '0' or '8' && digits.AsSpan().EndsWith(run[1..]);

    [GeneratedRegex(@"\+?[0-9]{7,}", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
