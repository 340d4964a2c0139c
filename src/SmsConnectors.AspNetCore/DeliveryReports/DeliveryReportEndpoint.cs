using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmsConnectors.AspNetCore.DeliveryReports;

/// <summary>
/// <c>POST {pattern}/{connector}</c>: reads the body (at most 64 KiB), finds the connector and its
/// <see cref="ISmsDeliveryReportReader"/>, has it verify and parse the call, hands every report to
/// every <see cref="ISmsDeliveryReportHandler"/>, then answers as the vendor expects. Each report is
/// counted and logged once it is handled; each refusal is counted and logged with its reason.
/// </summary>
/// <param name="publicBaseUrl">The app's public address, which replaces the request's scheme, host and path base in the URL a signature covers.</param>
/// <param name="logger">The endpoint's logger.</param>
/// <param name="metrics">The endpoint's instruments.</param>
internal sealed class DeliveryReportEndpoint(Uri? publicBaseUrl, ILogger logger, DeliveryReportMetrics metrics)
{
    /// <summary>The route value that names the connector.</summary>
    public const string ConnectorRouteValue = "connector";

    /// <summary>The largest body read: 64 KiB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The longest connector name from a URL that is repeated in the log.</summary>
    private const int MaxShownNameLength = 64;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var name = context.GetRouteValue(ConnectorRouteValue) as string ?? string.Empty;

        if (request.ContentLength > MaxBodyBytes)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, ShownName(name), registered: null, string.Create(CultureInfo.InvariantCulture, $"the body is {request.ContentLength} bytes, more than the {MaxBodyBytes} allowed"));
            return;
        }

        byte[]? body;
        try
        {
            body = await RequestBody.ReadAsync(request.Body, MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The vendor went away (or sent a broken body) before the body was read; it gets no answer and sends the call again.
            DeliveryReportLog.Abandoned(logger, ShownName(name));
            return;
        }

        if (body is null)
        {
            Refuse(context, StatusCodes.Status413PayloadTooLarge, ShownName(name), registered: null, $"the body is more than the {MaxBodyBytes} bytes allowed");
            return;
        }

        var connectors = context.RequestServices.GetRequiredService<ISmsConnectorProvider>();
        if (!connectors.TryGet(name, out var connector))
        {
            Refuse(context, StatusCodes.Status404NotFound, ShownName(name), registered: null, "no SMS connector has that name");
            return;
        }

        if (connector is not ISmsDeliveryReportReader reader)
        {
            Refuse(context, StatusCodes.Status404NotFound, Quoted(connector.Name), connector.Name, "the connector takes no delivery reports (Seven, Tencent Cloud SMS and Generic HTTP connectors do)");
            return;
        }

        var call = new SmsDeliveryReportRequest(
            request.Method,
            UrlOf(request),
            body,
            header => request.Headers.TryGetValue(header, out var values) ? values.ToString() : null,
            parameter => request.Query.TryGetValue(parameter, out var values) ? values.ToString() : null);
        SmsDeliveryReportResult result;
        try
        {
            result = await reader.ReadDeliveryReportsAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DeliveryReportLog.Abandoned(logger, connector.Name);
            return;
        }
        catch (Exception exception)
        {
            // The connector's own failures (no valid configuration, disposed) name no number or secret.
            DeliveryReportLog.ReaderFailed(logger, connector.Name, $"{exception.GetType().Name}: {exception.Message}");
            metrics.Refused(StatusCodes.Status500InternalServerError, connector.Name);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        if (!result.IsAccepted)
        {
            Refuse(context, result.StatusCode, Quoted(connector.Name), connector.Name, result.Reason ?? "the connector refused the call");
            return;
        }

        if (result.Reports.Count == 0 && result.Reason is { } reason)
        {
            DeliveryReportLog.Ignored(logger, connector.Name, reason);
        }

        var handlers = context.RequestServices.GetServices<ISmsDeliveryReportHandler>().ToList();
        foreach (var report in result.Reports)
        {
            foreach (var handler in handlers)
            {
                try
                {
                    await handler.HandleAsync(report, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    result.NotProcessed();
                    DeliveryReportLog.Abandoned(logger, connector.Name);
                    return;
                }
                catch (Exception exception)
                {
                    result.NotProcessed();
                    DeliveryReportLog.HandlerFailed(logger, handler.GetType().FullName ?? handler.GetType().Name, report.MessageId, connector.Name, Masked(report.Recipient), NumberMasking.Redact(exception.ToString(), report.Recipient));
                    metrics.Refused(StatusCodes.Status500InternalServerError, connector.Name);
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    return;
                }
            }
        }

        // Without a handler nothing else records a report, so the log does, at Information.
        var level = handlers.Count == 0 ? LogLevel.Information : LogLevel.Debug;
        foreach (var report in result.Reports)
        {
            metrics.Reported(report);
            DeliveryReportLog.Received(logger, level, report);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        if (result.Acknowledgement is { } acknowledgement)
        {
            context.Response.ContentType = result.AcknowledgementContentType ?? "text/plain; charset=utf-8";
            await context.Response.WriteAsync(acknowledgement, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The full URL the vendor called: the request's own, or, with a public base URL, that address
    /// followed by the request's path below the app's path base and its query.
    /// </summary>
    private string UrlOf(HttpRequest request) =>
        publicBaseUrl is { } baseUrl
            ? baseUrl.AbsoluteUri.TrimEnd('/') + request.Path.ToUriComponent() + request.QueryString.ToUriComponent()
            : UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, request.QueryString);

    private void Refuse(HttpContext context, int statusCode, string shownName, string? registered, string reason)
    {
        DeliveryReportLog.Refused(logger, shownName, statusCode, reason);
        metrics.Refused(statusCode, registered);
        context.Response.StatusCode = statusCode;
    }

    private static string Masked(string? recipient) => DeliveryReportLog.Masked(recipient);

    private static string Quoted(string name) => $"'{name}'";

    /// <summary>
    /// A connector name from the URL, quoted, when it could be one: at most 64 letters, digits, '-',
    /// '_' and '.', with fewer than seven digits (so that a number in the URL is never logged).
    /// </summary>
    private static string ShownName(string name) =>
        name.Length is > 0 and <= MaxShownNameLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && name.Count(char.IsAsciiDigit) < 7
            ? Quoted(name)
            : "(a name from the URL that is not shown)";
}
