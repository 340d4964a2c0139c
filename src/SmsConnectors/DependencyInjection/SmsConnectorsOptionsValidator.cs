using Microsoft.Extensions.Options;

namespace SmsConnectors.DependencyInjection;

/// <summary>Checks the connector set as a whole at startup: registrations, providers and the default.</summary>
internal sealed class SmsConnectorsOptionsValidator(SmsConnectorRegistry registry) : IValidateOptions<SmsConnectorsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsConnectorsOptions options)
    {
        var problems = new List<string>(registry.Problems);
        var connectors = registry.Connectors;
        if (connectors.Count == 0)
        {
            problems.Add("No SMS connector is registered: add one under 'SmsConnectors:Connectors' (for example { \"dev\": { \"Provider\": \"Outbox\" } }) or with AddSmsConnectors().AddOutbox(...).");
        }
        else if (string.IsNullOrWhiteSpace(options.DefaultConnector))
        {
            if (connectors.Count > 1)
            {
                problems.Add($"'SmsConnectors:DefaultConnector' is required when several connectors are registered; choose one of: {string.Join(", ", connectors.Select(c => c.Name))}.");
            }
        }
        else if (registry.Find(options.DefaultConnector) is null)
        {
            problems.Add($"'SmsConnectors:DefaultConnector' names '{options.DefaultConnector}', which is not a registered connector; registered: {string.Join(", ", connectors.Select(c => c.Name))}.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
