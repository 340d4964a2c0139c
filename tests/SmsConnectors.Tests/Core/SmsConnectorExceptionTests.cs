namespace SmsConnectors.Tests.Core;

public class SmsConnectorExceptionTests
{
    [Fact]
    public void Keeps_code_message_and_cause()
    {
        var cause = new InvalidOperationException("inner");

        var exception = new SmsConnectorException(SmsErrorCode.RateLimitExceeded, "Too many messages.", cause);

        Assert.Equal(SmsErrorCode.RateLimitExceeded, exception.Code);
        Assert.Equal("Too many messages.", exception.Message);
        Assert.Same(cause, exception.InnerException);
    }

    [Fact]
    public void Provider_fields_default_to_null_and_may_have_been_sent_to_true()
    {
        var exception = new SmsConnectorException(SmsErrorCode.InvalidResponse, "Unreadable.");

        Assert.Null(exception.ProviderCode);
        Assert.Null(exception.ProviderMessage);
        Assert.Null(exception.RequestId);
        Assert.Null(exception.HttpStatus);
        Assert.Null(exception.ConnectorName);
        Assert.Null(exception.InnerException);
        Assert.True(exception.MayHaveBeenSent);
    }

    [Fact]
    public void Provider_fields_are_set_by_initialisers()
    {
        var exception = new SmsConnectorException(SmsErrorCode.AuthorizationFailed, "Rejected.")
        {
            ProviderCode = "AuthFailure.SignatureFailure",
            ProviderMessage = "The provided credentials could not be validated.",
            RequestId = "f3c1b1a2-0000-4000-8000-000000000001",
            HttpStatus = 401,
            MayHaveBeenSent = false,
        };

        Assert.Equal("AuthFailure.SignatureFailure", exception.ProviderCode);
        Assert.Equal("The provided credentials could not be validated.", exception.ProviderMessage);
        Assert.Equal("f3c1b1a2-0000-4000-8000-000000000001", exception.RequestId);
        Assert.Equal(401, exception.HttpStatus);
        Assert.False(exception.MayHaveBeenSent);
    }

    [Fact]
    public void Standard_constructors_use_the_general_code()
    {
        var empty = new SmsConnectorException();
        var withMessage = new SmsConnectorException("Boom.");
        var cause = new TimeoutException();
        var withCause = new SmsConnectorException("Boom.", cause);

        Assert.Equal(SmsErrorCode.General, empty.Code);
        Assert.Equal("The SMS could not be sent.", empty.Message);
        Assert.Equal(SmsErrorCode.General, withMessage.Code);
        Assert.Equal("Boom.", withMessage.Message);
        Assert.Equal(SmsErrorCode.General, withCause.Code);
        Assert.Same(cause, withCause.InnerException);
        Assert.True(empty.MayHaveBeenSent && withMessage.MayHaveBeenSent && withCause.MayHaveBeenSent);
    }

    [Fact]
    public void Message_is_prefixed_with_the_connector_name_when_set()
    {
        var exception = new SmsConnectorException(SmsErrorCode.TemplateNotFound, "No template.");

        exception.ConnectorName = "seven";

        Assert.Equal("seven", exception.ConnectorName);
        Assert.Equal("SMS connector 'seven': No template.", exception.Message);
        Assert.Contains("SMS connector 'seven': No template.", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Error_codes_cover_logtos_sms_codes()
    {
        string[] expected =
        [
            "General", "InvalidConfig", "InvalidRequestParameters", "InsufficientRequestParameters", "InvalidResponse",
            "TemplateNotFound", "RateLimitExceeded", "UsageLimitExceeded", "AuthorizationFailed", "NotImplemented",
        ];

        Assert.All(expected, name => Assert.True(Enum.IsDefined(Enum.Parse<SmsErrorCode>(name))));
        Assert.Equal(0, (int)SmsErrorCode.General);
    }
}
