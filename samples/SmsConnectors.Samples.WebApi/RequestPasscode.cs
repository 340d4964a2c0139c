using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SmsConnectors;

namespace SmsConnectors.Samples.WebApi;

/// <summary>
/// <c>POST /passcodes</c> with <c>{"phone": "+4915112345678", "type": "SignIn", "locale": "de"}</c> and
/// optionally an <c>Idempotency-Key</c> header, so that a repeat of the request (a double submit, a
/// retry after a lost answer) gets the same answer without a second SMS.
/// </summary>
public static class RequestPasscode
{
    /// <summary>Issues a passcode and sends it by SMS; the answer never contains the passcode.</summary>
    public static async Task<Results<Accepted<PasscodeSent>, ProblemHttpResult>> HandleAsync(
        PasscodeRequest request, PasscodeStore store, ISmsConnector sms, IOptionsMonitor<SmsConnectorsOptions> smsOptions, HttpContext http, CancellationToken cancellationToken)
    {
        if (PasscodeInput.Check(request.Phone, request.Type, request.Locale) is { } invalid)
        {
            return invalid;
        }

        if (PasscodeInput.CheckIdempotencyKey(http.Request.Headers["Idempotency-Key"], out var requestKey) is { } invalidKey)
        {
            return invalidKey;
        }

        // A repeat gets the passcode its request was issued, and the guard answers its send with the first send's outcome.
        // Without Guard:IdempotencyWindow the guard would send it again, so then a repeat waits like any other request.
        var repeatable = smsOptions.CurrentValue.Guard?.IdempotencyWindow is not null;
        var (phone, type) = (SmsPhoneNumber.Parse(request.Phone), new SmsUsageType(request.Type!));
        var issue = await store.IssueAsync(phone, type, repeatable ? requestKey : null, cancellationToken);
        if (issue.Passcode is not { } passcode)
        {
            return PasscodeProblems.TooManyRequests(http.Response, issue.RetryAfter, "A passcode was requested for this number a moment ago.");
        }

        var message = SmsMessage.ForCode(phone.E164, type, passcode.Code, request.Locale) with
        {
            Ip = http.Connection.RemoteIpAddress?.ToString(), // the caller's: UseForwardedHeaders has applied X-Forwarded-For
            IdempotencyKey = passcode.SendKey,
        };
        try
        {
            await sms.SendAsync(message, cancellationToken);
            return TypedResults.Accepted((string?)null, new PasscodeSent(phone.Masked, passcode.ExpiresAt, "The passcode was sent."));
        }
        catch (SmsConnectorException exception) when (exception.MayHaveBeenSent)
        {
            // The SMS may still arrive: keep its code valid rather than send a second one.
            return TypedResults.Accepted((string?)null, new PasscodeSent(
                phone.Masked, passcode.ExpiresAt, "The passcode may be on its way. Please wait for it before requesting another."));
        }
        catch (SmsConnectorException exception)
        {
            // Certainly not sent: forget the code, unless this was a repeat and the first request's send stands.
            if (passcode.IsNew)
            {
                await store.RevokeAsync(phone, type, passcode, cancellationToken);
            }

            return PasscodeProblems.NotSent(exception, http.Response, store.ResendInterval);
        }
    }
}

/// <summary>A request for a passcode.</summary>
public sealed record PasscodeRequest(string? Phone, string? Type = "SignIn", string? Locale = null);

/// <summary>The answer to a passcode request: the masked number, when the passcode expires, and what happened.</summary>
public sealed record PasscodeSent(string Phone, DateTimeOffset ExpiresAt, string Message);
