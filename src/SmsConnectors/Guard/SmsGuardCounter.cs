namespace SmsConnectors.Guard;

/// <summary>One counter a send counts against: at most <paramref name="Limit"/> sends in any window of <paramref name="Window"/>.</summary>
/// <param name="Key">The counter's key, without the store's prefix; it holds no number in clear text.</param>
/// <param name="Limit">How many sends the window may hold.</param>
/// <param name="Window">The window's length; the key may expire this long after its last send.</param>
public sealed record SmsGuardCounter(string Key, int Limit, TimeSpan Window);
