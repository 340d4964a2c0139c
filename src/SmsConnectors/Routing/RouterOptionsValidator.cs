using SmsConnectors.DependencyInjection;
using SmsConnectors.Validation;

namespace SmsConnectors.Routing;

internal sealed class RouterOptionsValidator(SmsConnectorRegistry registry) : ConnectorOptionsValidator<RouterOptions>
{
    protected override void Check(OptionsProblems problems, RouterOptions options)
    {
        if (options.Routes.Count == 0 && string.IsNullOrWhiteSpace(options.Fallback))
        {
            problems.Add("routes", "must contain a route, or 'fallback' must be set");
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            var prefix = route.NormalizedPrefix;
            if (prefix.Length < 2 || prefix.Length > 16 || prefix.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
            {
                problems.Add($"routes:{i}:prefix", "must be '+' followed by 1 to 15 digits");
            }
            else if (!prefixes.Add(prefix))
            {
                problems.Add($"routes:{i}:prefix", $"repeats the prefix '{prefix}'");
            }

            problems.ConnectorReference(registry.Names, route.Connector, $"routes:{i}:connector");
        }

        if (!string.IsNullOrWhiteSpace(options.Fallback))
        {
            problems.ConnectorReference(registry.Names, options.Fallback, "fallback");
        }
    }
}
