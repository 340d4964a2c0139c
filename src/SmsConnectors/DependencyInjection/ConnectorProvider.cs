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

    /// <summary>What an Outbox standing in for the connector named <paramref name="connectorName"/> keeps; <see langword="null"/> when this kind needs no stand-in (it reaches no vendor itself).</summary>
    public virtual OutboxStandIn? StandInFor(IServiceProvider services, string connectorName) => null;
}
