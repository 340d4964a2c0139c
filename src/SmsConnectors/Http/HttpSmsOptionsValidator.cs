using SmsConnectors.Sending;
using SmsConnectors.Validation;

namespace SmsConnectors.Http;

internal sealed class HttpSmsOptionsValidator : VendorOptionsValidator<HttpSmsOptions>
{
    protected override void CheckVendorKeys(OptionsProblems problems, HttpSmsOptions options)
    {
        foreach (var (key, problem) in HttpConfiguration.ProblemsOf(options).Concat(PlanCache<HttpSmsOptions, HttpPlan>.Get(options, HttpPlan.Create).Problems))
        {
            problems.Add(key, problem);
        }

        problems.TextTemplates(options.Templates, "templates", required: false, options.AllowTemplatesWithoutCode, ["to", "type", "message"]);
        if (!string.IsNullOrEmpty(options.WebhookSecret)
            && (options.WebhookSecret.Length < HttpSmsOptions.MinWebhookSecretLength || string.IsNullOrWhiteSpace(options.WebhookSecret) || options.WebhookSecret.Any(char.IsControl)))
        {
            problems.Add("webhookSecret", $"must be at least {HttpSmsOptions.MinWebhookSecretLength} characters, not blank, without control characters; generate one, for example with 'openssl rand -hex 32'");
        }

        if (options.MaxMessageLength < 1)
        {
            problems.Add("maxMessageLength", "must be at least 1");
        }
    }
}
