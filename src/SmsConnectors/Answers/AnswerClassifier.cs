namespace SmsConnectors.Answers;

/// <summary>
/// Turns a vendor's answer and its rules' verdict into the send's outcome, with one precedence:
/// <list type="number">
/// <item>A body the vendor's rules understand decides: sent, or the failure they read from it, with
/// their code, whether it may have been sent and whether it may pass. The status never overrules
/// it (a Tencent <c>InternalError.Timeout</c> under HTTP 503 stays "may have been sent").</item>
/// <item>An answer they do not understand under 429 or 503 was not processed: nothing was sent, and
/// the send may be retried after <c>Retry-After</c> (<see cref="SmsErrorCode.RateLimitExceeded"/> or
/// <see cref="SmsErrorCode.ServiceUnavailable"/>).</item>
/// <item>Any other answer they do not understand fails with their fallback code (usually
/// <see cref="SmsErrorCode.InvalidResponse"/>); it may have been sent unless the status is a 4xx.</item>
/// </list>
/// A transient failure that was not sent keeps the vendor's <c>Retry-After</c>.
/// </summary>
internal static class AnswerClassifier
{
    /// <summary>Returns the result of an answer, or throws the failure it means.</summary>
    /// <param name="answer">The vendor's answer.</param>
    /// <param name="verdict">What the vendor's rules read in it.</param>
    /// <param name="connectorName">The connector's name.</param>
    /// <param name="vendor">The vendor's name, for errors.</param>
    /// <param name="redactor">What error texts must not repeat.</param>
    /// <param name="timeProvider">The clock a <c>Retry-After</c> date is read against.</param>
    /// <param name="segments">What the rendered text takes, when the library rendered it; goes on the result.</param>
    /// <exception cref="SmsConnectorException">The answer is a failure.</exception>
    public static SmsSendResult Classify(VendorAnswer answer, VendorVerdict verdict, string connectorName, string vendor, Redactor redactor, TimeProvider timeProvider, SmsSegmentCount? segments = null)
    {
        switch (verdict.Kind)
        {
            case VerdictKind.Sent:
                return new SmsSendResult
                {
                    ConnectorName = connectorName,
                    MessageId = verdict.MessageId,
                    RequestId = verdict.RequestId,
                    BilledParts = verdict.BilledParts,
                    Price = verdict.Price,
                    Segments = segments?.Segments,
                    Encoding = segments?.Encoding,
                };

            case VerdictKind.Failed:
                throw VendorFailure.Reported(answer, verdict, vendor, redactor, verdict.IsTransient && !verdict.MayHaveBeenSent ? answer.RetryAfter(timeProvider) : null);

            default:
                var notProcessed = answer.StatusCode is 429 or 503;
                return notProcessed
                    ? throw VendorFailure.NotProcessed(answer, verdict, vendor, redactor, answer.RetryAfter(timeProvider))
                    : throw VendorFailure.NotUnderstood(answer, verdict, vendor, redactor);
        }
    }

    /// <summary>
    /// Whether a vendor that answered with <paramref name="status"/>, in a body nobody could
    /// understand, may have accepted the message: a 2xx or a 5xx other than 503 may have; 503,
    /// 429 and other 4xx have not.
    /// </summary>
    public static bool StatusMayHaveBeenSent(int status) => status is not (503 or (>= 400 and < 500));
}
