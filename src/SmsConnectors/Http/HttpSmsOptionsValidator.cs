using Microsoft.Extensions.Options;

namespace SmsConnectors.Http;

internal sealed class HttpSmsOptionsValidator : IValidateOptions<HttpSmsOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSmsOptions options)
    {
        var problems = new OptionsProblems(name ?? string.Empty);
        foreach (var (key, problem) in options.ConfigurationProblems)
        {
            problems.Add(key, problem);
        }

        foreach (var (key, problem) in options.Plan().Problems)
        {
            problems.Add(key, problem);
        }

        problems.TextTemplates(options.Templates, "templates", required: false);
        return problems.ToResult();
    }
}
