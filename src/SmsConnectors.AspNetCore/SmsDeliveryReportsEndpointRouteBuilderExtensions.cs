using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsConnectors;
using SmsConnectors.AspNetCore;
using SmsConnectors.AspNetCore.DeliveryReports;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint that takes vendors' delivery reports.</summary>
public static class SmsDeliveryReportsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}/{connector}</c>: a vendor's call with delivery reports for the
    /// connector of that name (Seven's <c>dlr</c> webhook, Tencent's status callback, or your relay's
    /// reports to a Generic HTTP connector), verified with the connector's current options and handed
    /// to every registered <see cref="ISmsDeliveryReportHandler"/>, then answered as the vendor
    /// expects. Needs nothing but <c>AddSmsConnectors(...)</c>: with no handler registered, reports are
    /// still verified, counted and logged. Answers 404 for an unknown connector or one without
    /// delivery reports, 401 for a missing or wrong signature or token, 400 for a body that is not
    /// the vendor's, 413 for a body over 64 KiB, and 500 when a handler throws (the vendor sends the
    /// call again); every refusal is logged with its reason.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route prefix, for example <c>/sms/delivery-reports</c>.</param>
    /// <param name="configure">Configures the endpoint (<see cref="SmsDeliveryReportOptions.PublicBaseUrl"/> behind a proxy).</param>
    /// <returns>The endpoint's convention builder, to add authorization, rate limiting or other metadata.</returns>
    /// <exception cref="InvalidOperationException"><c>AddSmsConnectors(...)</c> was not called.</exception>
    /// <exception cref="ArgumentException"><see cref="SmsDeliveryReportOptions.PublicBaseUrl"/> is not an absolute http or https URL without a query.</exception>
    public static IEndpointConventionBuilder MapSmsDeliveryReports(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, Action<SmsDeliveryReportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var options = new SmsDeliveryReportOptions();
        configure?.Invoke(options);
        if (options.PublicBaseUrl is { } baseUrl
            && (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https") || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0))
        {
            throw new ArgumentException("PublicBaseUrl must be an absolute http or https URL without a query, for example https://api.example.com.", nameof(configure));
        }

        var services = endpoints.ServiceProvider;
        if (services.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(ISmsConnectorProvider)))
        {
            throw new InvalidOperationException("MapSmsDeliveryReports needs the SMS connectors: call services.AddSmsConnectors(...) first.");
        }

        var endpoint = new DeliveryReportEndpoint(
            options.PublicBaseUrl,
            (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(SmsConnectorsEndpoints.LogCategory),
            new DeliveryReportMetrics(services.GetService<IMeterFactory>()));
        return endpoints
            .MapPost(pattern.TrimEnd('/') + "/{" + DeliveryReportEndpoint.ConnectorRouteValue + "}", endpoint.HandleAsync)
            .WithDisplayName("SMS delivery reports");
    }
}
