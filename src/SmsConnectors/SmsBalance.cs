namespace SmsConnectors;

/// <summary>
/// What is left on a vendor account, as the vendor reports it: money (<see cref="Amount"/> in
/// <see cref="Currency"/>) or prepaid messages (<see cref="RemainingMessages"/>). A vendor fills
/// in what it reports and leaves the rest <see langword="null"/>.
/// </summary>
public sealed record SmsBalance
{
    /// <summary>Gets the name of the connector whose account this is.</summary>
    public required string ConnectorName { get; init; }

    /// <summary>
    /// Gets the money left on the account, in <see cref="Currency"/> (Seven, SMSAero); it may be
    /// negative on an account with credit. <see langword="null"/> when the vendor counts messages instead.
    /// </summary>
    public decimal? Amount { get; init; }

    /// <summary>
    /// Gets the currency of <see cref="Amount"/> as an ISO 4217 code (<c>EUR</c>, <c>RUB</c>), when
    /// known; Seven's older answer is a bare number without one.
    /// </summary>
    public string? Currency { get; init; }

    /// <summary>
    /// Gets how many messages the account's unexpired prepaid packages still cover, summed over the
    /// packages (Tencent Cloud SMS: each package's amount less its usage). <see langword="null"/>
    /// when the vendor bills in money instead.
    /// </summary>
    public long? RemainingMessages { get; init; }
}
