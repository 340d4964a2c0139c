using Microsoft.Extensions.Configuration;
using SmsConnectors;
using SmsConnectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds SMS connectors to a service collection; returned by <c>AddSmsConnectors</c>.</summary>
public sealed class SmsConnectorsBuilder
{
    internal SmsConnectorsBuilder(IServiceCollection services, SmsConnectorRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>Gets the service collection the connectors are added to.</summary>
    public IServiceCollection Services { get; }

    internal SmsConnectorRegistry Registry { get; }

    /// <summary>Sets which connector is the default <see cref="ISmsConnector"/>.</summary>
    /// <param name="name">The connector's name.</param>
    /// <returns>This builder.</returns>
    public SmsConnectorsBuilder SetDefaultConnector(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.Configure<SmsConnectorsOptions>(options => options.DefaultConnector = name);
        return this;
    }

    /// <summary>Registers every connector under <paramref name="connectors"/> by its <c>Provider</c> key.</summary>
    internal void AddFromConfiguration(IConfigurationSection connectors)
    {
        var providers = SmsConnectorsBuilderExtensions.Providers;
        var known = string.Join(", ", providers.Select(p => p.Name));
        foreach (var section in connectors.GetChildren())
        {
            var name = section["Provider"];
            var provider = providers.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (provider is not null)
            {
                provider.Add(Services, Registry, section.Key, section);
            }
            else
            {
                Registry.Refuse(section.Key, string.IsNullOrWhiteSpace(name)
                    ? $"'Provider' is required; one of: {known}."
                    : $"'Provider' is '{name}', which is not known; one of: {known}.");
            }
        }
    }
}
