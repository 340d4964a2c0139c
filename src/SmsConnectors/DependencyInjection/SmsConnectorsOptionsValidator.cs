using Microsoft.Extensions.Options;
using SmsConnectors.Guard;
using SmsConnectors.Validation;

namespace SmsConnectors.DependencyInjection;

/// <summary>Checks the connector set as a whole at startup: registrations, providers, the default, composite cycles, and the guard.</summary>
internal sealed class SmsConnectorsOptionsValidator(SmsConnectorRegistry registry, GuardStores stores, IServiceProvider services) : IValidateOptions<SmsConnectorsOptions>
{
    private readonly ReloadTolerance _tolerance = new();

    public ValidateOptionsResult Validate(string? name, SmsConnectorsOptions options)
    {
        var problems = new List<string>(registry.Problems);
        var connectors = registry.Connectors;
        var names = string.Join(", ", connectors.Select(c => c.Name));
        if (connectors.Count == 0 && !registry.RefusedAny)
        {
            problems.Add("No SMS connector is registered: add one under 'SmsConnectors:Connectors' (for example { \"dev\": { \"Provider\": \"Outbox\" } }) or with AddSmsConnectors().AddOutbox(...).");
        }
        else if (string.IsNullOrWhiteSpace(options.DefaultConnector))
        {
            if (connectors.Count > 1)
            {
                problems.Add($"'SmsConnectors:DefaultConnector' is required when several connectors are registered; choose one of: {names}.");
            }
        }
        else if (registry.Find(options.DefaultConnector) is null && !registry.WasRefused(options.DefaultConnector))
        {
            problems.Add($"'SmsConnectors:DefaultConnector' names '{options.DefaultConnector}', which is not a registered connector; registered: {names}.");
        }

        if (FindCycle() is { } cycle)
        {
            problems.Add($"SMS connector '{cycle[0]}': composite connectors must not send through themselves: {string.Join(" -> ", cycle)}.");
        }

        if (options.Guard is { } guard)
        {
            problems.AddRange(GuardOptionsChecks.Problems(guard, stores));
        }

        return _tolerance.Apply(name, options, problems);
    }

    private List<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();
        foreach (var connector in registry.Connectors)
        {
            if (Visit(connector.Name) is { } cycle)
            {
                return cycle;
            }
        }

        return null;

        List<string>? Visit(string current)
        {
            var index = path.FindIndex(n => string.Equals(n, current, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                return [.. path[index..], current];
            }

            if (!done.Add(current) || registry.Find(current) is not { Children: { } children })
            {
                return null;
            }

            path.Add(current);
            foreach (var child in ChildrenOf(children))
            {
                if (Visit(child) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }
    }

    private IReadOnlyList<string> ChildrenOf(Func<IServiceProvider, IReadOnlyList<string>> children)
    {
        try
        {
            return children(services);
        }
        catch (OptionsValidationException)
        {
            return []; // the composite's own validation reports what is wrong with it
        }
    }
}
