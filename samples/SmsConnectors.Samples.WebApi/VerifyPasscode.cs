using Microsoft.AspNetCore.Http.HttpResults;
using SmsConnectors;

namespace SmsConnectors.Samples.WebApi;

/// <summary><c>POST /passcodes/verify</c> with <c>{"phone": "+4915112345678", "type": "SignIn", "code": "123456"}</c>.</summary>
public static class VerifyPasscode
{
    /// <summary>Checks the passcode: a right one is used up, wrong ones count against a limit.</summary>
    public static async Task<Results<Ok<PasscodeVerified>, ProblemHttpResult>> HandleAsync(
        PasscodeVerification request, PasscodeStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (PasscodeInput.Check(request.Phone, request.Type, locale: null) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > PasscodeInput.MaxCodeLength)
        {
            return PasscodeInput.Invalid($"'code' is required, at most {PasscodeInput.MaxCodeLength} characters.");
        }

        var (phone, type) = (SmsPhoneNumber.Parse(request.Phone), new SmsUsageType(request.Type!));
        switch (await store.VerifyAsync(phone, type, request.Code, cancellationToken))
        {
            case VerificationOutcome.Verified:
                return TypedResults.Ok(new PasscodeVerified(true));
            case VerificationOutcome.TooManyAttempts:
                var wait = await store.TimeUntilNextPasscodeAsync(phone, type, cancellationToken);
                var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
                response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    title: "Too many attempts",
                    detail: $"The passcode is revoked. Request a new one in {seconds} seconds.",
                    statusCode: StatusCodes.Status429TooManyRequests);
            default:
                return PasscodeInput.Invalid("The passcode is wrong or has expired.");
        }
    }
}

/// <summary>A passcode to verify.</summary>
public sealed record PasscodeVerification(string? Phone, string? Code, string? Type = "SignIn");

/// <summary>The answer to a successful verification.</summary>
public sealed record PasscodeVerified(bool Verified);
