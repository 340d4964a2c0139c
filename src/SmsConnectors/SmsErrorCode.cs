namespace SmsConnectors;

/// <summary>Why a send failed. Mirrors Logto's <c>ConnectorErrorCodes</c> for SMS.</summary>
public enum SmsErrorCode
{
    /// <summary>Any failure not covered by a more specific code (<c>general</c>).</summary>
    General = 0,

    /// <summary>The connector's configuration is invalid (<c>invalid_config</c>).</summary>
    InvalidConfig,

    /// <summary>The message is invalid: bad phone number, unresolved placeholder, and so on (<c>invalid_request_parameters</c>).</summary>
    InvalidRequestParameters,

    /// <summary>The message lacks something the connector needs (<c>insufficient_request_parameters</c>).</summary>
    InsufficientRequestParameters,

    /// <summary>The vendor's answer could not be understood (<c>invalid_response</c>).</summary>
    InvalidResponse,

    /// <summary>No template matches the message's usage type (<c>template_not_found</c>).</summary>
    TemplateNotFound,

    /// <summary>Too many messages, per number or per account (<c>rate_limit_exceeded</c>).</summary>
    RateLimitExceeded,

    /// <summary>The account's balance or quota is exhausted (<c>usage_limit_exceeded</c>).</summary>
    UsageLimitExceeded,

    /// <summary>The vendor rejected the credentials (<c>authorization_failed</c>).</summary>
    AuthorizationFailed,

    /// <summary>The operation is not supported by this connector (<c>not_implemented</c>).</summary>
    NotImplemented,

    /// <summary>The vendor did not answer in time; the message may have been sent.</summary>
    Timeout,

    /// <summary>The vendor could not be reached or is unavailable; nothing was sent.</summary>
    ServiceUnavailable,

    /// <summary>The guard's destination policy refuses the recipient: its country, prefix or number type (<c>SmsGuardOptions</c>).</summary>
    RecipientNotAllowed,
}
