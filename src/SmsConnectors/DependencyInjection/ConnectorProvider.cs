using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SmsConnectors.DependencyInjection;

/// <summary>One kind of connector, named by the <c>Provider</c> key: how a connector of this kind is registered.</summary>
internal abstract class ConnectorProvider(string name)
{
    /// <summary>Gets the <c>Provider</c> value that selects this kind (<c>Seven</c>, <c>Outbox</c>, ...).</summary>
    public string Name { get; } = name;

    /// <summary>Registers a connector of this kind whose options come from <paramref name="section"/>.</summary>
    public abstract void Add(IServiceCollection services, SmsConnectorRegistry registry, string connectorName, IConfigurationSection section);
}
