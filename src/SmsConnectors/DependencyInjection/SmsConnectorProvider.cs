using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SmsConnectors.DependencyInjection;

internal sealed class SmsConnectorProvider(IServiceProvider services, SmsConnectorRegistry registry, IOptions<SmsConnectorsOptions> options)
    : ISmsConnectorProvider
{
    public IReadOnlyList<string> Names { get; } = registry.Names;

    public string DefaultName
    {
        get
        {
            var configured = options.Value.DefaultConnector;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return registry.Find(configured)?.Name ?? throw NotFound(configured);
            }

            return Names.Count == 1
                ? Names[0]
                : throw new SmsConnectorException(SmsErrorCode.InvalidConfig, "'SmsConnectors:DefaultConnector' is required when several connectors are registered.") { MayHaveBeenSent = false };
        }
    }

    public ISmsConnector Default => Get(DefaultName);

    public ISmsConnector Get(string name) =>
        TryGet(name, out var connector) ? connector : throw NotFound(name);

    public bool TryGet(string name, [NotNullWhen(true)] out ISmsConnector? connector)
    {
        ArgumentNullException.ThrowIfNull(name);
        connector = registry.Find(name) is { } found ? services.GetRequiredKeyedService<ISmsConnector>(found.Name) : null;
        return connector is not null;
    }

    private SmsConnectorException NotFound(string name) =>
        new(SmsErrorCode.InvalidConfig, $"No SMS connector is named '{name}'; registered: {string.Join(", ", Names)}.") { MayHaveBeenSent = false };
}
