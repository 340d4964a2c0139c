using SmsConnectors.DependencyInjection;
using SmsConnectors.Validation;

namespace SmsConnectors.Routing;

internal sealed class FailoverOptionsValidator(SmsConnectorRegistry registry) : ConnectorOptionsValidator<FailoverOptions>
{
    protected override void Check(OptionsProblems problems, FailoverOptions options)
    {
        if (options.Connectors.Count == 0)
        {
            problems.Add("connectors", "must name at least one connector");
        }

        for (var i = 0; i < options.Connectors.Count; i++)
        {
            problems.ConnectorReference(registry.Names, options.Connectors[i], $"connectors:{i}");
        }
    }
}
