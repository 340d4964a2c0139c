namespace SmsConnectors.Guard;

/// <summary>What is wrong with a <c>Guard</c> section, each problem naming its key.</summary>
internal static class GuardOptionsChecks
{
    private const string Section = "SmsConnectors:Guard";

    public static IEnumerable<string> Problems(SmsGuardOptions guard, GuardStores stores)
    {
        foreach (var (key, limit) in new[] { ("PerNumber", guard.PerNumber), ("PerIp", guard.PerIp), ("PerCountry", guard.PerCountry) })
        {
            if (limit is null)
            {
                continue;
            }

            if (limit.Limit < 1)
            {
                yield return $"'{Section}:{key}:Limit' is {limit.Limit}; it must be at least 1.";
            }

            if (limit.Window <= TimeSpan.Zero)
            {
                yield return $"'{Section}:{key}:Window' is {limit.Window:c}; it must be a positive time span such as 01:00:00.";
            }
        }

        if (guard.DailyBudget is < 1)
        {
            yield return $"'{Section}:DailyBudget' is {guard.DailyBudget}; it must be at least 1.";
        }

        if (guard.Cooldown is { } cooldown && cooldown <= TimeSpan.Zero)
        {
            yield return $"'{Section}:Cooldown' is {cooldown:c}; it must be a positive time span such as 00:00:30.";
        }

        if (guard.IdempotencyWindow is { } window && window <= TimeSpan.Zero)
        {
            yield return $"'{Section}:IdempotencyWindow' is {window:c}; it must be a positive time span such as 00:10:00.";
        }

        foreach (var country in guard.AllowedCountries)
        {
            if (!DestinationPolicy.KnownRegions.Contains(country?.Trim().ToUpperInvariant() ?? string.Empty))
            {
                yield return $"'{Section}:AllowedCountries' holds '{country}', which is not an ISO 3166 region code libphonenumber knows (such as DE, AT, CN).";
            }
        }

        foreach (var prefix in guard.BlockedPrefixes ?? [])
        {
            var digits = prefix?.Trim() is ['+', .. var rest] ? rest : string.Empty;
            if (digits.Length is < 1 or > 15 || !digits.All(char.IsAsciiDigit))
            {
                yield return $"'{Section}:BlockedPrefixes' holds '{prefix}'; a prefix is '+' and 1 to 15 digits, such as +882.";
            }
        }

        if (guard.AllowedNumberTypes is { Count: 0 })
        {
            yield return $"'{Section}:AllowedNumberTypes' is empty, which would refuse every number; leave it out for the defaults.";
        }

        if (!stores.IsRegistered(guard.Store))
        {
            yield return stores.MissingStore(stores.Resolve(guard.Store));
        }

        if (guard.HashSecret is { } secret && string.IsNullOrWhiteSpace(secret))
        {
            yield return $"'{Section}:HashSecret' is blank; leave it out or set a secret shared by every instance.";
        }
    }
}
