using Microsoft.AspNetCore.Http.HttpResults;
using SmsConnectors;

namespace SmsConnectors.Samples.WebApi;

/// <summary>The problem answers of <c>POST /passcodes</c>; none of them repeats the number.</summary>
public static class PasscodeProblems
{
    /// <summary>The answer to a send that certainly did not go out (<c>MayHaveBeenSent</c> is false): the guard refused it, or the vendor did not take it.</summary>
    public static ProblemHttpResult NotSent(SmsConnectorException exception, HttpResponse response, TimeSpan defaultRetryAfter) => exception switch
    {
        // The guard's limits and cool-down, or the vendor's rate limit: RetryAfter says when to try again.
        { Code: SmsErrorCode.RateLimitExceeded } => TooManyRequests(response, exception.RetryAfter ?? defaultRetryAfter, exception.GuardReason switch
        {
            SmsGuardReason.PerNumber or SmsGuardReason.Cooldown => "No passcode was sent: too many passcodes for this number.",
            SmsGuardReason.PerIp => "No passcode was sent: too many requests from your network.",
            _ => "No passcode was sent: too many messages right now.",
        }),
        // The guard's destination policy: a premium-rate or blocked range, or a country that is not allowed.
        { Code: SmsErrorCode.RecipientNotAllowed } => NotSent(StatusCodes.Status403Forbidden, "Passcodes cannot be sent to this number."),
        { Code: SmsErrorCode.InvalidRequestParameters } => NotSent(StatusCodes.Status400BadRequest, "The phone number was rejected."),
        // The vendor is unavailable, or the guard's store is (GuardReason StoreUnavailable, with Guard:FailureMode Closed).
        _ => NotSent(StatusCodes.Status503ServiceUnavailable, "Please try again later."),
    };

    /// <summary>A 429 whose <c>Retry-After</c> header is <paramref name="retryAfter"/> in whole seconds, rounded up.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string reason)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many passcode requests",
            detail: $"{reason} Wait {seconds} seconds before requesting another passcode.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static ProblemHttpResult NotSent(int status, string detail) =>
        TypedResults.Problem(title: "No passcode was sent", detail: detail, statusCode: status);
}
