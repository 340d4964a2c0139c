using System.Net.Mail;
using SmsConnectors.Validation;

namespace SmsConnectors.SmsAero;

internal sealed class SmsAeroOptionsValidator : VendorOptionsValidator<SmsAeroOptions>
{
    protected override void CheckVendorKeys(OptionsProblems problems, SmsAeroOptions options)
    {
        if (problems.Required(options.Email, "email") && !IsEmail(options.Email))
        {
            problems.Add("email", "must be an email address");
        }

        problems.Required(options.ApiKey, "apiKey");
        problems.Required(options.SenderName, "senderName");
        problems.TextTemplates(options.Templates, "templates", required: true, options.AllowTemplatesWithoutCode);
        problems.RequireUsageTypes(options.Templates, "templates");
        if (problems.Required(options.BaseUrl, "BaseUrl"))
        {
            problems.VendorUrl(options.BaseUrl, "BaseUrl");
        }

        var mirrors = options.MirrorUrls ?? [];
        for (var i = 0; i < mirrors.Count; i++)
        {
            if (problems.Required(mirrors[i], $"MirrorUrls:{i}"))
            {
                problems.VendorUrl(mirrors[i], $"MirrorUrls:{i}");
            }
        }
    }

    /// <summary>A bare address (<c>user@example.com</c>), without a display name or angle brackets.</summary>
    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address)
        && string.Equals(address.Address, value, StringComparison.Ordinal)
        && address.Host.Contains('.', StringComparison.Ordinal);
}
