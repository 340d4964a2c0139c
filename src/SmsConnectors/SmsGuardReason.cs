namespace SmsConnectors;

/// <summary>Why the guard refused a send (<see cref="SmsConnectorException.GuardReason"/>).</summary>
public enum SmsGuardReason
{
    /// <summary>The recipient's number reached <see cref="SmsGuardOptions.PerNumber"/>.</summary>
    PerNumber = 1,

    /// <summary>The client's IP address reached <see cref="SmsGuardOptions.PerIp"/>.</summary>
    PerIp,

    /// <summary>The destination country reached <see cref="SmsGuardOptions.PerCountry"/>.</summary>
    PerCountry,

    /// <summary>Every send together reached <see cref="SmsGuardOptions.DailyBudget"/> for the day (UTC).</summary>
    DailyBudget,

    /// <summary>The last send to the number is more recent than <see cref="SmsGuardOptions.Cooldown"/>.</summary>
    Cooldown,

    /// <summary>The destination country is not in <see cref="SmsGuardOptions.AllowedCountries"/>.</summary>
    CountryNotAllowed,

    /// <summary>The number starts with one of <see cref="SmsGuardOptions.BlockedPrefixes"/>.</summary>
    BlockedPrefix,

    /// <summary>The number's type is not in <see cref="SmsGuardOptions.AllowedNumberTypes"/>.</summary>
    NumberTypeNotAllowed,

    /// <summary>The guard's store could not be reached and <see cref="SmsGuardOptions.FailureMode"/> is <see cref="SmsGuardFailureMode.Closed"/>.</summary>
    StoreUnavailable,
}
