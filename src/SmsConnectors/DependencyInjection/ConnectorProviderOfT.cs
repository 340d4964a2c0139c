using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SmsConnectors.Logging;
using SmsConnectors.Transport;
using SmsConnectors.Validation;

namespace SmsConnectors.DependencyInjection;

/// <summary>A kind of connector as its folder describes it once: its provider key, options, validator, and how it is bound and built.</summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
/// <typeparam name="TValidator">The validator of its options.</typeparam>
/// <param name="name">The <c>Provider</c> value.</param>
/// <param name="bind">Binds the options from a configuration section (with the binder's generated code for <typeparamref name="TOptions"/>).</param>
/// <param name="create">Builds the connector from the service provider and its name.</param>
internal sealed class ConnectorProvider<
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(
    string name,
    Action<TOptions, IConfigurationSection> bind,
    Func<IServiceProvider, string, ISmsConnector> create) : ConnectorProvider(name)
    where TOptions : class
    where TValidator : class, IValidateOptions<TOptions>
{
    /// <summary>Gets whether the connector calls its vendor over HTTP, and so gets a named <see cref="HttpClient"/>.</summary>
    public bool CallsHttp { get; init; }

    /// <summary>For composite connectors: the names of the connectors one sends through, read from its current options.</summary>
    public Func<IServiceProvider, string, IReadOnlyList<string>>? Children { get; init; }

    /// <summary>For a vendor: what an Outbox standing in for one of its connectors keeps (its text templates), read from its options.</summary>
    public Func<TOptions, OutboxStandIn>? StandIn { get; init; }

    public override OutboxStandIn? StandInFor(IServiceProvider services, string connectorName) =>
        StandIn?.Invoke(services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(connectorName));

    /// <remarks>
    /// A value the binder cannot convert is recorded for validation rather than thrown, so that a
    /// reload with such a value neither throws out of the reload nor stops the connector.
    /// </remarks>
    public override void Add(IServiceCollection services, SmsConnectorRegistry registry, string connectorName, IConfigurationSection section) =>
        Add(services, registry, connectorName, options =>
        {
            options.Configure(o => BindingProblems.Bind(o, instance => bind(instance, section)));
            services.AddSingleton<IOptionsChangeTokenSource<TOptions>>(new ConfigurationChangeTokenSource<TOptions>(connectorName, section));
        });

    /// <summary>
    /// Registers one connector: its named options (validated on start), its named
    /// <see cref="HttpClient"/> when it calls HTTP, and the connector as a keyed singleton under its name.
    /// </summary>
    public void Add(IServiceCollection services, SmsConnectorRegistry registry, string connectorName, Action<OptionsBuilder<TOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(connectorName);
        if (registry.TryAdd(Registration(connectorName)))
        {
            Register(services, registry, connectorName, configure);
        }
    }

    /// <summary>Puts a connector of this kind in the place of the connector registered under <paramref name="connectorName"/>.</summary>
    public void Replace(IServiceCollection services, SmsConnectorRegistry registry, string connectorName, Action<OptionsBuilder<TOptions>> configure)
    {
        registry.Replace(Registration(connectorName));
        foreach (var existing in services.Where(d => d.ServiceType == typeof(ISmsConnector) && d.IsKeyedService && Equals(d.ServiceKey, connectorName)).ToList())
        {
            services.Remove(existing);
        }

        Register(services, registry, connectorName, configure);
    }

    private ConnectorRegistration Registration(string connectorName)
    {
        var children = Children;
        return new ConnectorRegistration(connectorName, Name)
        {
            Kind = this,
            Children = children is null ? null : provider => children(provider, connectorName),
        };
    }

    private void Register(IServiceCollection services, SmsConnectorRegistry registry, string connectorName, Action<OptionsBuilder<TOptions>> configure)
    {
        var options = services.AddOptions<TOptions>(connectorName);
        configure(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>(provider =>
        {
            var validator = ActivatorUtilities.CreateInstance<TValidator>(provider);
            if (validator is ConnectorOptionsValidator<TOptions> connectorValidator)
            {
                connectorValidator.Logger = (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(SmsLog.Category);
            }

            return validator;
        }));
        if (CallsHttp)
        {
            // The connector logs each send itself, number masked; the factory's four lines per
            // request would repeat it with the vendor's URL (an app can add them back with AddDefaultLogger).
            services.AddHttpClient(ConnectorHttpHandler.ClientName(connectorName))
                .RemoveAllLoggers()
                .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(provider => registry.PrimaryHandlerFor(connectorName)?.Invoke(provider) ?? ConnectorHttpHandler.Create(
                    ConnectTimeout(provider.GetRequiredService<IOptionsMonitor<TOptions>>(), connectorName),
                    provider.GetRequiredService<TimeProvider>()));
        }

        services.AddKeyedSingleton<ISmsConnector>(connectorName, (provider, _) => create(provider, connectorName));
    }

    /// <summary>Reads the connect timeout in force when a connection is opened: the current options', else the last valid ones'.</summary>
    private static Func<TimeSpan> ConnectTimeout(IOptionsMonitor<TOptions> monitor, string connectorName)
    {
        var last = Resilience.SmsResilienceOptions.DefaultConnectTimeout;
        return () =>
        {
            try
            {
                var options = monitor.Get(connectorName);
                if ((ReloadTolerance.TryGetRejection(options, out var rejection) ? rejection.LastValid : options) is SmsVendorOptions vendor)
                {
                    last = vendor.Resilience.ConnectTimeout;
                }
            }
            catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
            {
                // A rejected reload: keep the last valid timeout, as the connector keeps its last valid options.
            }

            return last;
        };
    }
}
