namespace SmsConnectors;

/// <summary>
/// A send failed. The one exception type of this library: <see cref="Code"/> says why, the
/// provider fields keep what the vendor said, and <see cref="MayHaveBeenSent"/> says whether it is
/// safe to try again. Messages never contain secrets or full phone numbers.
/// </summary>
public sealed class SmsConnectorException : Exception
{
    /// <summary>Creates an exception.</summary>
    public SmsConnectorException()
        : this(SmsErrorCode.General, "The SMS could not be sent.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SmsConnectorException(string message)
        : this(SmsErrorCode.General, message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SmsConnectorException(string message, Exception? innerException)
        : this(SmsErrorCode.General, message, innerException)
    {
    }

    /// <summary>Creates an exception with a code, a message and an optional cause.</summary>
    /// <param name="code">Why the send failed.</param>
    /// <param name="message">What went wrong; must not contain secrets or full phone numbers.</param>
    /// <param name="innerException">The cause.</param>
    public SmsConnectorException(SmsErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Gets why the send failed.</summary>
    public SmsErrorCode Code { get; }

    /// <summary>Gets the name of the connector that failed, when known.</summary>
    public string? ConnectorName { get; internal set; }

    /// <summary>Gets the message, prefixed with the connector's name when known.</summary>
    public override string Message =>
        ConnectorName is null || base.Message.StartsWith(Prefix(ConnectorName), StringComparison.Ordinal)
            ? base.Message
            : Prefix(ConnectorName) + base.Message;

    private static string Prefix(string connectorName) => $"SMS connector '{connectorName}': ";

    /// <summary>Gets the vendor's own error code (Seven <c>900</c>, Tencent <c>AuthFailure.SignatureFailure</c>), when it gave one.</summary>
    public string? ProviderCode { get; init; }

    /// <summary>Gets the vendor's error text, when it gave one.</summary>
    public string? ProviderMessage { get; init; }

    /// <summary>Gets the vendor's request id, when it gave one.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the HTTP status of the vendor's answer, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Gets how long to wait before trying again, when known: the vendor's <c>Retry-After</c>, or when the guard's limit or cool-down will pass.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// Gets whether the failure may pass by itself: the connection could not be made, the vendor
    /// answered 429 or 503 without a body it documents, or the vendor's own "throttled" code. A
    /// connector retries a send (within its resilience settings) only when this is
    /// <see langword="true"/> and <see cref="MayHaveBeenSent"/> is <see langword="false"/>; the same
    /// rule tells an application when trying again later is worthwhile.
    /// </summary>
    public bool IsTransient { get; init; }

    /// <summary>Gets, for a composite connector that tried several connectors, each attempt's failure in order; otherwise empty.</summary>
    public IReadOnlyList<SmsConnectorException> Attempts { get; init; } = [];

    /// <summary>
    /// Gets whether the vendor may have accepted the message. <see langword="false"/> only when it
    /// is known that it did not: the send failed before anything was sent, or the vendor rejected
    /// it explicitly. When <see langword="true"/>, sending again may deliver a second message.
    /// </summary>
    public bool MayHaveBeenSent { get; init; } = true;

    /// <summary>
    /// Gets why the guard refused the send, when it did (<see cref="SmsErrorCode.RateLimitExceeded"/>
    /// for a limit or cool-down, <see cref="SmsErrorCode.RecipientNotAllowed"/> for the destination
    /// policy, <see cref="SmsErrorCode.ServiceUnavailable"/> for an unreachable store); otherwise
    /// <see langword="null"/>. Nothing was sent.
    /// </summary>
    public SmsGuardReason? GuardReason { get; init; }
}
