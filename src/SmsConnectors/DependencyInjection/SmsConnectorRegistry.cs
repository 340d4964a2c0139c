namespace SmsConnectors.DependencyInjection;

/// <summary>The connectors registered so far, and what was wrong with any registration, checked at startup.</summary>
internal sealed class SmsConnectorRegistry
{
    private readonly List<ConnectorRegistration> _connectors = [];
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _refused = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ConnectorRegistration> Connectors => _connectors;

    public IReadOnlyList<string> Names => [.. _connectors.Select(c => c.Name)];

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

    /// <summary>Puts <paramref name="registration"/> in the place of the registration of the same name.</summary>
    public void Replace(ConnectorRegistration registration)
    {
        var index = _connectors.FindIndex(c => string.Equals(c.Name, registration.Name, StringComparison.OrdinalIgnoreCase));
        _connectors[index] = registration with { Name = _connectors[index].Name };
    }

    /// <summary>Gets or sets the primary handler an application put under every connector's client, if any.</summary>
    public Func<IServiceProvider, HttpMessageHandler>? PrimaryHandler { get; set; }

    /// <summary>Gets the primary handlers an application put under one connector's client.</summary>
    public Dictionary<string, Func<IServiceProvider, HttpMessageHandler>> PrimaryHandlers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The application's primary handler for the connector's client, if it set one.</summary>
    public Func<IServiceProvider, HttpMessageHandler>? PrimaryHandlerFor(string connectorName) =>
        PrimaryHandlers.TryGetValue(connectorName, out var handler) ? handler : PrimaryHandler;

    /// <summary>Records why the connector named <paramref name="name"/> could not be registered.</summary>
    public void Refuse(string name, string problem)
    {
        _refused.Add(name);
        _problems.Add($"SMS connector '{name}': {problem}");
    }

    /// <summary>Gets whether any configured connector was refused (its own problem is reported already).</summary>
    public bool RefusedAny => _refused.Count > 0;

    /// <summary>Whether a connector of this name was configured but refused (its own problem is reported already).</summary>
    public bool WasRefused(string name) => _refused.Contains(name);

    public ConnectorRegistration? Find(string name) =>
        _connectors.Find(connector => string.Equals(connector.Name, name, StringComparison.OrdinalIgnoreCase));
}
