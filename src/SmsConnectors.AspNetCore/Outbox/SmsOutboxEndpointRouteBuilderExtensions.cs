using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsConnectors.AspNetCore;
using SmsConnectors.AspNetCore.Outbox;
using SmsConnectors.Outbox;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the live Outbox page of SmsConnectors.</summary>
public static partial class SmsOutboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a live page of the messages the Outbox connectors kept, for development: newest first,
    /// with time, connector, usage type, number, text and code, new ones appearing without a
    /// reload, a filter by number and a clear button. Under <paramref name="pattern"/>: <c>GET</c>
    /// the page (one self-contained HTML document), <c>GET messages</c> the messages as JSON,
    /// <c>GET events</c> a stream of them (server-sent events), and <c>DELETE messages</c> clears
    /// them (only with an <c>X-Requested-With</c> header, from the page's own origin). It needs no
    /// registration beyond <c>AddSmsConnectors(...)</c> with an Outbox connector.
    /// </summary>
    /// <param name="endpoints">The application's endpoints (<c>app</c>).</param>
    /// <param name="pattern">Where the page is, <c>/dev/sms</c> by default.</param>
    /// <param name="configure">Configures the page, for example to allow it outside Development.</param>
    /// <returns>The group of the page's endpoints, to add conventions to, for example <c>.RequireAuthorization()</c>.</returns>
    /// <exception cref="InvalidOperationException">
    /// The environment is not Development and <see cref="SmsOutboxPageOptions.AllowOutsideDevelopment"/> is not set;
    /// or no Outbox connector is registered.
    /// </exception>
    public static IEndpointConventionBuilder MapSmsOutbox(this IEndpointRouteBuilder endpoints, string pattern = "/dev/sms", Action<SmsOutboxPageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var options = new SmsOutboxPageOptions();
        configure?.Invoke(options);

        var services = endpoints.ServiceProvider;
        var environment = services.GetRequiredService<IHostEnvironment>();
        if (!environment.IsDevelopment() && !options.AllowOutsideDevelopment)
        {
            throw new InvalidOperationException(
                $"MapSmsOutbox(\"{pattern}\") refuses to map the Outbox page in the '{environment.EnvironmentName}' environment: the page shows "
                + "every SMS the Outbox connectors kept, with its number and code, so it is mapped only in Development. Map it only when "
                + "app.Environment.IsDevelopment(), or, for an environment where the Outbox is what sends (a shared test server), opt in "
                + "with app.MapSmsOutbox(\"" + pattern + "\", options => options.AllowOutsideDevelopment = true) and protect it, for "
                + "example with .RequireAuthorization().");
        }

        // Resolved now, so that an app without an Outbox connector fails at startup with the message that says how to add one.
        var outbox = services.GetService<ISmsOutbox>() ?? throw new InvalidOperationException(
            $"MapSmsOutbox(\"{pattern}\") shows the messages of SmsConnectors' Outbox connectors, but SmsConnectors is not registered: "
            + "call builder.Services.AddSmsConnectors(builder.Configuration.GetSection(\"SmsConnectors\")) with an Outbox connector "
            + "({ \"dev\": { \"Provider\": \"Outbox\" } }), or AddSmsConnectors().AddOutbox(\"dev\").");
        if (!environment.IsDevelopment())
        {
            var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(SmsConnectorsEndpoints.LogCategory);
            MappedOutsideDevelopment(logger, pattern, environment.EnvironmentName);
        }

        var page = new OutboxPage(outbox, services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetService<IHostApplicationLifetime>());
        var group = endpoints.MapGroup(pattern);
        group.MapGet(string.Empty, OutboxPage.ServePageAsync);
        group.MapGet("/messages", page.ServeMessagesAsync);
        group.MapGet("/events", page.StreamAsync);
        group.MapDelete("/messages", page.ClearAsync);
        group.ExcludeFromDescription();
        return group;
    }

    [LoggerMessage(110, LogLevel.Warning, "The SMS Outbox page, which shows every kept message with its number and code, is mapped at {Pattern} in the '{Environment}' environment (AllowOutsideDevelopment).")]
    private static partial void MappedOutsideDevelopment(ILogger logger, string pattern, string environment);
}
