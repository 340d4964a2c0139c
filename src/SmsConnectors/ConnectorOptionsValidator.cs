using Microsoft.Extensions.Options;
using SmsConnectors.Resilience;

namespace SmsConnectors;

/// <summary>Checks the settings every connector of a kind shares (response cap, resilience, rate limit); vendors check their own keys.</summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
internal sealed class ConnectorOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : SmsConnectorOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (options is not HttpSmsConnectorOptions http)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new OptionsProblems(name ?? string.Empty);
        if (http.MaxResponseBytes < 1)
        {
            problems.Add("MaxResponseBytes", "must be at least 1");
        }

        ResilienceOptionsChecks.Check(problems, http.Resilience, http.RateLimit);
        return problems.ToResult();
    }
}
