using Microsoft.Extensions.Configuration;
using SmsConnectors;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Guard;

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

    /// <summary>
    /// Gets the <c>SmsConnectors</c> configuration section the builder was created from, or
    /// <see langword="null"/> when connectors are added in code only. Packages read their own keys
    /// from it (<c>Guard:Redis</c>).
    /// </summary>
    public IConfiguration? Configuration { get; internal set; }

    /// <summary>
    /// Turns the abuse guard on (or changes it, after <c>SmsConnectors:Guard</c>) with
    /// <paramref name="configure"/>; see <see cref="SmsGuardOptions"/>.
    /// </summary>
    /// <param name="configure">Configures the guard.</param>
    /// <returns>This builder.</returns>
    public SmsConnectorsBuilder AddGuard(Action<SmsGuardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<SmsConnectorsOptions>(options => configure(options.Guard ??= new SmsGuardOptions()));
        return this;
    }

    /// <summary>
    /// Registers a store for the guard's counters and idempotency keys under <paramref name="name"/>,
    /// the value of <c>Guard:Store</c> that selects it. When <c>Guard:Store</c> is not set, the last
    /// store registered this way is used. Packages call this (<c>AddRedisStore</c>).
    /// </summary>
    /// <param name="name">The store's name (<c>Redis</c>).</param>
    /// <param name="createStore">Creates the store; called once, when the guard first uses it.</param>
    /// <returns>This builder.</returns>
    public SmsConnectorsBuilder AddGuardStore(string name, Func<IServiceProvider, ISmsGuardStore> createStore)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(createStore);
        Services.AddSingleton(new GuardStoreRegistration(name.Trim(), createStore));
        return this;
    }

    /// <summary>Sets which connector is the default <see cref="ISmsConnector"/>.</summary>
    /// <param name="name">The connector's name.</param>
    /// <returns>This builder.</returns>
    public SmsConnectorsBuilder SetDefaultConnector(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Services.Configure<SmsConnectorsOptions>(options => options.DefaultConnector = name);
        return this;
    }

    /// <summary>
    /// Puts <paramref name="configureHandler"/>'s handler under every vendor connector's
    /// <see cref="HttpClient"/> in place of the library's own (a proxy, a test double). The
    /// library's handler does not follow redirects and opens connections within
    /// <c>Resilience:ConnectTimeout</c>; a handler of yours should not follow redirects either.
    /// </summary>
    /// <param name="configureHandler">Creates the handler; called whenever the client factory builds a handler.</param>
    /// <returns>This builder.</returns>
    public SmsConnectorsBuilder ConfigurePrimaryHttpMessageHandler(Func<IServiceProvider, HttpMessageHandler> configureHandler)
    {
        ArgumentNullException.ThrowIfNull(configureHandler);
        Registry.PrimaryHandler = configureHandler;
        return this;
    }

    /// <summary>Puts <paramref name="configureHandler"/>'s handler under the named connector's <see cref="HttpClient"/>; see the overload for all connectors.</summary>
    /// <param name="connectorName">The connector's name.</param>
    /// <param name="configureHandler">Creates the handler.</param>
    /// <returns>This builder.</returns>
    public SmsConnectorsBuilder ConfigurePrimaryHttpMessageHandler(string connectorName, Func<IServiceProvider, HttpMessageHandler> configureHandler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorName);
        ArgumentNullException.ThrowIfNull(configureHandler);
        Registry.PrimaryHandlers[connectorName] = configureHandler;
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
