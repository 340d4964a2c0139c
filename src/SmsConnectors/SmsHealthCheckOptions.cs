namespace SmsConnectors;

/// <summary>
/// What a vendor connector's health check looks at besides its configuration and its circuit (its
/// <c>HealthCheck</c> key): the vendor balance, opt-in, read at most once per <see cref="Interval"/>
/// so that health polling does not call the vendor each time.
/// </summary>
public sealed class SmsHealthCheckOptions
{
    /// <summary>The default for <see cref="Interval"/>: 5 minutes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets whether the health check reads the vendor balance (Seven, SMSAero, Tencent). Off by default.</summary>
    public bool CheckBalance { get; set; }

    /// <summary>
    /// Gets or sets the balance below which the connector is <c>Degraded</c>: an amount in the
    /// account's currency, or for Tencent the remaining package messages. None by default.
    /// </summary>
    public decimal? MinimumBalance { get; set; }

    /// <summary>Gets or sets how long a balance read is reused. Default <see cref="DefaultInterval"/>.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;
}
