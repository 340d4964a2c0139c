using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using SmsConnectors;

namespace SmsConnectors.Samples.WebApi;

/// <summary>The checks every request's input passes before it reaches the store or a connector.</summary>
public static class PasscodeInput
{
    /// <summary>The longest <c>phone</c> accepted, formatting included.</summary>
    public const int MaxPhoneLength = 32;

    /// <summary>The longest <c>locale</c> accepted (a BCP 47 tag).</summary>
    public const int MaxLocaleLength = 35;

    /// <summary>The longest <c>code</c> accepted.</summary>
    public const int MaxCodeLength = 16;

    /// <summary>The longest <c>Idempotency-Key</c> header accepted.</summary>
    public const int MaxIdempotencyKeyLength = 128;

    /// <summary>A 400 problem for the first thing wrong with the input, or <see langword="null"/> when it is fine.</summary>
    public static ProblemHttpResult? Check(string? phone, string? type, string? locale)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return Invalid("'phone' is required.");
        }

        if (phone.Length > MaxPhoneLength)
        {
            return Invalid($"'phone' must be at most {MaxPhoneLength} characters.");
        }

        if (!SmsPhoneNumber.TryParse(phone, out _))
        {
            return Invalid("'phone' must be an international number, for example +4915112345678.");
        }

        if (string.IsNullOrWhiteSpace(type) || !new SmsUsageType(type).IsWellKnown)
        {
            return Invalid($"'type' must be one of: {string.Join(", ", SmsUsageType.WellKnown)}.");
        }

        if (locale is not null && (locale.Length is 0 or > MaxLocaleLength || !locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return Invalid($"'locale' must be a language tag such as de-DE, at most {MaxLocaleLength} characters.");
        }

        return null;
    }

    /// <summary>
    /// A 400 problem unless the <c>Idempotency-Key</c> header is absent, or one key of 1 to
    /// <see cref="MaxIdempotencyKeyLength"/> visible ASCII characters, which <paramref name="key"/> then holds.
    /// </summary>
    public static ProblemHttpResult? CheckIdempotencyKey(StringValues header, out string? key)
    {
        key = null;
        if (header.Count == 0)
        {
            return null;
        }

        if (header.Count > 1 || header[0] is not { Length: > 0 and <= MaxIdempotencyKeyLength } value || !value.All(c => c is > ' ' and <= '~'))
        {
            return Invalid($"The 'Idempotency-Key' header must be one key of 1 to {MaxIdempotencyKeyLength} visible ASCII characters.");
        }

        key = value;
        return null;
    }

    /// <summary>A 400 problem with <paramref name="detail"/>.</summary>
    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
