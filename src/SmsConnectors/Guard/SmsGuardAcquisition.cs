namespace SmsConnectors.Guard;

/// <summary>What <see cref="ISmsGuardStore.TryAcquireAsync"/> decided: the send was recorded, or which counter is full.</summary>
public readonly record struct SmsGuardAcquisition
{
    /// <summary>Gets an acquisition that recorded the send in every counter.</summary>
    public static SmsGuardAcquisition Acquired { get; } = new() { IsAcquired = true, FullCounter = -1 };

    /// <summary>Gets whether the send was recorded in every counter.</summary>
    public bool IsAcquired { get; private init; }

    /// <summary>Gets the index of the full counter that has room last, or -1 when the send was recorded.</summary>
    public int FullCounter { get; private init; }

    /// <summary>Gets how long until every full counter has room again.</summary>
    public TimeSpan RetryAfter { get; private init; }

    /// <summary>Creates an acquisition refused because counter <paramref name="index"/> is full.</summary>
    /// <param name="index">The index of the full counter.</param>
    /// <param name="retryAfter">How long until it has room again.</param>
    /// <returns>The refusal.</returns>
    public static SmsGuardAcquisition Full(int index, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new() { FullCounter = index, RetryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter };
    }
}
