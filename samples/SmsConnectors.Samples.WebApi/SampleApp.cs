using Microsoft.AspNetCore.Http.HttpResults;

namespace SmsConnectors.Samples.WebApi;

/// <summary>A passwordless sign-in API: request a passcode by SMS, then verify it.</summary>
public static class SampleApp
{
    /// <summary>Builds the application; <paramref name="configure"/> lets a test adjust it before it is built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddSmsConnectors(builder.Configuration.GetSection("SmsConnectors"));
        builder.Services.Configure<PasscodeOptions>(builder.Configuration.GetSection("Passcodes"));
        builder.Services.AddSingleton<PasscodeStore>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapPost("/passcodes", RequestPasscodeAsync);
        app.MapPost("/passcodes/verify", VerifyPasscode);
        return app;
    }

    private static async Task<Results<Accepted<PasscodeSent>, ProblemHttpResult>> RequestPasscodeAsync(
        PasscodeRequest request,
        PasscodeStore store,
        ISmsConnector sms,
        CancellationToken cancellationToken)
    {
        if (Validate(request.Phone, request.Type) is { } problem)
        {
            return problem;
        }

        var (phone, type) = (SmsPhoneNumber.Parse(request.Phone), new SmsUsageType(request.Type!));
        if (!store.TryIssue(phone, type, out var code, out var expiresAt, out var retryAfter))
        {
            return TypedResults.Problem(
                title: "Too many passcode requests",
                detail: $"Wait {Math.Ceiling(retryAfter.TotalSeconds)} seconds before requesting another passcode.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }

        try
        {
            await sms.SendAsync(SmsMessage.ForCode(phone.E164, type, code, request.Locale), cancellationToken);
        }
        catch (SmsConnectorException exception)
        {
            store.Revoke(phone, type);
            return exception.Code == SmsErrorCode.InvalidRequestParameters
                ? TypedResults.Problem(title: "The passcode could not be sent", detail: "The phone number was rejected.", statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.Problem(title: "The passcode could not be sent", detail: "Please try again later.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Accepted((string?)null, new PasscodeSent(phone.Masked, expiresAt));
    }

    private static Results<Ok<PasscodeVerified>, ProblemHttpResult> VerifyPasscode(PasscodeVerification request, PasscodeStore store)
    {
        if (Validate(request.Phone, request.Type) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(request.Code))
        {
            return Invalid("'code' is required.");
        }

        var outcome = store.Verify(SmsPhoneNumber.Parse(request.Phone), new SmsUsageType(request.Type!), request.Code);
        return outcome switch
        {
            VerificationOutcome.Verified => TypedResults.Ok(new PasscodeVerified(true)),
            VerificationOutcome.TooManyAttempts => TypedResults.Problem(
                title: "Too many attempts", detail: "Request a new passcode.", statusCode: StatusCodes.Status429TooManyRequests),
            _ => Invalid("The passcode is wrong or has expired."),
        };
    }

    private static ProblemHttpResult? Validate(string? phone, string? type)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return Invalid("'phone' is required.");
        }

        if (!SmsPhoneNumber.TryParse(phone, out _))
        {
            return Invalid("'phone' must be an international number, for example +4915112345678.");
        }

        if (string.IsNullOrWhiteSpace(type) || !SmsUsageType.WellKnown.Contains(new SmsUsageType(type)))
        {
            return Invalid($"'type' must be one of: {string.Join(", ", SmsUsageType.WellKnown)}.");
        }

        return null;
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "Invalid request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}

/// <summary>A request for a passcode.</summary>
public sealed record PasscodeRequest(string? Phone, string? Type = "SignIn", string? Locale = null);

/// <summary>The answer to a passcode request; it never contains the passcode.</summary>
public sealed record PasscodeSent(string Phone, DateTimeOffset ExpiresAt);

/// <summary>A passcode to verify.</summary>
public sealed record PasscodeVerification(string? Phone, string? Code, string? Type = "SignIn");

/// <summary>The answer to a successful verification.</summary>
public sealed record PasscodeVerified(bool Verified);
