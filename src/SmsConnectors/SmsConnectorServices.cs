using Microsoft.Extensions.Logging;

namespace SmsConnectors;

/// <summary>The shared services every connector is built with.</summary>
internal sealed class SmsConnectorServices(IHttpClientFactory httpClientFactory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
{
    public IHttpClientFactory HttpClientFactory { get; } = httpClientFactory;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>The name of the <see cref="HttpClient"/> a connector uses.</summary>
    public static string HttpClientName(string connectorName) => "SmsConnectors." + connectorName;
}
