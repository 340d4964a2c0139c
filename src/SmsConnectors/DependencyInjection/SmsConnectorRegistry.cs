namespace SmsConnectors.DependencyInjection;

/// <summary>The connectors registered so far, and what was wrong with any registration, checked at startup.</summary>
internal sealed class SmsConnectorRegistry
{
    private readonly List<(string Name, string Provider)> _connectors = [];
    private readonly List<string> _problems = [];

    public IReadOnlyList<(string Name, string Provider)> Connectors => _connectors;

    public IReadOnlyList<string> Problems => _problems;

    public bool TryAdd(string name, string provider)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            _problems.Add("An SMS connector's name must not be empty.");
            return false;
        }

        if (Find(name) is { } existing)
        {
            _problems.Add($"SMS connector '{name}': the name is already used by the {existing.Provider} connector '{existing.Name}' (names are case-insensitive).");
            return false;
        }

        _connectors.Add((name, provider));
        return true;
    }

    public void AddProblem(string problem) => _problems.Add(problem);

    public (string Name, string Provider)? Find(string name)
    {
        foreach (var connector in _connectors)
        {
            if (string.Equals(connector.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return connector;
            }
        }

        return null;
    }
}
