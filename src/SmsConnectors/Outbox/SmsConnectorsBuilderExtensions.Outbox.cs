using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;
using SmsConnectors.Outbox;
using SmsConnectors.Sending;

namespace Microsoft.Extensions.DependencyInjection;

public static partial class SmsConnectorsBuilderExtensions
{
    private static readonly ConnectorProvider<OutboxOptions, OutboxOptionsValidator> OutboxProvider = new(
        OutboxConnector.Provider,
        static (options, section) => section.Bind(options),
        static (services, name) => new OutboxConnector(
            name,
            services.GetRequiredService<IOptionsMonitor<OutboxOptions>>(),
            services.GetRequiredService<SmsOutbox>(),
            services.GetRequiredService<ConnectorServices>(),
            services.GetService<IHostEnvironment>()?.ContentRootPath));

    /// <summary>
    /// Adds an Outbox connector: it renders each message and keeps it in <see cref="ISmsOutbox"/>
    /// (and optionally a file) instead of sending it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The connector's name.</param>
    /// <param name="configure">Configures the connector's options.</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder AddOutbox(this SmsConnectorsBuilder builder, string name, Action<OutboxOptions>? configure = null) =>
        builder.Add(OutboxProvider, name, configure);

    /// <summary>
    /// Replaces every connector that would reach a vendor by an Outbox connector of the same name,
    /// keeping its text templates (a Tencent connector's texts live at Tencent, so its stand-in uses
    /// the Outbox's default text) and the default connector; composite connectors stay and send
    /// through the stand-ins. Call it after the application's own registration, for example in
    /// <c>WebApplicationFactory.ConfigureTestServices</c>, so that tests read each message from
    /// <see cref="ISmsOutbox"/> and nothing reaches a vendor.
    /// </summary>
    /// <param name="builder">The builder (<c>services.AddSmsConnectors()</c>).</param>
    /// <returns>The builder.</returns>
    public static SmsConnectorsBuilder ReplaceConnectorsWithOutbox(this SmsConnectorsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var registration in builder.Registry.Connectors.ToList())
        {
            if (registration.Kind is { } kind && kind is not ConnectorProvider<OutboxOptions, OutboxOptionsValidator> && registration.Children is null)
            {
                var name = registration.Name;
                OutboxProvider.Replace(builder.Services, builder.Registry, name, options => options.Configure<IServiceProvider>((outbox, services) =>
                {
                    if (kind.StandInFor(services, name) is { } standIn)
                    {
                        outbox.Templates = [.. standIn.Templates];
                        outbox.AllowUnresolvedPlaceholders = standIn.AllowUnresolvedPlaceholders;
                    }
                }));
            }
        }

        return builder;
    }
}
