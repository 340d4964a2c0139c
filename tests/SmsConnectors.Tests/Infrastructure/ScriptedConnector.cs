using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsConnectors.DependencyInjection;

namespace SmsConnectors.Tests.Infrastructure;

/// <summary>A connector whose outcome a test decides; counts its calls.</summary>
public sealed class ScriptedConnector(string name, Func<SmsMessage, SmsSendResult> behaviour) : ISmsConnector
{
    private int _calls;

    public string Name { get; } = name;

    public int Calls => _calls;

    public Task<SmsSendResult> SendAsync(SmsMessage message, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(behaviour(message));
    }

    public static ScriptedConnector Succeeding(string name) =>
        new(name, _ => new SmsSendResult { ConnectorName = name, MessageId = name + "-id" });

    public static ScriptedConnector Failing(string name, SmsErrorCode code, bool mayHaveBeenSent) =>
        new(name, _ => throw new SmsConnectorException(code, $"{name} failed") { MayHaveBeenSent = mayHaveBeenSent, ConnectorName = name });
}

public sealed class ScriptedOptions;

public static class ScriptedConnectorRegistration
{
    /// <summary>Registers <paramref name="connector"/> under its name, as a vendor connector would be.</summary>
    public static SmsConnectorsBuilder AddScripted(this SmsConnectorsBuilder builder, ScriptedConnector connector) =>
        Register(builder, new ConnectorProvider<ScriptedOptions, AcceptAll>("Scripted", static (_, _) => { }, (_, _) => connector), connector.Name);

    private static SmsConnectorsBuilder Register(SmsConnectorsBuilder builder, ConnectorProvider<ScriptedOptions, AcceptAll> provider, string name)
    {
        provider.Add(builder.Services, builder.Registry, name, _ => { });
        return builder;
    }

    private sealed class AcceptAll : IValidateOptions<ScriptedOptions>
    {
        public ValidateOptionsResult Validate(string? name, ScriptedOptions options) => ValidateOptionsResult.Success;
    }
}
