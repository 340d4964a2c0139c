namespace SmsConnectors.Health;

/// <summary>One read of a vendor balance: the balance, or why it could not be read.</summary>
/// <param name="Balance">The balance, when it was read.</param>
/// <param name="Failure">Why it could not be read.</param>
internal sealed record BalanceRead(SmsBalance? Balance, SmsConnectorException? Failure);
