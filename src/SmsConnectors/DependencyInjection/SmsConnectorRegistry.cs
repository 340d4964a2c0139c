namespace SmsConnectors.DependencyInjection;

/// <summary>One registered connector.</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Provider">Its kind (<c>Seven</c>, <c>Outbox</c>, <c>Failover</c>, ...).</param>
internal sealed record ConnectorRegistration(string Name, string Provider)
{
    /// <summary>For composite connectors: the names of the connectors it sends through, read from its current options.</summary>
    public Func<IServiceProvider, IReadOnlyList<string>>? Children { get; init; }
}

/// <summary>The connectors registered so far, and what was wrong with any registration, checked at startup.</summary>
internal sealed class SmsConnectorRegistry
{
    private readonly List<ConnectorRegistration> _connectors = [];
    private readonly List<string> _problems = [];

    public IReadOnlyList<ConnectorRegistration> Connectors => _connectors;

    public IReadOnlyList<string> Problems => _problems;

    public bool TryAdd(ConnectorRegistration registration)
    {
        if (string.IsNullOrWhiteSpace(registration.Name))
        {
            _problems.Add("An SMS connector's name must not be empty.");
            return false;
        }

        if (Find(registration.Name) is { } existing)
        {
            _problems.Add($"SMS connector '{registration.Name}': the name is already used by the {existing.Provider} connector '{existing.Name}' (names are case-insensitive).");
            return false;
        }

        _connectors.Add(registration);
        return true;
    }

    public void AddProblem(string problem) => _problems.Add(problem);

    public ConnectorRegistration? Find(string name) =>
        _connectors.Find(connector => string.Equals(connector.Name, name, StringComparison.OrdinalIgnoreCase));
}
