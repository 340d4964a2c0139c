using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds connectors to an <see cref="SmsConnectorsBuilder"/>: one <c>Add</c> method per kind of
/// connector, each declared in its kind's folder.
/// </summary>
public static partial class SmsConnectorsBuilderExtensions
{
    /// <summary>Every kind of connector the <c>Provider</c> key can name. A new vendor adds its line here.</summary>
    internal static IReadOnlyList<ConnectorProvider> Providers =>
        [SevenProvider, TencentProvider, SmsAeroProvider, HttpProvider, OutboxProvider, FailoverProvider, RouterProvider];

    /// <summary>Registers a connector of <paramref name="provider"/>'s kind configured in code.</summary>
    private static SmsConnectorsBuilder Add<TOptions, TValidator>(
        this SmsConnectorsBuilder builder, ConnectorProvider<TOptions, TValidator> provider, string name, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        provider.Add(builder.Services, builder.Registry, name, options =>
        {
            if (configure is not null)
            {
                options.Configure(configure);
            }
        });
        return builder;
    }
}
