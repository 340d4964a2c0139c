using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Validation;

namespace SmsConnectors.Routing;

internal sealed class FailoverOptionsValidator(SmsConnectorRegistry registry) : IValidateOptions<FailoverOptions>
{
    public ValidateOptionsResult Validate(string? name, FailoverOptions options)
    {
        var problems = new OptionsProblems(name ?? string.Empty);
        if (options.Connectors.Count == 0)
        {
            problems.Add("connectors", "must name at least one connector");
        }

        for (var i = 0; i < options.Connectors.Count; i++)
        {
            problems.ConnectorReference(registry.Names, options.Connectors[i], $"connectors:{i}");
        }

        return problems.ToResult();
    }
}
