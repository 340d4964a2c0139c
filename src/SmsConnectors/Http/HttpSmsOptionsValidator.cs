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
        if (options.MaxMessageLength < 1)
        {
            problems.Add("maxMessageLength", "must be at least 1");
        }
    }
}
