using Microsoft.Extensions.Logging;
using SmsConnectors.Telemetry;

namespace SmsConnectors.Sending;

/// <summary>The shared services every connector is built with.</summary>
internal sealed class ConnectorServices(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory, SmsTelemetry telemetry)
{
    public SmsTelemetry Telemetry { get; } = telemetry;

    public IHttpClientFactory HttpClientFactory { get; } = httpClientFactory;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
