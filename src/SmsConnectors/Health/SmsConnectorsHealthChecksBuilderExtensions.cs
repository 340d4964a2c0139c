using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the SMS connectors' health checks.</summary>
public static class SmsConnectorsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds one health check per registered SMS connector, named <c>sms:&lt;connector&gt;</c> and
    /// tagged <c>sms</c>: <c>Healthy</c> when its configuration is valid and its circuit closed,
    /// <c>Degraded</c> when its circuit is open, when it runs on its last valid configuration after a
    /// rejected reload, or when its balance (read when its <c>HealthCheck:CheckBalance</c> is on) is
    /// below <c>HealthCheck:MinimumBalance</c>, <c>Unhealthy</c> when it cannot send at all. Connectors
    /// registered after this call are checked too.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddSmsConnectors(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(sp => new BalanceCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, ConnectorHealthRegistrations>());
        return builder;
    }

    /// <summary>Adds a check for every connector in the registry when the health check options are built, after every registration.</summary>
    private sealed class ConnectorHealthRegistrations(IServiceProvider services) : IConfigureOptions<HealthCheckServiceOptions>
    {
        public void Configure(HealthCheckServiceOptions options)
        {
            var registry = services.GetService<SmsConnectorRegistry>();
            foreach (var connector in registry?.Connectors ?? [])
            {
                var (name, provider) = (connector.Name, connector.Provider);
                options.Registrations.Add(new HealthCheckRegistration(
                    $"sms:{name}",
                    sp => new SmsConnectorHealthCheck(name, provider, sp, sp.GetRequiredService<BalanceCache>()),
                    failureStatus: null,
                    tags: ["sms"]));
            }
        }
    }
}
