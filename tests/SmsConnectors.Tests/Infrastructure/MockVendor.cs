using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>
/// One vendor connector behind a <see cref="MockHttpMessageHandler"/>: sends a message while the mock
/// plays the vendor, and hands back what was sent or what came of the answer.
/// </summary>
/// <typeparam name="TOptions">The connector's options.</typeparam>
/// <param name="connectorName">The name the connector is registered under.</param>
/// <param name="url">The vendor URL the mock answers by default.</param>
/// <param name="build">Builds a provider whose connector sends through the mock, with the options adjusted by the action.</param>
public sealed class MockVendor<TOptions>(string connectorName, string url, Func<MockHttpMessageHandler, Action<TOptions>?, ServiceProvider> build)
{
    /// <summary>Sends <paramref name="message"/> while the vendor answers with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public async Task<SmsSendResult> SendAsync(SmsMessage message, HttpStatusCode status, string body, string mediaType = "application/json", Action<TOptions>? configure = null)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, url).Respond(status, mediaType, body);
        await using var provider = build(mock, configure);
        return await provider.GetRequiredKeyedService<ISmsConnector>(connectorName).SendAsync(message);
    }

    /// <summary>Like <see cref="SendAsync"/>, for an answer that must fail.</summary>
    public Task<SmsConnectorException> FailAsync(SmsMessage message, HttpStatusCode status, string body, string mediaType = "application/json", Action<TOptions>? configure = null) =>
        Assert.ThrowsAsync<SmsConnectorException>(() => SendAsync(message, status, body, mediaType, configure));

    /// <summary>Sends <paramref name="message"/> and returns the one request the vendor received at <paramref name="expectedUrl"/> (the default URL unless given).</summary>
    public async Task<RecordedRequest> CaptureAsync(SmsMessage message, string answer, Action<TOptions>? configure = null, string? expectedUrl = null)
    {
        var mock = new MockHttpMessageHandler();
        var requests = mock.When(expectedUrl ?? url).Record(HttpStatusCode.OK, answer);
        await using var provider = build(mock, configure);
        await provider.GetRequiredKeyedService<ISmsConnector>(connectorName).SendAsync(message);
        return Assert.Single(requests);
    }
}
