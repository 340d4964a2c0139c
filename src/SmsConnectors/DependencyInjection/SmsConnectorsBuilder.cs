using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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

    /// <summary>
    /// Registers one connector: its named options (validated on start), its named
    /// <see cref="HttpClient"/>, and the connector as a keyed singleton under its name.
    /// </summary>
    internal SmsConnectorsBuilder AddConnector<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        string name,
        string provider,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Func<IServiceProvider, string, ISmsConnector> create,
        Func<IServiceProvider, string, IReadOnlyList<string>>? children = null)
        where TOptions : SmsConnectorOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(name);
        var registration = new ConnectorRegistration(name, provider)
        {
            Children = children is null ? null : services => children(services, name),
        };
        if (!Registry.TryAdd(registration))
        {
            return this;
        }

        var options = Services.AddOptions<TOptions>(name);
        configureOptions(options);
        options.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, ConnectorOptionsValidator<TOptions>>());
        Services.AddHttpClient(SmsConnectorServices.HttpClientName(name))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => SmsConnectorServices.CreateHandler(
                services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name) as HttpSmsConnectorOptions));
        Services.AddKeyedSingleton<ISmsConnector>(name, (services, _) => create(services, name));
        return this;
    }

    /// <summary>Registers a vendor connector, whose constructor takes its name, its options and the shared services.</summary>
    internal SmsConnectorsBuilder AddVendor<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
        string name,
        string provider,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Func<string, IOptionsMonitor<TOptions>, SmsConnectorServices, ISmsConnector> create)
        where TOptions : HttpSmsConnectorOptions
        where TValidator : class, IValidateOptions<TOptions> =>
        AddConnector<TOptions, TValidator>(name, provider, configureOptions, (services, connectorName) => create(
            connectorName,
            services.GetRequiredService<IOptionsMonitor<TOptions>>(),
            services.GetRequiredService<SmsConnectorServices>()));

    /// <summary>The options step for a connector configured in code: <paramref name="configure"/>, when given.</summary>
    internal static Action<OptionsBuilder<TOptions>> FromCode<TOptions>(Action<TOptions>? configure)
        where TOptions : class =>
        options =>
        {
            if (configure is not null)
            {
                options.Configure(configure);
            }
        };

    /// <summary>Registers every connector under <paramref name="connectors"/> by its <c>Provider</c> key.</summary>
    internal void AddFromConfiguration(IConfigurationSection connectors)
    {
        foreach (var section in connectors.GetChildren())
        {
            var provider = section["Provider"];
            if (string.IsNullOrWhiteSpace(provider))
            {
                Registry.AddProblem($"SMS connector '{section.Key}': 'Provider' is required; one of: {string.Join(", ", ConfigurationProviders.Keys)}.");
            }
            else if (ConfigurationProviders.TryGetValue(provider, out var add))
            {
                add(this, section.Key, section);
            }
            else
            {
                Registry.AddProblem($"SMS connector '{section.Key}': 'Provider' is '{provider}', which is not known; one of: {string.Join(", ", ConfigurationProviders.Keys)}.");
            }
        }
    }

    /// <summary>How each <c>Provider</c> value registers its connector from a configuration section.</summary>
    private static readonly Dictionary<string, Action<SmsConnectorsBuilder, string, IConfigurationSection>> ConfigurationProviders =
        new(StringComparer.OrdinalIgnoreCase)
        {
            ["Outbox"] = (builder, name, section) => builder.AddOutbox(name, section),
            ["Seven"] = (builder, name, section) => builder.AddSeven(name, section),
            ["SmsAero"] = (builder, name, section) => builder.AddSmsAero(name, section),
            ["Http"] = (builder, name, section) => builder.AddHttp(name, section),
            ["Failover"] = (builder, name, section) => builder.AddFailover(name, section),
            ["Router"] = (builder, name, section) => builder.AddRouter(name, section),
            ["Tencent"] = (builder, name, section) => builder.AddTencent(name, section),
        };
}
