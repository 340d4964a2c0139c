using Microsoft.AspNetCore.Http.HttpResults;
using SmsConnectors;

namespace SmsConnectors.Samples.WebApi;

/// <summary><c>POST /passcodes</c> with <c>{"phone": "+4915112345678", "type": "SignIn", "locale": "de"}</c>.</summary>
public static class RequestPasscode
{
    /// <summary>Issues a passcode and sends it by SMS; the answer never contains the passcode.</summary>
    public static async Task<Results<Accepted<PasscodeSent>, ProblemHttpResult>> HandleAsync(
        PasscodeRequest request, PasscodeStore store, ISmsConnector sms, HttpResponse response, CancellationToken cancellationToken)
    {
        if (PasscodeInput.Check(request.Phone, request.Type, request.Locale) is { } invalid)
        {
            return invalid;
        }

        var (phone, type) = (SmsPhoneNumber.Parse(request.Phone), new SmsUsageType(request.Type!));
        if (!store.TryIssue(phone, type, out var code, out var expiresAt, out var retryAfter))
        {
            return TooManyRequests(response, retryAfter, "A passcode was requested for this number a moment ago.");
        }

        try
        {
            await sms.SendAsync(SmsMessage.ForCode(phone.E164, type, code, request.Locale), cancellationToken);
            return TypedResults.Accepted((string?)null, new PasscodeSent(phone.Masked, expiresAt, "The passcode was sent."));
        }
        catch (SmsConnectorException exception) when (exception.MayHaveBeenSent)
        {
            // The SMS may still arrive: keep its code valid rather than send a second one.
            return TypedResults.Accepted((string?)null, new PasscodeSent(
                phone.Masked, expiresAt, "The passcode may be on its way. Please wait for it before requesting another."));
        }
        catch (SmsConnectorException exception)
        {
            store.Revoke(phone, type);
            return exception.Code switch
            {
                SmsErrorCode.RateLimitExceeded => TooManyRequests(
                    response, exception.RetryAfter ?? store.ResendInterval, "No passcode was sent: too many messages right now."),
                SmsErrorCode.InvalidRequestParameters => TypedResults.Problem(
                    title: "No passcode was sent", detail: "The phone number was rejected.", statusCode: StatusCodes.Status400BadRequest),
                _ => TypedResults.Problem(
                    title: "No passcode was sent", detail: "Please try again later.", statusCode: StatusCodes.Status503ServiceUnavailable),
            };
        }
    }

    private static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string reason)
    {
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            title: "Too many passcode requests",
            detail: $"{reason} Wait {seconds} seconds before requesting another passcode.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }
}

/// <summary>A request for a passcode.</summary>
public sealed record PasscodeRequest(string? Phone, string? Type = "SignIn", string? Locale = null);

/// <summary>The answer to a passcode request: the masked number, when the passcode expires, and what happened.</summary>
public sealed record PasscodeSent(string Phone, DateTimeOffset ExpiresAt, string Message);
