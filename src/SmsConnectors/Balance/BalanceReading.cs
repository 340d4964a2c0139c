using SmsConnectors.Answers;

namespace SmsConnectors.Balance;

/// <summary>What a vendor's rules read from a balance answer: the balance, or the failure or puzzle it is.</summary>
internal sealed class BalanceReading
{
    private BalanceReading()
    {
    }

    public decimal? Amount { get; private init; }

    public string? Currency { get; private init; }

    public long? RemainingMessages { get; private init; }

    /// <summary>Gets the failure (<see cref="VerdictKind.Failed"/> or <see cref="VerdictKind.NotUnderstood"/>), or <see langword="null"/> for a balance.</summary>
    public VendorVerdict? Failure { get; private init; }

    /// <summary>The vendor reported a balance.</summary>
    public static BalanceReading Of(decimal? amount = null, string? currency = null, long? remainingMessages = null) =>
        new() { Amount = amount, Currency = string.IsNullOrWhiteSpace(currency) ? null : currency.Trim(), RemainingMessages = remainingMessages };

    /// <summary>The vendor refused (<see cref="VendorVerdict.Failed"/>, never "may have been sent") or its answer was not understood.</summary>
    public static BalanceReading Failed(VendorVerdict verdict)
    {
        if (verdict.Kind == VerdictKind.Sent || verdict.MayHaveBeenSent)
        {
            throw new ArgumentException("A balance failure is a refusal or an answer not understood; nothing is ever sent.", nameof(verdict));
        }

        return new() { Failure = verdict };
    }

    /// <summary>The answer is not what the vendor documents.</summary>
    public static BalanceReading NotUnderstood(string? reason) => Failed(VendorVerdict.NotUnderstood(reason));
}
