using SmsConnectors.Validation;

namespace SmsConnectors.Seven;

internal sealed class SevenOptionsValidator : VendorOptionsValidator<SevenOptions>
{
    protected override void CheckVendorKeys(OptionsProblems problems, SevenOptions options)
    {
        if (problems.Required(options.ApiKey, "apiKey") && options.ApiKey.Any(char.IsControl))
        {
            problems.Add("apiKey", "must not contain control characters such as line breaks (it is sent in a header)");
        }

        if (!string.IsNullOrWhiteSpace(options.From) && !IsValidSender(options.From))
        {
            problems.Add("from", $"must be at most {SevenOptions.MaxAlphanumericFromLength} letters and digits, or a number of at most {SevenOptions.MaxNumericFromLength} digits");
        }

        if (!string.IsNullOrEmpty(options.WebhookSigningSecret) && (string.IsNullOrWhiteSpace(options.WebhookSigningSecret) || options.WebhookSigningSecret.Any(char.IsControl)))
        {
            problems.Add("webhookSigningSecret", "must not be blank or contain control characters such as line breaks (copy the signing key from Seven's API settings as it is)");
        }

        problems.TextTemplates(options.Templates, "templates", required: true, options.AllowTemplatesWithoutCode);
        if (problems.Required(options.BaseUrl, "BaseUrl"))
        {
            problems.VendorUrl(options.BaseUrl, "BaseUrl");
        }
    }

    internal static bool IsValidSender(string from)
    {
        var digits = from.StartsWith('+') ? from.AsSpan(1) : from.AsSpan();
        if (digits.Length is > 0 and <= SevenOptions.MaxNumericFromLength && !digits.ContainsAnyExceptInRange('0', '9'))
        {
            return true;
        }

        return from.Length <= SevenOptions.MaxAlphanumericFromLength && from.All(char.IsAsciiLetterOrDigit);
    }
}
