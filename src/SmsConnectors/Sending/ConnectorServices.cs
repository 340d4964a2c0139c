using Microsoft.Extensions.Logging;
using SmsConnectors.Guard;
using SmsConnectors.Telemetry;

namespace SmsConnectors.Sending;

/// <summary>The shared services every connector is built with.</summary>
internal sealed class ConnectorServices(IHttpMessageHandlerFactory handlerFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory, SmsTelemetry telemetry, SendGuard guard)
{
    public SmsTelemetry Telemetry { get; } = telemetry;

    /// <summary>Gets the factory of the handlers a connector sends through (the same handlers its named <see cref="HttpClient"/> would wrap).</summary>
    public IHttpMessageHandlerFactory HandlerFactory { get; } = handlerFactory;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public SendGuard Guard { get; } = guard;
}
