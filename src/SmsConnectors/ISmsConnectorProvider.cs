using System.Diagnostics.CodeAnalysis;

namespace SmsConnectors;

/// <summary>Looks up registered connectors by name at run time.</summary>
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Get and Default are the library's fixed public names.")]
public interface ISmsConnectorProvider
{
    /// <summary>Gets the names of every registered connector, in registration order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Gets the name of the default connector.</summary>
    string DefaultName { get; }

    /// <summary>Gets the default connector.</summary>
    ISmsConnector Default { get; }

    /// <summary>Gets the connector registered under <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">The connector's name.</param>
    /// <returns>The connector.</returns>
    /// <exception cref="SmsConnectorException">No connector has that name (<see cref="SmsErrorCode.InvalidConfig"/>).</exception>
    ISmsConnector Get(string name);

    /// <summary>Tries to get the connector registered under <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">The connector's name.</param>
    /// <param name="connector">The connector, when found.</param>
    /// <returns><see langword="true"/> when a connector has that name.</returns>
    bool TryGet(string name, [NotNullWhen(true)] out ISmsConnector? connector);
}
