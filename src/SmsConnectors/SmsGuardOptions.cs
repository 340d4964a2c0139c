namespace SmsConnectors;

/// <summary>
/// The abuse guard (the <c>SmsConnectors:Guard</c> section): limits per number, per client IP, per
/// country and per day, a cool-down per number, a destination policy against SMS pumping, and
/// idempotency keys. The guard is off unless this section is configured (<c>"Guard": { }</c> turns it
/// on with its defaults) or <c>AddGuard</c> is called; it applies once per <see cref="ISmsConnector.SendAsync"/> the application calls, before
/// the connector's rate limit and resilience pipeline, and never again inside a <c>Failover</c> or
/// <c>Router</c>.
/// </summary>
public sealed class SmsGuardOptions
{
    /// <summary>The prefixes blocked when <see cref="BlockedPrefixes"/> is not configured: the international networks +881, +882 and +883.</summary>
    public static IReadOnlyList<string> DefaultBlockedPrefixes { get; } = ["+881", "+882", "+883"];

    /// <summary>The types allowed when <see cref="AllowedNumberTypes"/> is not configured: every type but premium rate, shared cost, UAN, pager, voicemail and unknown.</summary>
    public static IReadOnlyList<SmsNumberType> DefaultAllowedNumberTypes { get; } =
    [
        SmsNumberType.Mobile, SmsNumberType.FixedLineOrMobile, SmsNumberType.FixedLine,
        SmsNumberType.TollFree, SmsNumberType.Voip, SmsNumberType.PersonalNumber,
    ];

    /// <summary>Gets or sets whether the guard is on; <see langword="true"/> unless set to <see langword="false"/> (to turn a configured guard off without removing it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many sends one recipient number may get per window.</summary>
    public SmsGuardLimit? PerNumber { get; set; }

    /// <summary>Gets or sets how many sends one client IP address (<see cref="SmsMessage.Ip"/>) may ask for per window; sends without an IP are not counted here.</summary>
    public SmsGuardLimit? PerIp { get; set; }

    /// <summary>Gets or sets how many sends may go to one destination country per window.</summary>
    public SmsGuardLimit? PerCountry { get; set; }

    /// <summary>Gets or sets how many sends may go out in one day (UTC), all numbers together.</summary>
    public int? DailyBudget { get; set; }

    /// <summary>Gets or sets the least time between two sends to the same number.</summary>
    public TimeSpan? Cooldown { get; set; }

    /// <summary>Gets or sets the destination countries allowed, as ISO 3166 region codes (<c>DE</c>, <c>CN</c>); empty allows every country.</summary>
    public IList<string> AllowedCountries { get; set; } = [];

    /// <summary>Gets or sets the number prefixes refused (<c>+882</c>); when not configured, <see cref="DefaultBlockedPrefixes"/>.</summary>
    public IList<string>? BlockedPrefixes { get; set; }

    /// <summary>Gets or sets the number types allowed; when not configured, <see cref="DefaultAllowedNumberTypes"/>.</summary>
    public IList<SmsNumberType>? AllowedNumberTypes { get; set; }

    /// <summary>
    /// Gets or sets how long a <see cref="SmsMessage.IdempotencyKey"/> is remembered: a second send
    /// with the same key within this window replays the first one's outcome. Without it, keys are ignored.
    /// </summary>
    public TimeSpan? IdempotencyWindow { get; set; }

    /// <summary>
    /// Gets or sets where counters and idempotency keys live: <c>Memory</c> (this process), or
    /// <c>Redis</c> (every instance; needs the <c>SmsConnectors.Redis</c> package and <c>AddRedisStore()</c>).
    /// When not set, the store a package registered, else <c>Memory</c>.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>Gets or sets what happens when the store cannot be reached; <see cref="SmsGuardFailureMode.Closed"/> by default.</summary>
    public SmsGuardFailureMode FailureMode { get; set; }

    /// <summary>
    /// Gets or sets a secret the store keys are hashed with (HMAC-SHA256), so that a number cannot be
    /// found again from its key by trying every number; the same on every instance. Without it, keys
    /// are plain SHA-256 hashes.
    /// </summary>
    public string? HashSecret { get; set; }
}
