using System.Globalization;
using System.Net.Http;
using System.Text;

namespace SmsConnectors.Answers;

/// <summary>
/// Builds every failure of a vendor send, in one format: what happened, the HTTP status, the
/// vendor's code and request id, what the vendor said (redacted), and whether the message may have
/// been sent; with <see cref="SmsConnectorException.IsTransient"/> set where a retry may help.
/// </summary>
internal static class VendorFailure
{
    /// <summary>A failure the vendor reported in a body its rules understand.</summary>
    public static SmsConnectorException Reported(VendorAnswer answer, VendorVerdict verdict, string vendor, Redactor redactor, TimeSpan? retryAfter)
    {
        var providerMessage = redactor.Redact(verdict.ProviderMessage)?.Trim();
        var message = new StringBuilder(vendor).Append(" reported a failure");
        if (!string.IsNullOrEmpty(verdict.Meaning))
        {
            message.Append(": ").Append(verdict.Meaning);
        }

        message.Append(" (HTTP ").Append(answer.StatusCode.ToString(CultureInfo.InvariantCulture));
        if (verdict.ProviderCode is { } code)
        {
            message.Append(", code ").Append(redactor.Redact(code));
        }

        if (verdict.RequestId is { } requestId)
        {
            message.Append(", request id ").Append(redactor.Redact(requestId));
        }

        message.Append(')');
        if (!string.IsNullOrWhiteSpace(providerMessage))
        {
            message.Append("; the vendor says: ").Append(providerMessage.TrimEnd('.'));
        }

        message.Append('.');
        AppendRetryAfter(message, retryAfter);
        if (verdict.MayHaveBeenSent)
        {
            message.Append(" The message may have been sent.");
        }

        return new SmsConnectorException(verdict.Code, message.ToString())
        {
            HttpStatus = answer.StatusCode,
            ProviderCode = verdict.ProviderCode is null ? null : redactor.Redact(verdict.ProviderCode),
            ProviderMessage = string.IsNullOrWhiteSpace(providerMessage) ? null : providerMessage,
            RequestId = verdict.RequestId,
            RetryAfter = retryAfter,
            IsTransient = verdict.IsTransient,
            MayHaveBeenSent = verdict.MayHaveBeenSent,
        };
    }

    /// <summary>An answer not understood under 429 or 503: the vendor did not process the request.</summary>
    public static SmsConnectorException NotProcessed(VendorAnswer answer, VendorVerdict verdict, string vendor, Redactor redactor, TimeSpan? retryAfter)
    {
        var message = Answered(vendor, answer, verdict.Meaning).Append("; nothing was sent.");
        AppendRetryAfter(message, retryAfter);
        return new SmsConnectorException(
            answer.StatusCode == 429 ? SmsErrorCode.RateLimitExceeded : SmsErrorCode.ServiceUnavailable,
            message.ToString())
        {
            HttpStatus = answer.StatusCode,
            ProviderMessage = redactor.Redact(answer.Snippet),
            RetryAfter = retryAfter,
            IsTransient = true,
            MayHaveBeenSent = false,
        };
    }

    /// <summary>An answer not understood under any other status: the vendor's fallback code, sent or not by the status.</summary>
    public static SmsConnectorException NotUnderstood(VendorAnswer answer, VendorVerdict verdict, string vendor, Redactor redactor)
    {
        var mayHaveBeenSent = AnswerClassifier.StatusMayHaveBeenSent(answer.StatusCode);
        var message = Answered(vendor, answer, verdict.Meaning)
            .Append(mayHaveBeenSent ? "; the message may have been sent." : "; nothing was sent.");
        return new SmsConnectorException(verdict.Code, message.ToString())
        {
            HttpStatus = answer.StatusCode,
            ProviderMessage = redactor.Redact(answer.Snippet),
            MayHaveBeenSent = mayHaveBeenSent,
        };
    }

    /// <summary>An answer larger than the connector reads.</summary>
    public static SmsConnectorException TooLarge(string vendor, int status, int maxBytes) =>
        new(SmsErrorCode.InvalidResponse, $"{vendor}'s answer (HTTP {status}) is larger than {maxBytes} bytes, so it was not read{SentSuffix(AnswerClassifier.StatusMayHaveBeenSent(status))}")
        {
            HttpStatus = status,
            MayHaveBeenSent = AnswerClassifier.StatusMayHaveBeenSent(status),
        };

    /// <summary>An answer whose body broke off (connection closed or reset, bad framing): sent or not by its status.</summary>
    public static SmsConnectorException CutShort(string vendor, int status, Exception cause) =>
        new(SmsErrorCode.InvalidResponse, $"{vendor}'s answer (HTTP {status}) broke off before its end ({Describe(cause)}){SentSuffix(AnswerClassifier.StatusMayHaveBeenSent(status))}")
        {
            HttpStatus = status,
            MayHaveBeenSent = AnswerClassifier.StatusMayHaveBeenSent(status),
        };

    /// <summary>No connection could be made to <paramref name="authority"/>: nothing was sent.</summary>
    public static SmsConnectorException CouldNotConnect(string authority, HttpRequestError error) =>
        new(SmsErrorCode.ServiceUnavailable, $"Could not connect to {authority} ({error}); nothing was sent.")
        {
            MayHaveBeenSent = false,
            IsTransient = true,
        };

    /// <summary>The request failed after it may have reached the vendor.</summary>
    public static SmsConnectorException FailedAfterSending(string authority, HttpRequestError error) =>
        new(SmsErrorCode.General, $"The request to {authority} failed after it was sent ({error}); the message may have been sent.");

    /// <summary>The vendor did not answer before the attempt ended.</summary>
    public static SmsConnectorException NoAnswer(string authority) =>
        new(SmsErrorCode.Timeout, $"{authority} did not answer in time; the message may have been sent.");

    private static StringBuilder Answered(string vendor, VendorAnswer answer, string? reason)
    {
        var message = new StringBuilder(vendor).Append(" answered HTTP ").Append(answer.StatusCode.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(reason))
        {
            message.Append(", which could not be understood: ").Append(reason);
        }

        return message;
    }

    private static void AppendRetryAfter(StringBuilder message, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            message.Append(" Retry after ").Append(wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)).Append(" s.");
        }
    }

    private static string SentSuffix(bool mayHaveBeenSent) => mayHaveBeenSent ? "; the message may have been sent." : "; nothing was sent.";

    private static string Describe(Exception cause) => cause switch
    {
        HttpRequestException { HttpRequestError: var error } => error.ToString(),
        HttpIOException { HttpRequestError: var error } => error.ToString(),
        _ => cause.GetType().Name,
    };
}
