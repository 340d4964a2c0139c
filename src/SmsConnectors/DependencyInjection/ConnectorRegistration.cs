namespace SmsConnectors.DependencyInjection;

/// <summary>One registered connector.</summary>
/// <param name="Name">The connector's name.</param>
/// <param name="Provider">Its kind (<c>Seven</c>, <c>Outbox</c>, <c>Failover</c>, ...).</param>
internal sealed record ConnectorRegistration(string Name, string Provider)
{
    /// <summary>Gets the kind of connector, which knows how to register, bind and stand in for it.</summary>
    public ConnectorProvider? Kind { get; init; }

    /// <summary>For composite connectors: the names of the connectors it sends through, read from its current options.</summary>
    public Func<IServiceProvider, IReadOnlyList<string>>? Children { get; init; }
}
