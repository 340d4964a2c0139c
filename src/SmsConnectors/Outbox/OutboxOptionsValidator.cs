using Microsoft.Extensions.Options;
using SmsConnectors.Validation;

namespace SmsConnectors.Outbox;

internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        var problems = new OptionsProblems(name ?? string.Empty);
        problems.TextTemplates(options.Templates, "templates", required: false);
        if (options.Capacity < 1)
        {
            problems.Add("capacity", "must be at least 1");
        }

        return problems.ToResult();
    }
}
