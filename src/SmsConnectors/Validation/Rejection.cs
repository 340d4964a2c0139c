namespace SmsConnectors.Validation;

/// <summary>Why a reloaded options instance was rejected, and the last valid instance of the same name, which stays in force.</summary>
/// <param name="Problems">The problems, each naming the connector and the key.</param>
/// <param name="LastValid">The last options instance of that name that passed validation.</param>
internal sealed record Rejection(IReadOnlyList<string> Problems, object LastValid);
