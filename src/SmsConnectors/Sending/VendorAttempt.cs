namespace SmsConnectors.Sending;

/// <summary>One attempt at one host: what a vendor's request may depend on beyond the prepared message.</summary>
/// <param name="baseAddress">The host's base address.</param>
/// <param name="clock">The connector's clock.</param>
internal readonly struct VendorAttempt(Uri baseAddress, TimeProvider clock)
{
    /// <summary>Gets the host's base address.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>Gets the time now, read when asked (Tencent signs it), so a vendor that does not ask reads no clock.</summary>
    public DateTimeOffset Time => clock.GetUtcNow();
}
