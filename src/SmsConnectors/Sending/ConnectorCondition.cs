namespace SmsConnectors.Sending;

/// <summary>A connector's own view of whether it can send, for its health check.</summary>
/// <param name="CanSend">Whether it has a configuration it can send with.</param>
/// <param name="Problem">Why it cannot send, or why it is degraded (a rejected reload, an open circuit); <see langword="null"/> when all is well.</param>
/// <param name="Circuit">Its circuit breaker: <c>closed</c>, <c>open</c>, <c>half-open</c>, or <see langword="null"/> for a connector without one.</param>
internal sealed record ConnectorCondition(bool CanSend, string? Problem, string? Circuit);
