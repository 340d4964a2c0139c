using PhoneNumbers;

namespace SmsConnectors.Guard;

/// <summary>
/// The guard's destination policy, compiled from its options: allowed countries, blocked prefixes
/// and allowed number types. Region and type come from libphonenumber's metadata; a number whose
/// range the metadata does not know still gets the main region of its calling code, so that an
/// allow-list keeps working where the metadata is older than the number plan.
/// </summary>
internal sealed class DestinationPolicy
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private readonly HashSet<string> _countries;
    private readonly string[] _blockedPrefixes;
    private readonly HashSet<SmsNumberType> _types;

    public DestinationPolicy(SmsGuardOptions options)
    {
        _countries = new HashSet<string>(options.AllowedCountries.Select(c => c.Trim().ToUpperInvariant()), StringComparer.Ordinal);
        _blockedPrefixes = [.. ((IEnumerable<string>?)options.BlockedPrefixes ?? SmsGuardOptions.DefaultBlockedPrefixes).Select(p => "+" + p.Trim().TrimStart('+'))];
        _types = [.. (IEnumerable<SmsNumberType>?)options.AllowedNumberTypes ?? SmsGuardOptions.DefaultAllowedNumberTypes];
    }

    /// <summary>Gets the ISO region codes libphonenumber knows, for validating <see cref="SmsGuardOptions.AllowedCountries"/>.</summary>
    public static IReadOnlySet<string> KnownRegions { get; } = Numbers.GetSupportedRegions();

    /// <summary>Where <paramref name="to"/> goes.</summary>
    public static Destination Locate(SmsPhoneNumber to) => NumberPlans.Shared.Locate(to.E164);

    /// <summary>Why the policy refuses <paramref name="to"/>, or <see langword="null"/> when it allows it.</summary>
    public (SmsGuardReason Reason, string Explanation)? Refusal(SmsPhoneNumber to, Destination destination)
    {
        foreach (var prefix in _blockedPrefixes)
        {
            if (to.E164.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (SmsGuardReason.BlockedPrefix, $"numbers starting with {prefix} are blocked ('Guard:BlockedPrefixes')");
            }
        }

        if (_countries.Count > 0 && !_countries.Contains(destination.Region))
        {
            return (SmsGuardReason.CountryNotAllowed, $"the destination country {destination.Region} is not allowed ('Guard:AllowedCountries': {string.Join(", ", _countries.Order(StringComparer.Ordinal))})");
        }

        if (!_types.Contains(destination.Type))
        {
            return (SmsGuardReason.NumberTypeNotAllowed, $"the number's type {destination.Type} is not allowed ('Guard:AllowedNumberTypes': {string.Join(", ", _types.Order())})");
        }

        return null;
    }
}
