namespace SmsConnectors.Sending;

/// <summary>One attempt at one host: what a vendor's request may depend on beyond the prepared message.</summary>
/// <param name="BaseAddress">The host's base address.</param>
/// <param name="Time">When the attempt starts (Tencent signs it).</param>
internal readonly record struct VendorAttempt(Uri BaseAddress, DateTimeOffset Time);
